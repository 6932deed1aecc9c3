// The dashboard's score distribution: the histogram of the scores when the server counts one,
// otherwise the leads per grade (and those not scored yet).
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Card } from '@/components/card';
import { EmptyState } from '@/components/states';
import type { LeadStats } from '../api/get-lead-stats';
import { GradeDistributionChart } from './grade-distribution-chart';
import { ScoreHistogramChart } from './score-histogram-chart';

export function ScoreDistributionCard({ stats }: { stats: LeadStats }) {
  const { t, lang } = useI18n();
  if (!stats.histogram) {
    return (
      <Card title={t('dashboard.distribution')}>
        <GradeDistributionChart byGrade={stats.byGrade} unscored={stats.unscored} />
      </Card>
    );
  }
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
