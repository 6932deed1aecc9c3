// Lift per decile of the ranking (bars) and the cumulative capture rate (line): how much better
// than random the top of the list is, and what share of all buyers it holds.
import { Chart } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import type { ModelCurves } from '@/types/api';

export function LiftChart({ deciles }: { deciles: ModelCurves['deciles'] }) {
  const { t, lang } = useI18n();
  const data = {
    labels: deciles.map((d) => `${d.decile * 10}%`),
    datasets: [
      { type: 'bar' as const, label: t('models.lift'), data: deciles.map((d) => d.lift), backgroundColor: '#14b8a6', yAxisID: 'y' },
      { type: 'line' as const, label: t('models.capture'), data: deciles.map((d) => d.capture * 100), borderColor: '#d97706', backgroundColor: '#d97706', yAxisID: 'y1' },
    ],
  };
  return (
    <div className="h-64">
      <Chart
        type="bar"
        data={data}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          scales: {
            x: { title: { display: true, text: t('models.topOfRanking') } },
            y: { beginAtZero: true, title: { display: true, text: t('models.lift') } },
            y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: `${t('models.capture')} (%)` } },
          },
        }}
      />
    </div>
  );
}
