// Status changes per day over the period, with the conversions among them.
import { Bar } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDate, numberLocale } from '@/lib/format';
import type { PerformanceDay } from '@/types/api';

export function ActivityChart({ days }: { days: PerformanceDay[] }) {
  const { t, lang } = useI18n();
  const data = {
    labels: days.map((d) => formatDate(d.date, lang)),
    datasets: [
      { label: t('status.converted'), data: days.map((d) => d.converted), backgroundColor: '#059669', stack: 's' },
      { label: t('perf.otherChanges'), data: days.map((d) => Math.max(0, d.changes - d.converted)), backgroundColor: '#38bdf8', stack: 's' },
    ],
  };
  return (
    <div className="h-64">
      <Bar
        data={data}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        }}
      />
    </div>
  );
}
