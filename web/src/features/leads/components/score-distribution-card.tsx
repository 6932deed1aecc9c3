// The dashboard's score distribution: the histogram of the scores the server counted, and how
// many of the leads are scored.
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Card } from '@/components/card';
import { EmptyState } from '@/components/states';
import type { LeadStats } from '../api/get-lead-stats';
import { ScoreHistogramChart } from './score-histogram-chart';

export function ScoreDistributionCard({ stats }: { stats: LeadStats }) {
  const { t, lang } = useI18n();
  const scored = stats.total - stats.unscored;
  return (
    <Card
      title={t('dashboard.histogram')}
      actions={
        <span className="text-xs text-slate-500" data-testid="scored-count">
          {t('dashboard.scoredOf', { scored: formatNumber(scored, lang), total: formatNumber(stats.total, lang) })}
        </span>
      }
    >
      {scored === 0 ? <EmptyState title={t('dashboard.noScores')} /> : <ScoreHistogramChart bins={stats.histogram} />}
    </Card>
  );
}
