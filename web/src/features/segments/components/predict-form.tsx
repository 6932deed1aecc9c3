// The predictor: one number per feature of the segmentation (e.g. Annual Income and Spending
// Score) in, the customer's cluster and persona out. Each number is checked by the field spec
// (a bank column's, or the predictor's age, income and spending score), as the server checks
// it; invalid input clears the last prediction, which no longer describes the form.
import { useEffect, useState, type FormEvent } from 'react';
import { Target } from 'lucide-react';
import { clusterColours } from '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { personaDescription, personaName } from '@/lib/persona';
import { useMutation } from '@/lib/use-query';
import { checkField, fieldProblemOf, fieldProblemText, segmentFeatureSpec, type FieldProblem } from '@/lib/lead-fields';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { SegmentationDetail, SegmentPrediction } from '@/types/api';
import { predictSegment } from '../api/predict-segment';

export function PredictForm({ segmentation }: { segmentation: SegmentationDetail }) {
  const { t, lang } = useI18n();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [result, setResult] = useState<SegmentPrediction | null>(null);
  const mutation = useMutation(predictSegment);
  useEffect(() => {
    setTexts({});
    setResult(null);
  }, [segmentation.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values: Record<string, number> = {};
    const found: Record<string, FieldProblem> = {};
    for (const feature of segmentation.features) {
      // Every feature needs its value; one the spec does not know takes any number.
      const entry = { ...(segmentFeatureSpec(feature) ?? { name: feature, type: 'number' as const }), required: true };
      const checked = checkField(entry, texts[feature] ?? '', feature);
      if (checked.problem) found[feature] = checked.problem;
      else values[feature] = checked.value as number;
    }
    setProblems(found);
    setResult(null);
    if (Object.keys(found).length > 0) {
      mutation.reset();
      return;
    }
    const answer = await mutation.run({ id: segmentation.id, values });
    setResult(answer ?? null);
  };
  const refused = fieldProblemOf(mutation.error);
  const shown = refused && !problems[refused.params.field] ? { ...problems, [refused.params.field]: refused } : problems;

  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="predict-form">
      {segmentation.features.map((feature) => (
        <TextField
          key={feature}
          label={feature}
          name={feature}
          inputMode="decimal"
          value={texts[feature] ?? ''}
          error={shown[feature] ? fieldProblemText(shown[feature], t, lang) : null}
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
