// The frame of every signed-in page: the header (brand, navigation for the user's role, the
// user and their role, language switch, change password, logout) and the page below it. On a
// phone the navigation folds into a menu. A page that fails to load (its code chunk cannot be
// fetched) shows a message with a reload button instead of a blank page. While signed in, the
// live updates keep the pages' lists current, and a sales person's due call-backs pop up.
import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { BarChart3, Brain, Calculator, Database, KeyRound, LayoutDashboard, LogOut, Menu, PieChart, Users, X, type LucideIcon } from 'lucide-react';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { LanguageSwitch } from '@/components/language-switch';
import { Modal } from '@/components/modal';
import { LoadingState } from '@/components/states';
import { PageErrorBoundary } from '@/components/page-error-boundary';
import { LiveUpdatesProvider } from '@/lib/live-updates';
import { useAuth } from '@/features/auth/components/auth-provider';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { CallbackNotices } from '@/features/leads/components/callback-notices';
import type { Role } from '@/types/api';

interface NavItem {
  to: string;
  label: MessageKey;
  icon: LucideIcon;
}

const navigation: Record<Role, NavItem[]> = {
  admin: [
    { to: '/admin', label: 'nav.dashboard', icon: LayoutDashboard },
    { to: '/admin/users', label: 'nav.users', icon: Users },
    { to: '/admin/leads', label: 'nav.manageLeads', icon: Database },
    { to: '/admin/models', label: 'nav.models', icon: Brain },
    { to: '/segments', label: 'nav.segments', icon: PieChart },
    { to: '/what-if', label: 'nav.whatIf', icon: Calculator },
  ],
  sales: [
    { to: '/sales', label: 'nav.callList', icon: LayoutDashboard },
    { to: '/performance', label: 'nav.performance', icon: BarChart3 },
    { to: '/segments', label: 'nav.segments', icon: PieChart },
    { to: '/what-if', label: 'nav.whatIf', icon: Calculator },
  ],
};

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {items.map(({ to, label, icon: Icon }) => (
        <NavLink
          key={to}
          to={to}
          end
          onClick={onNavigate}
          className={({ isActive }) =>
            `flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-teal-50 text-teal-800' : 'text-slate-600 hover:bg-slate-100'}`
          }
        >
          <Icon className="h-4 w-4" aria-hidden />
          {t(label)}
        </NavLink>
      ))}
    </>
  );
}

export function AppShell() {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const { pathname } = useLocation();
  const items = user ? navigation[user.role] : [];
  return (
    <LiveUpdatesProvider enabled={user !== null}>
      <div className="min-h-screen">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
          <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-2">
            <button type="button" className="rounded p-1.5 text-slate-600 hover:bg-slate-100 lg:hidden" aria-label={t('nav.menu')} aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
              {menuOpen ? <X className="h-5 w-5" /> : <Menu className="h-5 w-5" />}
            </button>
            <NavLink to={user ? (user.role === 'admin' ? '/admin' : '/sales') : '/'} className="flex items-center gap-2 font-semibold text-teal-800">
              <img src="/favicon.svg" alt="" className="h-7 w-7" />
              <span>leadscore</span>
            </NavLink>
            <nav className="ml-4 hidden items-center gap-1 lg:flex" aria-label={t('nav.main')}>
              <NavLinks items={items} />
            </nav>
            <div className="ml-auto flex items-center gap-3">
              <LanguageSwitch />
              {user && (
                <div className="hidden text-right sm:block" data-testid="current-user">
                  <p className="text-sm font-medium leading-tight">{user.display_name}</p>
                  <p className="text-xs leading-tight text-slate-500">{t(`role.${user.role}`)}</p>
                </div>
              )}
              {user && (
                <button type="button" onClick={() => setPasswordOpen(true)} className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100" title={t('password.title')} aria-label={t('password.title')}>
                  <KeyRound className="h-4 w-4" aria-hidden />
                  <span className="hidden 2xl:inline">{t('password.short')}</span>
                </button>
              )}
              <button type="button" onClick={() => void signOut()} className="flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100" title={t('nav.logout')}>
                <LogOut className="h-4 w-4" aria-hidden />
                <span className="hidden md:inline">{t('nav.logout')}</span>
              </button>
            </div>
          </div>
          {menuOpen && (
            <nav className="flex flex-col gap-1 border-t border-slate-100 px-4 py-2 lg:hidden" aria-label={t('nav.main')}>
              {user && (
                <p className="px-3 py-1 text-xs text-slate-500">
                  {user.display_name} · {t(`role.${user.role}`)}
                </p>
              )}
              <NavLinks items={items} onNavigate={() => setMenuOpen(false)} />
            </nav>
          )}
        </header>
        {passwordOpen && (
          <Modal title={t('password.title')} open onClose={() => setPasswordOpen(false)}>
            <ChangePasswordForm />
          </Modal>
        )}
        <main className="mx-auto max-w-7xl px-4 py-5">
          <PageErrorBoundary resetKey={pathname}>
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </main>
        {user?.role === 'sales' && <CallbackNotices />}
      </div>
    </LiveUpdatesProvider>
  );
}
