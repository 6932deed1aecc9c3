// Whether a lead's score went up or down at the last refresh.
import { ArrowDownRight, ArrowRight, ArrowUpRight, Sparkles } from 'lucide-react';
import type { Trend } from '@/types/api';
import { useI18n } from '@/lib/i18n/i18n';

export function TrendArrow({ trend }: { trend: Trend | null | undefined }) {
  const { t } = useI18n();
  if (!trend) return <span className="text-slate-400">–</span>;
  const label = t(`trend.${trend}`);
  const common = { className: 'h-4 w-4', 'aria-hidden': true } as const;
  const icon =
    trend === 'up' ? (
      <ArrowUpRight {...common} />
    ) : trend === 'down' ? (
      <ArrowDownRight {...common} />
    ) : trend === 'new' ? (
      <Sparkles {...common} />
    ) : (
      <ArrowRight {...common} />
    );
  const colour =
    trend === 'up' ? 'text-emerald-600' : trend === 'down' ? 'text-rose-600' : 'text-slate-400';
  return (
    <span title={label} aria-label={label} data-trend={trend} className={`inline-flex ${colour}`}>
      {icon}
    </span>
  );
}
