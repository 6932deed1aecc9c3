// The field spec of lead data, src/core/lead_fields.json, which the server compiles in and
// checks every entry point with (import, lead create and edit, what-if, the predictors): one
// file, not two copies (docs/FIELDS.md). Here it checks what a user typed before a form sends
// it, with the server's reasons (field_required, field_not_number, field_out_of_range,
// field_unknown_value), and turns the texts into the JSON the API takes. A category takes the
// codes of the value catalogue (src/core/value_labels.json), matched without case.
import type { LeadField, LeadFields } from '@/types/api';
import { ApiError } from './api-client';
import { fieldValueWords } from './field-values';
import { formatNumber } from './format';
import type { Lang, MessageKey, Vars } from './i18n/i18n';
import spec from '@catalogue/lead_fields.json';

export type FieldType = 'number' | 'integer' | 'category';
export type LeadLayout = 'bank-additional' | 'bank-full';

export interface FieldSpec {
  name: string;
  type: FieldType;
  min?: number;
  max?: number;
  required?: boolean;
  layouts?: LeadLayout[];
  kind?: 'customer' | 'context';
  after_call?: boolean;
  values?: string[]; // a category's codes; absent: open
}

export type FieldProblemCode = 'field_required' | 'field_not_number' | 'field_out_of_range' | 'field_unknown_value';

// A refused value, as the server words its reason: the code and its parameters.
export interface FieldProblem {
  code: FieldProblemCode;
  params: { field: string; value?: string | number; min?: number; max?: number; type?: string };
}

function withValues(entry: FieldSpec): FieldSpec {
  const words = fieldValueWords[entry.name];
  return entry.type === 'category' && words ? { ...entry, values: Object.keys(words) } : entry;
}

// The bank columns' specs, in the server's column order, and the inputs of POST /predict.
export const leadFieldSpecs: FieldSpec[] = (spec.fields as FieldSpec[]).map(withValues);
export const predictorFieldSpecs: FieldSpec[] = spec.predictor as FieldSpec[];

const byName = new Map(leadFieldSpecs.map((entry) => [entry.name, entry]));
const predictorByName = new Map(predictorFieldSpecs.map((entry) => [entry.name, entry]));

export function findLeadFieldSpec(name: string): FieldSpec | undefined {
  return byName.get(name);
}

export function findPredictorFieldSpec(name: string): FieldSpec | undefined {
  return predictorByName.get(name);
}

// Whether a feature's name says it is the customer's age, as the server decides it.
function isAgeFeature(name: string): boolean {
  const f = name.toLowerCase();
  return f === 'age' || f.startsWith('age ') || f.startsWith('age(') || f === 'usia' || f === 'umur';
}

// The spec of a segmentation's feature: a bank column by name, else the predictor input its name
// says (age, an income, a spending score); undefined for any other feature (any number).
export function segmentFeatureSpec(feature: string): FieldSpec | undefined {
  const lead = byName.get(feature);
  if (lead) return lead;
  const f = feature.toLowerCase();
  if (isAgeFeature(f)) return predictorByName.get('age');
  if (f.includes('income')) return predictorByName.get('annual_income');
  if (f.includes('spend')) return predictorByName.get('spending_score');
  return undefined;
}

// The fields the lead form shows for data of `layout`: that layout's, without the campaign's
// context (the campaign setting holds it) and without what is known only after a call.
export function leadFormFields<T extends { name: string }>(fields: T[], layout: LeadLayout): T[] {
  return fields.filter((field) => {
    const entry = byName.get(field.name);
    return !entry || ((entry.layouts ?? []).includes(layout) && entry.kind !== 'context' && !entry.after_call);
  });
}


export type CheckedValue = { value: number | string | null; problem?: undefined } | { problem: FieldProblem; value?: undefined };

