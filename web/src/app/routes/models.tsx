// Model page (admin): versions with metrics (active marked), train and activate, the grade
// bands, the time-forward backtest of the picked version beside the current campaign, and the
// charts of the picked version: ROC, lift/capture by decile, feature importance.
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import { useModels } from '@/features/models/api/get-models';
import { activateModel } from '@/features/models/api/activate-model';
import { ModelList } from '@/features/models/components/model-list';
import { ModelCharts } from '@/features/models/components/model-charts';
import { TrainForm } from '@/features/models/components/train-form';
import { GradeBandsCard } from '@/features/models/components/grade-bands-card';
import { FollowUpCard } from '@/features/leads/components/follow-up-card';
import { BacktestCard } from '@/features/models/components/backtest-card';
import { CampaignCard } from '@/features/campaign/components/campaign-card';
import { useLeadFields } from '@/features/leads/api/get-lead-fields';
import type { ModelVersion } from '@/types/api';
import type { TrainResult } from '@/features/models/api/train-model';
import { describeNote } from '@/lib/errors';

export function ModelsRoute() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const models = useModels(version);
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const activate = useMutation((m: ModelVersion) => activateModel(m.id));
  const list = models.data ?? [];
  const shownId = selected ?? list.find((m) => m.active)?.id ?? list[0]?.id ?? null;
  const shown = list.find((m) => m.id === shownId) ?? null;
  // the labels of the context columns the backtest card names; their names when this fails
  const fields = useLeadFields();

  const onActivate = async (model: ModelVersion) => {
    setBusyId(model.id);
    const done = await activate.run(model);
    setBusyId(null);
    if (done) {
      setNotice(t('models.activated', { id: done.id }));
      setVersion((v) => v + 1);
    }
  };
  const onTrained = (model: ModelVersion, activated: boolean, activation?: TrainResult['activation']) => {
    const headline = activated ? t('models.trainedActive', { id: model.id }) : t('models.trainedKept', { id: model.id });
    const note = describeNote(activation?.code, activation?.params ?? {}, lang);
    setNotice(note ? `${headline} (${note})` : headline);
    setSelected(model.id);
    setVersion((v) => v + 1);
  };

  return (
    <div className="space-y-4">
      <PageHeader title={t('models.title')} subtitle={t('models.subtitle')} />
      {notice && <p role="status" className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-900" data-testid="model-notice">{notice}</p>}
      <FormError error={activate.error} />
      <div className="grid gap-4 xl:grid-cols-3">
        <Card title={t('models.versions')} className="min-w-0 xl:col-span-2">
          {models.error ? (
            <ErrorState error={models.error} onRetry={models.refetch} />
          ) : !models.data ? (
            <LoadingState />
          ) : list.length === 0 ? (
            <EmptyState title={t('models.empty')} />
          ) : (
            <ModelList models={list} selectedId={shownId} busyId={busyId} onSelect={(m) => setSelected(m.id)} onActivate={onActivate} />
          )}
        </Card>
        <div className="space-y-4">
          <Card title={t('models.train')}>
            <TrainForm onTrained={onTrained} />
          </Card>
          <GradeBandsCard />
          <FollowUpCard />
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {shown && <BacktestCard model={shown} labels={fields.data} />}
        <CampaignCard version={version} />
      </div>
      {shownId !== null && <ModelCharts key={shownId} modelId={shownId} />}
    </div>
  );
}
