// Train a new model version: class-imbalance handling, seed, and the `duration` switch, which
// is off by default because the call length is only known after the call.
import { useState, type FormEvent } from 'react';
import { Brain } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { ModelVersion, TrainRequest } from '@/types/api';
import { trainModel, type TrainResult } from '../api/train-model';

export function TrainForm({ onTrained }: { onTrained: (model: ModelVersion, activated: boolean, activation?: TrainResult['activation']) => void }) {
  const { t } = useI18n();
  const [resampling, setResampling] = useState<NonNullable<TrainRequest['resampling']>>('auto');
  const [seed, setSeed] = useState('42');
  const [useDuration, setUseDuration] = useState(false);
  const [seedError, setSeedError] = useState<string | null>(null);
  const mutation = useMutation(trainModel);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const seedValue = Number(seed);
    if (!Number.isInteger(seedValue) || seedValue < 0 || seedValue > 2 ** 31 - 1) {
      setSeedError(t('models.seedRule'));
      return;
    }
    setSeedError(null);
    const answer = await mutation.run({ resampling, seed: seedValue, use_duration: useDuration });
    if (answer) onTrained(answer.model, answer.activated, answer.activation);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <SelectField label={t('models.resampling')} value={resampling} onChange={(e) => setResampling(e.target.value as typeof resampling)}>
        <option value="auto">{t('models.resamplingAuto')}</option>
        <option value="smote">SMOTE</option>
        <option value="weight">scale_pos_weight</option>
        <option value="none">{t('models.resamplingNone')}</option>
      </SelectField>
      <TextField label={t('models.seed')} inputMode="numeric" value={seed} error={seedError} onChange={(e) => setSeed(e.target.value)} />
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" className="mt-1" checked={useDuration} onChange={(e) => setUseDuration(e.target.checked)} />
        <span>
          {t('models.useDuration')}
          <span className="block text-xs text-amber-700">{t('models.useDurationWarning')}</span>
        </span>
      </label>
      <FormError error={mutation.error} />
      <Button type="submit" loading={mutation.pending} icon={<Brain className="h-4 w-4" />}>
        {mutation.pending ? t('models.training') : t('models.train')}
      </Button>
    </form>
  );
}
