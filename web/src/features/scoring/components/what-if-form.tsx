// What-if scoring: describe a customer, see the chance of a conversion, its grade and why.
// Nothing is saved. The fields are the lead form's (the data's layout, checked by the field spec
// as the server checks them): `duration` is only known after a call, and the campaign context
// (month, weekday, the economy) is the current campaign's, which scoring applies to every
// customer. Invalid input clears the last result, which no longer describes what is on the form.
import { useMemo, useState, type FormEvent } from 'react';
import { Calculator } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { fieldProblemOf, parseFieldTexts, leadFormFields, type FieldTexts, type LeadLayout, type ParsedFields } from '@/lib/lead-fields';
import { formatPercent } from '@/lib/format';
import { normalizeReasons } from '@/lib/reasons';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { GradeBadge } from '@/components/grade-badge';
import { LeadFieldInputs } from '@/components/lead-field-inputs';
import { ReasonList } from '@/components/reason-list';
import { FormError } from '@/components/states';
import type { LeadField } from '@/types/api';
import { scoreCustomer } from '../api/score-customer';

export const whatIfExample: FieldTexts = {
  age: '35', job: 'admin.', marital: 'married', education: 'university.degree', default: 'no',
  balance: '1500', housing: 'yes', loan: 'no', contact: 'cellular',
  campaign: '1', pdays: '', previous: '0', poutcome: 'nonexistent',
};

export function WhatIfForm({ specs, layout = 'bank-additional' }: { specs: LeadField[]; layout?: LeadLayout }) {
  const { t, lang } = useI18n();
  const [texts, setTexts] = useState<FieldTexts>(whatIfExample);
  const [errors, setErrors] = useState<ParsedFields['errors']>({});
  const mutation = useMutation(scoreCustomer);
  const [result, setResult] = useState<Awaited<ReturnType<typeof scoreCustomer>> | null>(null);

  const shown = useMemo(() => leadFormFields(specs, layout), [specs, layout]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFieldTexts(shown, texts);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) {
      setResult(null);
      mutation.reset();
      return;
    }
    setResult(null);
    const answer = await mutation.run(parsed.fields);
    setResult(answer ?? null);
  };
  const refused = fieldProblemOf(mutation.error);
  const shownErrors = refused && !errors[refused.params.field] ? { ...errors, [refused.params.field]: refused } : errors;

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title={t('whatIf.customer')} className="lg:col-span-2">
        <form onSubmit={submit} noValidate className="space-y-4">
          <LeadFieldInputs
            specs={shown}
            texts={texts}
            errors={shownErrors}
            onChange={(name, value) => setTexts((prev) => ({ ...prev, [name]: value }))}
          />
          <p className="text-xs text-slate-500">{t('whatIf.campaignNote')}</p>
          <FormError error={mutation.error} />
          <Button type="submit" loading={mutation.pending} icon={<Calculator className="h-4 w-4" />}>
            {t('whatIf.submit')}
          </Button>
        </form>
      </Card>
      <Card title={t('whatIf.result')}>
        {result ? (
          <div className="space-y-4" data-testid="what-if-result">
            <div className="flex items-center gap-3">
              <p className="text-3xl font-semibold text-teal-700">{formatPercent(result.score, lang)}</p>
              <GradeBadge grade={result.grade} />
            </div>
            <p className="text-xs text-slate-500">{t('whatIf.probability', { model: result.model_id })}</p>
            <ReasonList reasons={normalizeReasons(result.reasons, specs)} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t('whatIf.hint')}</p>
        )}
      </Card>
    </div>
  );
}
