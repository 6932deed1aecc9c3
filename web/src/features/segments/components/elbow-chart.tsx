// Within-cluster sum of squares for k = 1..10, with the chosen k marked, and silhouette where
// the server computed it.
import { Chart } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import type { SegmentationDetail } from '@/types/api';

export function ElbowChart({ elbow, chosenK }: { elbow: SegmentationDetail['elbow']; chosenK: number }) {
  const { t, lang } = useI18n();
  const hasSilhouette = elbow.some((e) => e.silhouette !== null && e.silhouette !== undefined);
  const data = {
    labels: elbow.map((e) => String(e.k)),
    datasets: [
      {
        type: 'line' as const,
        label: 'WCSS',
        data: elbow.map((e) => e.wcss),
        borderColor: '#0f766e',
        backgroundColor: '#0f766e',
        pointRadius: elbow.map((e) => (e.k === chosenK ? 8 : 3)),
        pointBackgroundColor: elbow.map((e) => (e.k === chosenK ? '#d97706' : '#0f766e')),
        yAxisID: 'y',
      },
      ...(hasSilhouette
        ? [{ type: 'line' as const, label: t('segments.silhouette'), data: elbow.map((e) => e.silhouette ?? null), borderColor: '#7c3aed', backgroundColor: '#7c3aed', borderDash: [4, 4], yAxisID: 'y1' }]
        : []),
    ],
  };
  return (
    <div className="h-64" data-testid="elbow-chart">
      <Chart
        type="line"
        data={data}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          scales: {
            x: { title: { display: true, text: 'k' } },
            y: { beginAtZero: true, title: { display: true, text: 'WCSS' } },
            ...(hasSilhouette ? { y1: { position: 'right' as const, min: -1, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: t('segments.silhouette') } } } : {}),
          },
        }}
      />
      <p className="mt-1 text-xs text-slate-500">{t('segments.chosenK', { k: chosenK })}</p>
    </div>
  );
}
