// One input per known bank column, laid out in a responsive grid: a select for a category whose
// values the server lists (plus the value already there, if the list lacks it), a text box
// otherwise. A select shows each value in words and sends its code. Used by the lead form and
// the what-if form; the caller owns the values.
import type { LeadField } from '@/types/api';
import { useI18n } from '@/lib/i18n/i18n';
import type { FieldTexts, ParsedFields } from '@/lib/lead-fields';
import { valueLabel } from '@/lib/field-values';
import { SelectField, TextField } from './field';

export function LeadFieldInputs({ specs, texts, errors, onChange, hide = [] }: {
  specs: LeadField[];
  texts: FieldTexts;
  errors: ParsedFields['errors'];
  onChange: (name: string, value: string) => void;
  hide?: string[];
}) {
  const { t, lang } = useI18n();
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {specs
        .filter((spec) => !hide.includes(spec.name))
        .map((spec) => {
          const label = lang === 'id' ? spec.label_id : spec.label_en;
          const error = errors[spec.name] === 'number' ? t('form.mustBeNumber') : errors[spec.name] === 'choice' ? t('form.mustChoose') : null;
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
              onChange={(e) => onChange(spec.name, e.target.value)}
            />
          );
        })}
    </div>
  );
}
