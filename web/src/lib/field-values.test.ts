import { describe, expect, it } from 'vitest';
import type { Lang } from './i18n/i18n';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fieldValueText, fieldValueWords, readableCode, valueLabel } from './field-values';

// The category values of the bundled bank-additional file, read from the file itself; the
// bank-full layout's codes are checked on the server side (tests/service/value_catalogue_test),
// against the same catalogue this module reads.
const dataFile = resolve(__dirname, '../../../data/bank-additional-train.csv');
const categorical = ['job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'day_of_week', 'poutcome', 'y'];

function categoriesOf(text: string): Record<string, Set<string>> {
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const names = header.split(';').map((h) => h.replace(/"/g, ''));
  const out: Record<string, Set<string>> = {};
  for (const row of rows) {
    row.split(';').forEach((cell, i) => {
      if (!categorical.includes(names[i])) return;
      (out[names[i]] ??= new Set()).add(cell.replace(/"/g, ''));
    });
  }
  return out;
}
const langs: Lang[] = ['id', 'en'];

describe('the value catalogue', () => {
  it('has words in both languages for every category of the bundled bank-additional file', () => {
    const layout = categoriesOf(readFileSync(dataFile, 'utf8'));
    expect(Object.keys(layout).sort()).toEqual([...categorical].sort());
    expect(layout.job.size).toBe(12);
    for (const [field, values] of Object.entries(layout)) {
      for (const value of values) {
        const words = fieldValueWords[field]?.[value];
        expect(words, `${field}=${value}`).toBeDefined();
        for (const lang of langs) {
          expect(words[lang].trim(), `${field}=${value} (${lang})`).not.toBe('');
          expect(valueLabel(field, value, lang), `${field}=${value} (${lang})`).toBe(words[lang]);
        }
      }
    }
  });

  it('has the bank-full codes the server checks against its generated layout', () => {
    expect(valueLabel('education', 'tertiary', 'en')).toBe('Higher education');
    expect(valueLabel('education', 'secondary', 'id')).toBe('Sekolah menengah');
    expect(valueLabel('poutcome', 'other', 'id')).toBe('Lainnya');
    expect(valueLabel('contact', 'unknown', 'id')).toBe('Tidak diketahui');
  });

  it('has no entry without both languages, and no code shown as it is', () => {
    for (const [field, values] of Object.entries(fieldValueWords)) {
      for (const [value, words] of Object.entries(values)) {
        expect(Object.keys(words).sort(), `${field}=${value}`).toEqual(['en', 'id']);
        for (const lang of langs) {
          expect(words[lang], `${field}=${value} (${lang})`).not.toBe(value);
          expect(words[lang], `${field}=${value} (${lang})`).toMatch(/^\p{Lu}/u);
        }
      }
    }
  });

  it('reads the codes the issue named', () => {
    expect(valueLabel('job', 'admin.', 'id')).toBe('Staf administrasi');
    expect(valueLabel('job', 'blue-collar', 'en')).toBe('Blue-collar worker');
    expect(valueLabel('education', 'basic.4y', 'id')).toBe('Sekolah dasar 4 tahun');
    expect(valueLabel('education', 'high.school', 'en')).toBe('High school');
    expect(valueLabel('poutcome', 'nonexistent', 'id')).toBe('Tidak ikut kampanye sebelumnya');
    expect(valueLabel('month', 'may', 'id')).toBe('Mei');
    expect(valueLabel('day_of_week', 'mon', 'en')).toBe('Monday');
    expect(valueLabel('housing', 'yes', 'id')).toBe('Ya');
    expect(valueLabel('contact', 'cellular', 'id')).toBe('Ponsel');
    expect(valueLabel('education', 'tertiary', 'id')).toBe('Perguruan tinggi');
  });

  it('takes a one-hot model feature for its column', () => {
    expect(valueLabel('job=retired', 'retired', 'id')).toBe('Pensiunan');
  });
});

describe('the fallback for values it does not know', () => {
  it('turns dots, underscores and dashes into spaces and capitalises', () => {
    expect(readableCode('self_employed')).toBe('Self employed');
    expect(readableCode('civil-servant.retired')).toBe('Civil servant retired');
    expect(readableCode('admin.')).toBe('Admin');
    expect(readableCode('...')).toBe('...');
    expect(valueLabel('job', 'wiraswasta', 'id')).toBe('Wiraswasta');
    expect(valueLabel('job', 'civil_servant', 'en')).toBe('Civil servant');
    expect(valueLabel('segment_tier', 'gold_member', 'en')).toBe('Gold member');
  });

  it('still translates yes, no and unknown of a column it does not know', () => {
    expect(valueLabel('has_credit_card', 'yes', 'id')).toBe('Ya');
    expect(valueLabel('has_credit_card', 'NO', 'en')).toBe('No');
    expect(valueLabel('job', 'UNKNOWN', 'id')).toBe('Tidak diketahui');
  });

  it('is not fooled by names of object properties', () => {
    expect(valueLabel('job', 'constructor', 'en')).toBe('Constructor');
    expect(valueLabel('__proto__', 'toString', 'id')).toBe('ToString');
  });
});

describe('fieldValueText', () => {
  it('formats numbers for the reader and words categories', () => {
    expect(fieldValueText('nr.employed', 5191, 'id')).toBe('5.191');
    expect(fieldValueText('nr.employed', 5191, 'en')).toBe('5,191');
    expect(fieldValueText('euribor3m', 4.857, 'id')).toBe('4,857');
    expect(fieldValueText('job', 'technician', 'id')).toBe('Teknisi');
    expect(fieldValueText('job', null, 'id')).toBe('–');
  });
});
