// Sign-in. After it, the user goes back where they were, or to their role's home page.
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { LanguageSwitch } from '@/components/language-switch';
import { homeFor, useAuth } from '@/features/auth/components/auth-provider';
import { LoginForm } from '@/features/auth/components/login-form';
import { useServerInfo } from '@/features/auth/api/get-info';
import type { User } from '@/types/api';

export function LoginRoute() {
  const { t } = useI18n();
  const { user, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; expired?: boolean };
  const info = useServerInfo();
  if (user) return <Navigate to={homeFor(user)} replace />;

  const done = (me: User) => {
    signedIn(me);
    const from = state.from && state.from !== '/login' && state.from !== '/' ? state.from : homeFor(me);
    navigate(from, { replace: true });
  };

  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-teal-50 to-white">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-4">
        <Link to="/" className="flex items-center gap-2 text-lg font-semibold text-teal-800">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          leadscore
        </Link>
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10">
        <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{t('login.title')}</h1>
          <p className="mb-5 text-sm text-slate-500">{t('login.subtitle')}</p>
          {state.expired && <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{t('login.expired')}</p>}
          <LoginForm onSuccess={done} />
          {info.data?.demo && <p className="mt-4 text-xs text-slate-500">{t('login.demoHint')}</p>}
        </div>
      </main>
    </div>
  );
}