// Checks one value as the server does: `raw` as typed (a decimal comma is a point), `field` the
// name the input goes by (a segmentation's "Annual Income (k$)"; the spec's own by default).
export function checkField(entry: FieldSpec, raw: string, field: string = entry.name): CheckedValue {
  const text = raw.trim();
  if (text === '') {
    return entry.required ? { problem: { code: 'field_required', params: { field } } } : { value: null };
  }
  if (entry.type === 'category') {
    if (!entry.values || entry.values.length === 0) {
      // eslint-disable-next-line no-control-regex
      if (text.length > 100 || /[\u0000-\u001f\u007f]/.test(text)) return { problem: { code: 'field_unknown_value', params: { field, value: text } } };
      return { value: text };
    }
    const code = entry.values.find((v) => v === text) ?? entry.values.find((v) => v === text.toLowerCase());
    return code !== undefined ? { value: code } : { problem: { code: 'field_unknown_value', params: { field, value: text } } };
  }
  const normalised = text.replace(',', '.');
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised) ? Number(normalised) : Number.NaN;
  if (!Number.isFinite(value) || (entry.type === 'integer' && !Number.isInteger(value))) {
    return { problem: { code: 'field_not_number', params: { field, value: text, type: entry.type } } };
  }
  if ((entry.min !== undefined && value < entry.min) || (entry.max !== undefined && value > entry.max)) {
    return { problem: { code: 'field_out_of_range', params: { field, value, min: entry.min, max: entry.max } } };
  }
  return { value };
}

// What a person reads for a problem, in their language: "Harus antara 17 dan 120."
export function fieldProblemText(problem: FieldProblem, t: (key: MessageKey, vars?: Vars) => string, lang: Lang): string {
  const { params } = problem;
  switch (problem.code) {
    case 'field_required':
      return t('field.required');
    case 'field_not_number':
      return t(params.type === 'integer' ? 'field.notWhole' : 'field.notNumber');
    case 'field_out_of_range':
      return t('field.outOfRange', { min: formatNumber(params.min, lang, 3), max: formatNumber(params.max, lang, 3) });
    case 'field_unknown_value':
      return t('field.unknownValue');
  }
}

const problemCodes: FieldProblemCode[] = ['field_required', 'field_not_number', 'field_out_of_range', 'field_unknown_value'];

// The field problem a server's refusal carries ({"error": {"code": "field_out_of_range",
// "params": {"field": "age", ...}}}), or null for any other error.
export function fieldProblemOf(error: Error | null | undefined): FieldProblem | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const body = error.body as { error?: { code?: unknown; params?: unknown } } | null;
  const code = body?.error?.code;
  const params = body?.error?.params as FieldProblem['params'] | undefined;
  if (typeof code !== 'string' || !problemCodes.includes(code as FieldProblemCode)) return null;
  if (!params || typeof params.field !== 'string') return null;
  return { code: code as FieldProblemCode, params };
}

export type FieldTexts = Record<string, string>;

export interface ParsedFields {
  fields: LeadFields;
  errors: Record<string, FieldProblem>;
}

// Checks the texts of the form's fields (`shown`, the API's list) by the spec and turns them into
// the API's JSON. A value the form started with (`initial`, the lead's own) is kept as it is, as
// the server keeps it on an edit: a lead stored before a rule stays editable.
export function parseFieldTexts(shown: LeadField[], texts: FieldTexts, initial: FieldTexts = {}): ParsedFields {
  const fields: LeadFields = {};
  const errors: ParsedFields['errors'] = {};
  for (const field of shown) {
    const raw = (texts[field.name] ?? '').trim();
    const entry = byName.get(field.name) ?? { name: field.name, type: field.kind === 'numeric' ? 'number' : 'category', values: field.values };
    const checked = checkField(entry, raw);
    if (checked.problem && raw === (initial[field.name] ?? '').trim() && raw !== '') {
      fields[field.name] = entry.type === 'category' ? raw : Number(raw);
    } else if (checked.problem) {
      errors[field.name] = checked.problem;
    } else {
      fields[field.name] = checked.value;
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
