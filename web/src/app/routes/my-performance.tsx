// "Performa Saya": the sales person's own history, counts, conversion rate and chart.
import { useI18n } from '@/lib/i18n/i18n';
import { PageHeader } from '@/components/page-header';
import { PerformanceView } from '@/features/performance/components/performance-view';

export function MyPerformanceRoute() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader title={t('nav.performance')} subtitle={t('perf.subtitle')} />
      <PerformanceView userId="me" />
    </div>
  );
}
