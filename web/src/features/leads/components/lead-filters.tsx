// Search and filters above a lead list. Text search waits for the user to stop typing. The
// segment filter offers the clusters of one segmentation (the most recent one of the leads),
// when the caller has one.
import { useEffect, useState } from 'react';
import { Search } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { personaName } from '@/lib/persona';
import { controlClass } from '@/components/field';
import { grades, leadStatuses, type Cluster, type LeadQuery, type LeadSort } from '@/types/api';

export interface SegmentChoices {
  segmentationId: number;
  clusters: Pick<Cluster, 'id' | 'persona' | 'persona_id'>[];
}

export function LeadFilters({ query, onChange, showMine = false, segments = null }: {
  query: LeadQuery;
  onChange: (next: LeadQuery) => void;
  showMine?: boolean;
  segments?: SegmentChoices | null;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => {
    if (text === (query.q ?? '')) return;
    const id = setTimeout(() => onChange({ ...query, q: text, page: 1 }), 300);
    return () => clearTimeout(id);
  }, [text, query, onChange]);

  const sorts: LeadSort[] = ['rank', 'score_asc', 'name', 'recent'];
  const showSegments = segments !== null && segments.clusters.length > 0;
  const onSegment = (value: string) => {
    const cluster = value === '' || !segments ? null : Number(value);
    onChange({ ...query, segment: cluster ?? undefined, segmentation_id: cluster === null ? undefined : segments?.segmentationId, page: 1 });
  };
  // Two columns on a phone; from 640 px a row that wraps, each select as wide as its longest
  // choice, so that no label is cut ("Semua statu…") however narrow the card is.
  const fit = 'sm:w-auto sm:max-w-[20rem]';
  return (
    <div className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
      <label className="relative col-span-2 sm:min-w-[14rem] sm:flex-1">
        <span className="sr-only">{t('filters.search')}</span>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" aria-hidden />
        <input
          type="search"
          className={`${controlClass} pl-8`}
          placeholder={t('filters.searchPlaceholder')}
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <select aria-label={t('lead.status')} className={`${controlClass} ${fit}`} value={query.status ?? ''} onChange={(e) => onChange({ ...query, status: e.target.value as LeadQuery['status'], page: 1 })}>
        <option value="">{t('filters.allStatuses')}</option>
        {leadStatuses.map((s) => (
          <option key={s} value={s}>{t(`status.${s}`)}</option>
        ))}
      </select>
      <select aria-label={t('lead.grade')} className={`${controlClass} ${fit}`} value={query.grade ?? ''} onChange={(e) => onChange({ ...query, grade: e.target.value as LeadQuery['grade'], page: 1 })}>
        <option value="">{t('filters.allGrades')}</option>
        {grades.map((g) => (
          <option key={g} value={g}>{t('filters.grade', { grade: g })}</option>
        ))}
      </select>
      {showSegments && (
        <select aria-label={t('lead.segment')} className={`${controlClass} ${fit}`} value={query.segment ?? ''} onChange={(e) => onSegment(e.target.value)} data-testid="segment-filter">
          <option value="">{t('filters.allSegments')}</option>
          {segments.clusters.map((c) => (
            <option key={c.id} value={c.id}>{t('filters.segmentOption', { cluster: c.id, persona: personaName(c, lang) })}</option>
          ))}
        </select>
      )}
      <select aria-label={t('filters.sort')} className={`${controlClass} ${fit}`} value={query.sort ?? 'rank'} onChange={(e) => onChange({ ...query, sort: e.target.value as LeadSort, page: 1 })}>
        {sorts.map((s) => (
          <option key={s} value={s}>{t(`sort.${s}`)}</option>
        ))}
      </select>
      {showMine && (
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:whitespace-nowrap">
          <input type="checkbox" checked={query.mine ?? false} onChange={(e) => onChange({ ...query, mine: e.target.checked || undefined, page: 1 })} />
          {t('filters.mine')}
        </label>
      )}
    </div>
  );
}
