// The predictor: one number per feature of the segmentation (e.g. Annual Income and Spending
// Score) in, the customer's cluster and persona out.
import { useEffect, useState, type FormEvent } from 'react';
import { Target } from 'lucide-react';
import { clusterColours } from '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { personaDescription, personaName } from '@/lib/persona';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { SegmentationDetail, SegmentPrediction } from '@/types/api';
import { predictSegment } from '../api/predict-segment';

export function PredictForm({ segmentation }: { segmentation: SegmentationDetail }) {
  const { t, lang } = useI18n();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [wrong, setWrong] = useState<string[]>([]);
  const [result, setResult] = useState<SegmentPrediction | null>(null);
  const mutation = useMutation(predictSegment);
  useEffect(() => {
    setTexts({});
    setResult(null);
  }, [segmentation.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values: Record<string, number> = {};
    const problems: string[] = [];
    for (const feature of segmentation.features) {
      const raw = (texts[feature] ?? '').trim().replace(',', '.');
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) problems.push(feature);
      else values[feature] = value;
    }
    setWrong(problems);
    if (problems.length > 0) return;
    const answer = await mutation.run({ id: segmentation.id, values });
    setResult(answer ?? null);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="predict-form">
      {segmentation.features.map((feature) => (
        <TextField
          key={feature}
          label={feature}
          name={feature}
          inputMode="decimal"
          value={texts[feature] ?? ''}
          error={wrong.includes(feature) ? t('form.mustBeNumber') : null}
          onChange={(e) => setTexts((prev) => ({ ...prev, [feature]: e.target.value }))}
        />
      ))}
      <FormError error={mutation.error} />
      <Button type="submit" loading={mutation.pending} icon={<Target className="h-4 w-4" />}>
        {t('segments.predict')}
      </Button>
      {result && (
        <div className="rounded-md border border-teal-200 bg-teal-50 p-3 text-sm" data-testid="predict-result" aria-live="polite">
          <p className="flex items-center gap-2 font-semibold text-teal-900">
            <span className="h-3 w-3 rounded-full" style={{ backgroundColor: clusterColours[result.cluster % clusterColours.length] }} aria-hidden />
            {t('segments.predicted', { cluster: result.cluster, persona: personaName(result, lang) })}
          </p>
          {personaDescription(result, lang) && <p className="mt-1 text-slate-700">{personaDescription(result, lang)}</p>}
        </div>
      )}
    </form>
  );
}
