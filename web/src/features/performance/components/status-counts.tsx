// Counts per status and the conversion rate of one sales person, as KPI tiles.
import { CheckCircle2, Percent, PhoneCall, XCircle } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { KpiTile } from '@/components/kpi-tile';
import type { Performance } from '@/types/api';

export function StatusCounts({ performance }: { performance: Performance }) {
  const { t, lang } = useI18n();
  const { counts } = performance;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="status-counts">
      <KpiTile label={t('status.contacted')} value={formatNumber(counts.contacted, lang)} tone="sky" icon={<PhoneCall className="h-5 w-5" />} />
      <KpiTile label={t('status.converted')} value={formatNumber(counts.converted, lang)} tone="emerald" icon={<CheckCircle2 className="h-5 w-5" />} />
      <KpiTile label={t('status.rejected')} value={formatNumber(counts.rejected, lang)} tone="rose" icon={<XCircle className="h-5 w-5" />} />
      <KpiTile label={t('perf.conversionRate')} value={formatPercent(performance.conversion_rate, lang)} tone="teal" icon={<Percent className="h-5 w-5" />} />
    </div>
  );
}
