import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { translate } from './i18n/i18n';
import {
  checkField, fieldProblemOf, fieldProblemText, fieldTextsOf, findLeadFieldSpec, findPredictorFieldSpec,
  leadFieldSpecs, leadFormFields, parseFieldTexts, segmentFeatureSpec,
} from './lead-fields';
import type { LeadField } from '@/types/api';
import cases from '@field-cases/field_cases.json';

// The text a user types for a case's value: a number as JSON writes it, nothing for null.
function typed(value: unknown): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('the field spec, on the table every entry point runs (tests/fields/field_cases.json)', () => {
  it.each(cases.lead.map((c) => [c.field, c.value, c.ok, c.code ?? null] as const))('lead %s = %j: ok %s (%s)', (field, value, ok, code) => {
    const entry = findLeadFieldSpec(field);
    expect(entry).toBeDefined();
    const checked = checkField(entry!, typed(value));
    expect(checked.problem?.code ?? null).toBe(ok ? null : code);
    expect(checked.problem?.params.field ?? field).toBe(field);
  });

  it.each(cases.predictor.map((c) => [c.field, c.value, c.ok, c.code ?? null] as const))('predictor %s = %j: ok %s (%s)', (field, value, ok, code) => {
    const checked = checkField(findPredictorFieldSpec(field)!, typed(value));
    expect(checked.problem?.code ?? null).toBe(ok ? null : code);
  });
});

describe('the spec file', () => {
  it('gives every category the catalogue codes and marks the layouts and context', () => {
    expect(findLeadFieldSpec('job')?.values).toContain('admin.');
    expect(findLeadFieldSpec('job')?.values).not.toContain('astronaut');
    expect(findLeadFieldSpec('age')).toMatchObject({ type: 'integer', min: 17, max: 120, required: true });
    expect(findLeadFieldSpec('balance')?.layouts).toEqual(['bank-full']);
    expect(findLeadFieldSpec('euribor3m')?.kind).toBe('context');
    expect(findLeadFieldSpec('duration')?.after_call).toBe(true);
    expect(leadFieldSpecs.filter((f) => f.type === 'category').every((f) => (f.values ?? []).length > 0)).toBe(true);
  });

  it('finds a segmentation feature by its name, as the server does', () => {
    expect(segmentFeatureSpec('Annual Income (k$)')?.name).toBe('annual_income');
    expect(segmentFeatureSpec('Spending Score (1-100)')?.name).toBe('spending_score');
    expect(segmentFeatureSpec('Age')?.name).toBe('age');
    expect(segmentFeatureSpec('campaign')).toBe(findLeadFieldSpec('campaign'));
    expect(segmentFeatureSpec('tenure')).toBeUndefined();
  });
});

const api = (name: string, kind: LeadField['kind'] = 'numeric'): LeadField => ({ name, label_en: name, label_id: name, kind });
const all: LeadField[] = leadFieldSpecs.map((f) => api(f.name, f.type === 'category' ? 'categorical' : 'numeric'));

describe('the fields a form shows', () => {
  it('the lead form: the data layout, without context and duration', () => {
    const additional = leadFormFields(all, 'bank-additional').map((f) => f.name);
    expect(additional).toContain('age');
    expect(additional).not.toContain('balance');
    expect(additional).not.toContain('euribor3m');
    expect(additional).not.toContain('month');
    expect(additional).not.toContain('duration');
    const full = leadFormFields(all, 'bank-full').map((f) => f.name);
    expect(full).toContain('balance');
    expect(full).not.toContain('day');
    expect(full).not.toContain('day_of_week');
  });

});

describe('parseFieldTexts', () => {
  const shown = [api('age'), api('emp.var.rate'), api('job', 'categorical'), api('city', 'categorical')];

  it('turns numbers into numbers, empties into null, accepts a decimal comma and stores the catalogue spelling', () => {
    const parsed = parseFieldTexts(shown, { age: ' 41 ', 'emp.var.rate': '-1,8', job: 'Technician', city: '' });
    expect(parsed.errors).toEqual({});
    expect(parsed.fields).toEqual({ age: 41, 'emp.var.rate': -1.8, job: 'technician', city: null });
  });

  it('gives each refused value its reason', () => {
    const parsed = parseFieldTexts(shown, { age: '150', 'emp.var.rate': 'banyak', job: 'astronaut', city: 'Bandung' });
    expect(parsed.errors.age).toEqual({ code: 'field_out_of_range', params: { field: 'age', value: 150, min: 17, max: 120 } });
    expect(parsed.errors['emp.var.rate'].code).toBe('field_not_number');
    expect(parsed.errors.job.code).toBe('field_unknown_value');
    expect(parsed.fields.city).toBe('Bandung');
    expect(parseFieldTexts(shown, { job: 'admin.' }).errors.age.code).toBe('field_required');
  });

  it('keeps a value the lead already had, as the server does on an edit', () => {
    const initial = { age: '41', job: 'wiraswasta' };
    expect(parseFieldTexts(shown, { age: '41', job: 'wiraswasta' }, initial).errors).toEqual({});
    expect(parseFieldTexts(shown, { age: '41', job: 'wiraswasta' }, initial).fields.job).toBe('wiraswasta');
    expect(parseFieldTexts(shown, { age: '41', job: 'petani' }, initial).errors.job.code).toBe('field_unknown_value');
  });
});

describe('messages', () => {
  const t = (lang: 'id' | 'en') => (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate(lang, key, vars);

  it('words a problem in the reader language with its numbers in their format', () => {
    const range = checkField(findLeadFieldSpec('nr.employed')!, '200000').problem!;
    expect(fieldProblemText(range, t('id'), 'id')).toBe('Harus antara 0 dan 100.000.');
    expect(fieldProblemText(range, t('en'), 'en')).toBe('Must be between 0 and 100,000.');
    expect(fieldProblemText(checkField(findLeadFieldSpec('age')!, '41.5').problem!, t('id'), 'id')).toBe('Harus berupa bilangan bulat.');
  });

  it('reads a field refusal of the server, and nothing from other errors', () => {
    const refused = new ApiError(400, 'age: 150 is outside 17..120', {
      error: { code: 'field_out_of_range', params: { field: 'age', value: 150, min: 17, max: 120 }, message: 'age: 150 is outside 17..120' },
    });
    expect(fieldProblemOf(refused)).toEqual({ code: 'field_out_of_range', params: { field: 'age', value: 150, min: 17, max: 120 } });
    expect(fieldProblemOf(new ApiError(400, 'x', { error: { code: 'invalid_argument', message: 'x' } }))).toBeNull();
    expect(fieldProblemOf(new ApiError(409, 'x', { error: { code: 'field_required', params: { field: 'age' } } }))).toBeNull();
    expect(fieldProblemOf(new Error('x'))).toBeNull();
  });
});

describe('fieldTextsOf', () => {
  it('round-trips stored fields through the form', () => {
    const texts = fieldTextsOf({ age: 41, job: 'technician', 'emp.var.rate': null });
    expect(texts).toEqual({ age: '41', job: 'technician', 'emp.var.rate': '' });
    expect(parseFieldTexts([api('age'), api('job', 'categorical'), api('emp.var.rate')], texts).fields).toEqual({ age: 41, job: 'technician', 'emp.var.rate': null });
  });
});
