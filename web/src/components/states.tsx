// The three states every page shows besides its data: loading, empty and error.
import type { ReactNode } from 'react';
import { AlertTriangle, Inbox, Loader2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { describeError } from '@/lib/errors';
import { Button } from './button';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-10 text-sm text-slate-500">
      <Loader2 className="h-5 w-5 animate-spin" aria-hidden />
      {label ?? t('common.loading')}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 py-10 text-center text-sm text-slate-500">
      <Inbox className="h-8 w-8 text-slate-300" aria-hidden />
      <p className="font-medium text-slate-600">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-3 py-10 text-center text-sm">
      <AlertTriangle className="h-8 w-8 text-rose-400" aria-hidden />
      <p className="text-rose-700">{describeError(error, t, lang)}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

// The message under a form whose request failed.
export function FormError({ error }: { error: Error | null | undefined }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
      {describeError(error, t, lang)}
    </p>
  );
}
