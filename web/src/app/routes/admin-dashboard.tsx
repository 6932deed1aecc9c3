// Admin dashboard: KPI tiles, the score distribution (a histogram of the scores), "Refresh Skor
// ML" with its progress, and the ranked list of every lead.
import { useCallback, useState } from 'react';
import { CheckCircle2, Clock, Percent, PhoneCall, Users, XCircle } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { KpiTile } from '@/components/kpi-tile';
import { PageHeader } from '@/components/page-header';
import { ErrorState, LoadingState } from '@/components/states';
import { useLeadStats } from '@/features/leads/api/get-lead-stats';
import { ScoreDistributionCard } from '@/features/leads/components/score-distribution-card';
import { RefreshScoresButton } from '@/features/scoring/components/refresh-scores-button';
import { RankedLeads } from '@/app/components/ranked-leads';

export function AdminDashboardRoute() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const stats = useLeadStats(version);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const s = stats.data;
  return (
    <div className="space-y-4">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} actions={<RefreshScoresButton onFinished={bump} />} />
      {stats.error ? (
        <ErrorState error={stats.error} onRetry={stats.refetch} />
      ) : !s ? (
        <LoadingState />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="kpis">
            <KpiTile label={t('dashboard.leads')} value={formatNumber(s.total, lang)} icon={<Users className="h-5 w-5" />} />
            <KpiTile label={t('status.pending')} value={formatNumber(s.byStatus.pending, lang)} icon={<Clock className="h-5 w-5" />} tone="amber" />
            <KpiTile label={t('status.contacted')} value={formatNumber(s.byStatus.contacted, lang)} icon={<PhoneCall className="h-5 w-5" />} tone="sky" />
            <KpiTile label={t('status.converted')} value={formatNumber(s.byStatus.converted, lang)} icon={<CheckCircle2 className="h-5 w-5" />} tone="emerald" />
            <KpiTile label={t('status.rejected')} value={formatNumber(s.byStatus.rejected, lang)} icon={<XCircle className="h-5 w-5" />} tone="rose" />
            <KpiTile label={t('perf.conversionRate')} value={formatPercent(s.conversionRate, lang)} icon={<Percent className="h-5 w-5" />} tone="teal" />
          </div>
          <ScoreDistributionCard stats={s} />
        </>
      )}
      <RankedLeads version={version} />
    </div>
  );
}
