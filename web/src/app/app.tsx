// The app: providers (language, session) and the route table. A new page is one route here
// plus its file in app/routes/.
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from '@/lib/i18n/i18n';
import { AuthProvider } from '@/features/auth/components/auth-provider';
import { RequireRole } from '@/features/auth/components/require-role';
import { AppShell } from './layout/app-shell';
import { LandingRoute } from './routes/landing';
import { LoginRoute } from './routes/login';
import { AdminDashboardRoute } from './routes/admin-dashboard';
import { AdminUsersRoute } from './routes/admin-users';
import { AdminUserRoute } from './routes/admin-user';
import { ManageLeadsRoute } from './routes/manage-leads';
import { ModelsRoute } from './routes/models';
import { SalesDashboardRoute } from './routes/sales-dashboard';
import { LeadDetailRoute } from './routes/lead-detail';
import { MyPerformanceRoute } from './routes/my-performance';
import { SegmentsRoute } from './routes/segments';
import { WhatIfRoute } from './routes/what-if';
import { NotFoundRoute } from './routes/not-found';

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
