// The public front page: what the portal does, and the way in.
import { Link, Navigate } from 'react-router';
import { BarChart3, LogIn, PhoneCall, PieChart, ShieldCheck } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { LanguageSwitch } from '@/components/language-switch';
import { homeFor, useAuth } from '@/features/auth/components/auth-provider';

const features = [
  { icon: PhoneCall, title: 'landing.f1Title', text: 'landing.f1Text' },
  { icon: BarChart3, title: 'landing.f2Title', text: 'landing.f2Text' },
  { icon: PieChart, title: 'landing.f3Title', text: 'landing.f3Text' },
  { icon: ShieldCheck, title: 'landing.f4Title', text: 'landing.f4Text' },
] as const;

export function LandingRoute() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (user) return <Navigate to={homeFor(user)} replace />;
  return (
    <div className="min-h-screen bg-gradient-to-b from-teal-50 to-white">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4">
        <span className="flex items-center gap-2 text-lg font-semibold text-teal-800">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          leadscore
        </span>
        <LanguageSwitch />
      </header>
      <main className="mx-auto max-w-6xl px-4 pb-16 pt-10">
        <section className="max-w-2xl">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t('landing.title')}</h1>
          <p className="mt-4 text-lg text-slate-600">{t('landing.subtitle')}</p>
          <Link to="/login" className="mt-8 inline-flex items-center gap-2 rounded-md bg-teal-700 px-5 py-3 text-sm font-semibold text-white shadow hover:bg-teal-800">
            <LogIn className="h-4 w-4" aria-hidden />
            {t('landing.login')}
          </Link>
        </section>
        <section className="mt-14 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {features.map(({ icon: Icon, title, text }) => (
            <div key={title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <Icon className="h-6 w-6 text-teal-700" aria-hidden />
              <h2 className="mt-3 font-semibold">{t(title)}</h2>
              <p className="mt-1 text-sm text-slate-600">{t(text)}</p>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
