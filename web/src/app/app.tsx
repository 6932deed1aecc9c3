// The app: providers (language, session) and the route table. A new page is one route here
// plus its file in app/routes/.
import { lazy, type ComponentType } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from '@/lib/i18n/i18n';
import { AuthProvider } from '@/features/auth/components/auth-provider';
import { RequireRole } from '@/features/auth/components/require-role';
import { AppShell } from './layout/app-shell';
import { LandingRoute } from './routes/landing';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';

// Signed-in pages load on first visit, so the landing and login pages stay small.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const AdminDashboardRoute = page(() => import('./routes/admin-dashboard'), 'AdminDashboardRoute');
const AdminUsersRoute = page(() => import('./routes/admin-users'), 'AdminUsersRoute');
const AdminUserRoute = page(() => import('./routes/admin-user'), 'AdminUserRoute');
const ManageLeadsRoute = page(() => import('./routes/manage-leads'), 'ManageLeadsRoute');
const ModelsRoute = page(() => import('./routes/models'), 'ModelsRoute');
const SalesDashboardRoute = page(() => import('./routes/sales-dashboard'), 'SalesDashboardRoute');
const LeadDetailRoute = page(() => import('./routes/lead-detail'), 'LeadDetailRoute');
const MyPerformanceRoute = page(() => import('./routes/my-performance'), 'MyPerformanceRoute');
const SegmentsRoute = page(() => import('./routes/segments'), 'SegmentsRoute');
const WhatIfRoute = page(() => import('./routes/what-if'), 'WhatIfRoute');

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <AuthProvider>
          <Routes>
            <Route path="/" element={<LandingRoute />} />
            <Route path="/login" element={<LoginRoute />} />
            <Route element={<AppShell />}>
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="/admin" element={<AdminDashboardRoute />} />
                <Route path="/admin/users" element={<AdminUsersRoute />} />
                <Route path="/admin/users/:id" element={<AdminUserRoute />} />
                <Route path="/admin/leads" element={<ManageLeadsRoute />} />
                <Route path="/admin/models" element={<ModelsRoute />} />
              </Route>
              <Route element={<RequireRole roles={['sales']} />}>
                <Route path="/sales" element={<SalesDashboardRoute />} />
                <Route path="/performance" element={<MyPerformanceRoute />} />
              </Route>
              <Route element={<RequireRole roles={['admin', 'sales']} />}>
                <Route path="/leads/:id" element={<LeadDetailRoute />} />
                <Route path="/segments" element={<SegmentsRoute />} />
                <Route path="/what-if" element={<WhatIfRoute />} />
              </Route>
            </Route>
            <Route path="/index.html" element={<Navigate to="/" replace />} />
            <Route path="*" element={<NotFoundRoute />} />
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </I18nProvider>
  );
}
