// One card per cluster: its persona, size and share, centroid in the features' own units,
// and the description.
import { Users } from 'lucide-react';
import { clusterColours } from '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { personaDescription, personaName } from '@/lib/persona';
import type { SegmentationDetail } from '@/types/api';

export function PersonaCards({ segmentation, featureLabel = (name) => name }: {
  segmentation: SegmentationDetail;
  featureLabel?: (name: string) => string;
}) {
  const { t, lang } = useI18n();
  const total = segmentation.clusters.reduce((sum, c) => sum + c.size, 0) || 1;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="persona-cards">
      {segmentation.clusters.map((cluster) => (
        <article key={cluster.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <header className="flex items-center gap-2">
            <span className="h-3 w-3 rounded-full" style={{ backgroundColor: clusterColours[cluster.id % clusterColours.length] }} aria-hidden />
            <h3 className="font-semibold">{personaName(cluster, lang)}</h3>
            <span className="ml-auto text-xs text-slate-500">#{cluster.id}</span>
          </header>
          <p className="mt-1 flex items-center gap-1 text-sm text-slate-600">
            <Users className="h-4 w-4" aria-hidden />
            {t('segments.size', { size: formatNumber(cluster.size, lang), share: formatPercent(cluster.size / total, lang, 0) })}
          </p>
          <dl className="mt-2 space-y-0.5 text-xs">
            {segmentation.features.map((feature, i) => (
              <div key={feature} className="flex justify-between gap-2">
                <dt className="text-slate-500">{featureLabel(feature)}</dt>
                <dd className="font-medium tabular-nums">{formatNumber(cluster.centroid[i], lang, 1)}</dd>
              </div>
            ))}
          </dl>
          {personaDescription(cluster, lang) && <p className="mt-2 text-sm text-slate-700">{personaDescription(cluster, lang)}</p>}
        </article>
      ))}
    </div>
  );
}
