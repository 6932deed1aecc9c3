// A lead's customer segment: the persona's name with its cluster's colour (the same colour as
// on the segmentation page); "–" for a lead in no cluster.
import { clusterColours } from '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { personaName } from '@/lib/persona';
import type { LeadSegment } from '@/types/api';

export function PersonaBadge({ segment, className = 'max-w-[18rem]' }: { segment: LeadSegment | null | undefined; className?: string }) {
  const { t, lang } = useI18n();
  if (!segment) return <span className="text-slate-400">–</span>;
  const colour = clusterColours[segment.cluster % clusterColours.length];
  return (
    <span
      className={`inline-flex min-w-0 ${className} items-center gap-1.5 rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs font-medium text-slate-700`}
      title={t('lead.segmentTitle', { cluster: segment.cluster, id: segment.segmentation_id })}
      data-testid="persona-badge"
    >
      <span className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: colour }} aria-hidden />
      <span className="truncate">{personaName(segment, lang)}</span>
    </span>
  );
}
