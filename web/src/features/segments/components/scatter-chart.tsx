// The customers as points on the first two features, coloured by cluster, with each cluster's
// centroid drawn as a larger cross.
import { Scatter } from 'react-chartjs-2';
import { clusterColours } from '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import { personaName } from '@/lib/persona';
import type { SegmentationDetail } from '@/types/api';

export function ScatterChart({ segmentation }: { segmentation: SegmentationDetail }) {
  const { t, lang } = useI18n();
  const [xName, yName] = segmentation.features;
  const datasets = segmentation.clusters.map((cluster) => ({
    label: `${cluster.id}: ${personaName(cluster, lang)}`,
    data: segmentation.sample.filter((p) => p.cluster === cluster.id).map((p) => ({ x: p.values[0], y: p.values[1] ?? 0 })),
    backgroundColor: `${clusterColours[cluster.id % clusterColours.length]}99`,
    pointRadius: 3,
  }));
  datasets.push({
    label: t('segments.centroids'),
    data: segmentation.clusters.map((c) => ({ x: c.centroid[0], y: c.centroid[1] ?? 0 })),
    backgroundColor: '#0f172a',
    pointRadius: 9,
    pointStyle: 'crossRot',
    borderColor: '#0f172a',
    borderWidth: 3,
  } as (typeof datasets)[number]);
  return (
    <div className="h-80" data-testid="scatter-chart">
      <Scatter
        data={{ datasets }}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          scales: {
            x: { title: { display: true, text: xName } },
            y: { title: { display: true, text: yName ?? '' } },
          },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}
