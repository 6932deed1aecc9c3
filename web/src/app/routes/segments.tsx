// Segmentation: pick a segmentation, see its scatter plot with centroids, the elbow with the
// chosen k, persona cards and the predictor; an admin can build a new one.
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber } from '@/lib/format';
import { Card } from '@/components/card';
import { controlClass } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { useAuth } from '@/features/auth/components/auth-provider';
import { useLeadFields } from '@/features/leads/api/get-lead-fields';
import { useSegments } from '@/features/segments/api/get-segments';
import { useSegment } from '@/features/segments/api/get-segment';
import { BuildForm } from '@/features/segments/components/build-form';
import { ElbowChart } from '@/features/segments/components/elbow-chart';
import { PersonaCards } from '@/features/segments/components/persona-cards';
import { PredictForm } from '@/features/segments/components/predict-form';
import { ScatterChart } from '@/features/segments/components/scatter-chart';

export function SegmentsRoute() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const list = useSegments(version);
  const fields = useLeadFields();
  const items = list.data ?? [];
  const currentId = picked ?? items.find((s) => s.is_default)?.id ?? items[0]?.id ?? null;
  const detail = useSegment(currentId);
  const isAdmin = user?.role === 'admin';
  // A lead column by its label in the reader's language ("Usia"); a CSV's column as it is named.
  const featureLabel = (name: string) => {
    const spec = seg?.source === 'leads' ? fields.data?.find((f) => f.name === name) : undefined;
    return spec ? (lang === 'id' ? spec.label_id : spec.label_en) : name;
  };

  const picker = items.length > 0 && (
    <select aria-label={t('segments.pick')} className={`${controlClass} w-auto max-w-xs`} value={currentId ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
      {items.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name || `#${s.id}`} · k={s.k}{s.is_default ? ` · ${t('segments.default')}` : ''}
        </option>
      ))}
    </select>
  );

  const seg = detail.data;
  return (
    <div className="space-y-4">
      <PageHeader title={t('segments.title')} subtitle={t('segments.subtitle')} actions={picker} />
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="space-y-4 xl:col-span-2">
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.refetch} />
          ) : !list.data ? (
            <LoadingState />
          ) : items.length === 0 ? (
            <Card><EmptyState title={t('segments.empty')}>{isAdmin && <p>{t('segments.emptyAdmin')}</p>}</EmptyState></Card>
          ) : detail.error ? (
            <ErrorState error={detail.error} onRetry={detail.refetch} />
          ) : !seg ? (
            <LoadingState />
          ) : (
            <>
              <p className="text-xs text-slate-500" data-testid="segment-facts">
                {t('segments.facts', {
                  points: formatNumber(seg.n_points, lang),
                  k: formatNumber(seg.k, lang),
                  silhouette: seg.silhouette === null ? '–' : formatNumber(seg.silhouette, lang, 2),
                  time: formatDateTime(seg.created_at, lang),
                })}
              </p>
              <Card title={t('segments.scatter')}>
                <ScatterChart segmentation={seg} />
              </Card>
              <PersonaCards segmentation={seg} featureLabel={featureLabel} />
              <Card title={t('segments.elbow')}>
                <ElbowChart elbow={seg.elbow} chosenK={seg.k} />
              </Card>
            </>
          )}
        </div>
        <div className="space-y-4">
          {seg && (
            <Card title={t('segments.predictor')}>
              <PredictForm segmentation={seg} />
            </Card>
          )}
          {isAdmin && (
            <Card title={t('segments.buildTitle')}>
              <BuildForm onBuilt={(built) => { setPicked(built.id); setVersion((v) => v + 1); }} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
