// One input per known bank column, laid out in a responsive grid: a select for a category whose
// values the server lists (plus the value already there, if the list lacks it), a text box
// otherwise, with the range the field spec accepts under it. A select shows each value in words
// and sends its code; a problem (the field spec's, or the server's refusal) shows under its
// field. Used by the lead form and the what-if form; the caller owns the values.
import type { LeadField } from '@/types/api';
import { useI18n } from '@/lib/i18n/i18n';
import { fieldProblemText, findLeadFieldSpec, type FieldTexts, type ParsedFields } from '@/lib/lead-fields';
import { valueLabel } from '@/lib/field-values';
import { formatNumber } from '@/lib/format';
import { SelectField, TextField } from './field';

export function LeadFieldInputs({ specs, texts, errors, onChange, hide = [] }: {
  specs: LeadField[];
  texts: FieldTexts;
  errors: ParsedFields['errors'];
  onChange: (name: string, value: string) => void;
  hide?: string[];
}) {
  const { t, lang } = useI18n();
  // "17–120" under a number's box: the range the field spec accepts.
  const rangeHint = (name: string) => {
    const entry = findLeadFieldSpec(name);
    if (!entry || entry.min === undefined || entry.max === undefined) return undefined;
    return `${formatNumber(entry.min, lang, 3)} – ${formatNumber(entry.max, lang, 3)}`;
  };
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {specs
        .filter((spec) => !hide.includes(spec.name))
        .map((spec) => {
          const label = lang === 'id' ? spec.label_id : spec.label_en;
          const problem = errors[spec.name];
          const error = problem ? fieldProblemText(problem, t, lang) : null;
          if (spec.kind === 'categorical' && spec.values && spec.values.length > 0) {
            const current = texts[spec.name] ?? '';
            const unlisted = current !== '' && !spec.values.includes(current);
            return (
              <SelectField key={spec.name} label={label} name={spec.name} value={current} error={error} onChange={(e) => onChange(spec.name, e.target.value)}>
                <option value="">{t('form.unknown')}</option>
                {unlisted && <option value={current}>{t('form.fromData', { value: valueLabel(spec.name, current, lang) })}</option>}
                {spec.values.map((value) => (
                  <option key={value} value={value}>
                    {valueLabel(spec.name, value, lang)}
                  </option>
                ))}
              </SelectField>
            );
          }
          return (
            <TextField
              key={spec.name}
              label={label}
              name={spec.name}
              inputMode={spec.kind === 'numeric' ? 'decimal' : 'text'}
              value={texts[spec.name] ?? ''}
              error={error}
              hint={rangeHint(spec.name)}
              onChange={(e) => onChange(spec.name, e.target.value)}
            />
          );
        })}
    </div>
  );
}
