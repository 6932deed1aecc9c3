// Any address the app does not know.
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';

export function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <p className="text-slate-600">{t('notFound.text')}</p>
      <Link to="/" className="text-sm font-medium text-teal-700 hover:underline">{t('notFound.home')}</Link>
    </div>
  );
}
