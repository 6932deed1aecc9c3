// The three charts of one model version, loaded together.
import { useI18n } from '@/lib/i18n/i18n';
import { Card } from '@/components/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { useModelCurves } from '../api/get-model-curves';
import { FeatureImportanceChart } from './feature-importance-chart';
import { LiftChart } from './lift-chart';
import { RocChart } from './roc-chart';

export function ModelCharts({ modelId }: { modelId: number }) {
  const { t } = useI18n();
  const { data, error, loading, refetch } = useModelCurves(modelId);
  if (loading && !data) return <LoadingState />;
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (!data) return <EmptyState title={t('models.noCurves')} />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t('models.roc', { id: modelId })}>
        <RocChart roc={data.roc} />
      </Card>
      <Card title={t('models.liftCapture')}>
        <LiftChart deciles={data.deciles} />
      </Card>
      <Card title={t('models.importance')} className="lg:col-span-2">
        <FeatureImportanceChart items={data.feature_importance} />
      </Card>
    </div>
  );
}
