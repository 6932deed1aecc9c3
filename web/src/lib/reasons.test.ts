import { describe, expect, it } from 'vitest';
import { normalizeReasons } from './reasons';
import type { LeadField } from '@/types/api';

const specs: LeadField[] = [
  { name: 'nr.employed', label_en: 'Number employed (thousands)', label_id: 'Jumlah pekerja (ribuan)', kind: 'numeric' },
  { name: 'job', label_en: 'Job', label_id: 'Pekerjaan', kind: 'categorical' },
];

describe('normalizeReasons', () => {
  it('reads the compact form with labels from the field list', () => {
    expect(normalizeReasons([['nr.employed', '4.99e+03', 0.865], ['job=retired', 'retired', -0.2]], specs)).toEqual([
      { feature: 'nr.employed', label_en: 'Number employed (thousands)', label_id: 'Jumlah pekerja (ribuan)', value: '4.99e+03', contribution: 0.865, direction: 'up' },
      { feature: 'job=retired', label_en: 'Job', label_id: 'Pekerjaan', value: 'retired', contribution: -0.2, direction: 'down' },
    ]);
  });

  it('keeps the contract form and drops what it cannot read', () => {
    const reason = { feature: 'age', label_en: 'Age', label_id: 'Usia', value: '62', contribution: 0.1, direction: 'up' };
    expect(normalizeReasons([reason, 'junk', [1, 2]])).toEqual([reason]);
    expect(normalizeReasons(null)).toEqual([]);
  });
});
