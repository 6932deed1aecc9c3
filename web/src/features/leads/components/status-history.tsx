// A lead's history, oldest first: status changes (who, when, from, to, the note and any
// call-back), call attempts, assignments, do-not-call marks, and undone or reverted closings
// (with the admin's reason).
import { ArrowRight } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime } from '@/lib/format';
import { StatusBadge } from '@/components/status-badge';
import type { ActivityEntry } from '@/types/api';

export function StatusHistory({ entries }: { entries: ActivityEntry[] }) {
  const { t, lang } = useI18n();
  if (entries.length === 0) return <p className="text-sm text-slate-500">{t('history.empty')}</p>;
  return (
    <ol className="space-y-3" data-testid="status-history">
      {entries.map((entry) => (
        <li key={entry.id} className="border-l-2 border-teal-200 pl-3 text-sm">
          {entry.kind === 'attempt' ? (
            <p className="font-medium text-slate-700" data-testid="history-attempt">
              {t('history.attempt', { outcome: entry.outcome ? t(`attempt.${entry.outcome}`) : '' })}
            </p>
          ) : entry.kind === 'assign' || entry.kind === 'release' || entry.kind === 'do_not_call' || entry.kind === 'call_allowed' ? (
            <p className="font-medium text-slate-700" data-testid={`history-${entry.kind}`}>
              {t(`history.${entry.kind}`, { name: entry.subject?.display_name || t('history.someone') })}
            </p>
          ) : entry.kind === 'undo' || entry.kind === 'revert' ? (
            <div className="flex flex-wrap items-center gap-1.5" data-testid={`history-${entry.kind}`}>
              <span className="font-medium text-slate-700">{t(`history.${entry.kind}`)}:</span>
              <StatusBadge status={entry.from_status} />
              <ArrowRight className="h-3.5 w-3.5 text-slate-400" aria-hidden />
              <StatusBadge status={entry.to_status} />
            </div>
          ) : (
            <div className="flex flex-wrap items-center gap-1.5">
              <StatusBadge status={entry.from_status} />
              <ArrowRight className="h-3.5 w-3.5 text-slate-400" aria-hidden />
              <StatusBadge status={entry.to_status} />
            </div>
          )}
          <p className="mt-1 text-xs text-slate-500">
            {t('history.by', { name: entry.user.display_name, time: formatDateTime(entry.at, lang) })}
          </p>
          {entry.note && <p className="mt-1 text-slate-700">“{entry.note}”</p>}
          {entry.reason && <p className="mt-1 text-slate-700">{t('history.reason', { reason: entry.reason })}</p>}
          {entry.callback_at && (
            <p className="text-xs text-amber-700">{t('history.callback', { time: formatDateTime(entry.callback_at, lang) })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
