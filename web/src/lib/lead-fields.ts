// Turns the text a user typed for a lead's bank columns into the JSON the API takes, checking
// every value first so that a form never sends what the server must refuse.
import type { LeadField, LeadFields } from '@/types/api';

export type FieldTexts = Record<string, string>;

export interface ParsedFields {
  fields: LeadFields;
  errors: Record<string, 'number' | 'choice'>;
}

// A category outside the field's `values` is refused, except the one the form started with
// (`initial`): a bank's own export may use other categories, and editing a lead must keep them.
export function parseFieldTexts(specs: LeadField[], texts: FieldTexts, initial: FieldTexts = {}): ParsedFields {
  const fields: LeadFields = {};
  const errors: ParsedFields['errors'] = {};
  for (const spec of specs) {
    const raw = (texts[spec.name] ?? '').trim();
    if (raw === '') {
      fields[spec.name] = null;
      continue;
    }
    if (spec.kind === 'numeric') {
      const value = Number(raw.replace(',', '.'));
      if (!Number.isFinite(value)) errors[spec.name] = 'number';
      else fields[spec.name] = value;
    } else {
      const listed = !spec.values || spec.values.length === 0 || spec.values.includes(raw);
      if (!listed && raw !== (initial[spec.name] ?? '').trim()) errors[spec.name] = 'choice';
      else fields[spec.name] = raw;
    }
  }
  return { fields, errors };
}

// The form's starting text from a lead's stored fields.
export function fieldTextsOf(fields: LeadFields | undefined): FieldTexts {
  const texts: FieldTexts = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    texts[name] = value === null || value === undefined ? '' : String(value);
  }
  return texts;
}
