// The whole "Performa Saya" view of one sales person: counts, chart over time, followed leads.
// The sales' own page and the admin's per-sales page both show this.
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Card } from '@/components/card';
import { controlClass } from '@/components/field';
import { ErrorState, LoadingState } from '@/components/states';
import { usePerformance } from '../api/get-performance';
import { ActivityChart } from './activity-chart';
import { FollowedLeads } from './followed-leads';
import { StatusCounts } from './status-counts';

export function PerformanceView({ userId }: { userId: number | 'me' }) {
  const { t, lang } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error, loading, refetch } = usePerformance(userId, days);
  if (loading && !data) return <LoadingState />;
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (!data) return null;
  return (
    <div className="space-y-4">
      <StatusCounts performance={data} />
      <Card
        title={t('perf.overTime')}
        actions={
          <select aria-label={t('perf.period')} className={`${controlClass} w-auto`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>{t('perf.days', { days: formatNumber(d, lang) })}</option>
            ))}
          </select>
        }
      >
        <ActivityChart days={data.per_day} />
      </Card>
      <Card title={t('perf.history')}>
        <FollowedLeads leads={data.leads} />
      </Card>
    </div>
  );
}
