// A determinate progress bar: done of total, with the percentage for screen readers.
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';

export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const { lang } = useI18n();
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="w-full">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-teal-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {formatNumber(done, lang)} / {formatNumber(total, lang)} ({formatPercent(percent / 100, lang, 0)})
      </p>
    </div>
  );
}
