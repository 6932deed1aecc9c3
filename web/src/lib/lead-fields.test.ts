import { describe, expect, it } from 'vitest';
import { fieldTextsOf, parseFieldTexts } from './lead-fields';
import type { LeadField } from '@/types/api';

const specs: LeadField[] = [
  { name: 'age', label_en: 'Age', label_id: 'Usia', kind: 'numeric' },
  { name: 'emp.var.rate', label_en: 'Employment variation rate', label_id: 'x', kind: 'numeric' },
  { name: 'job', label_en: 'Job', label_id: 'Pekerjaan', kind: 'categorical', values: ['admin.', 'technician'] },
  { name: 'city', label_en: 'City', label_id: 'Kota', kind: 'categorical' },
];

describe('parseFieldTexts', () => {
  it('turns numbers into numbers, empties into null, and accepts a decimal comma', () => {
    const parsed = parseFieldTexts(specs, { age: ' 41 ', 'emp.var.rate': '-1,8', job: 'technician', city: '' });
    expect(parsed.errors).toEqual({});
    expect(parsed.fields).toEqual({ age: 41, 'emp.var.rate': -1.8, job: 'technician', city: null });
  });

  it('flags text in a numeric field and a value outside the known categories', () => {
    const parsed = parseFieldTexts(specs, { age: 'forty', job: 'astronaut', city: 'Bandung' });
    expect(parsed.errors).toEqual({ age: 'number', job: 'choice' });
    expect(parsed.fields.city).toBe('Bandung');
  });

  it('keeps a category outside the list when it is the one the lead already had', () => {
    const initial = { job: 'wiraswasta' };
    expect(parseFieldTexts(specs, { job: 'wiraswasta' }, initial).errors).toEqual({});
    expect(parseFieldTexts(specs, { job: 'wiraswasta' }, initial).fields.job).toBe('wiraswasta');
    expect(parseFieldTexts(specs, { job: 'petani' }, initial).errors).toEqual({ job: 'choice' });
  });
});

describe('fieldTextsOf', () => {
  it('round-trips stored fields through the form', () => {
    const texts = fieldTextsOf({ age: 41, job: 'technician', 'emp.var.rate': null });
    expect(texts).toEqual({ age: '41', job: 'technician', 'emp.var.rate': '' });
    expect(parseFieldTexts(specs, texts).fields).toMatchObject({ age: 41, job: 'technician', 'emp.var.rate': null });
  });
});
