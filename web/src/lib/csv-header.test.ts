import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultFeatures, readCsvColumns } from './csv-header';

const dataDir = resolve(__dirname, '../../../data');

describe('readCsvColumns', () => {
  it('finds the numeric columns of the bundled Mall Customers file', () => {
    const read = readCsvColumns(readFileSync(resolve(dataDir, 'Mall_Customers.csv'), 'utf8'));
    expect(read?.delimiter).toBe(',');
    expect(read?.columns).toContain('Genre');
    expect(read?.numeric).toEqual(['CustomerID', 'Age', 'Annual Income (k$)', 'Spending Score (1-100)']);
    expect(defaultFeatures(read!.numeric)).toEqual(['Annual Income (k$)', 'Spending Score (1-100)']);
  });

  it('reads a semicolon file with quoted names', () => {
    const read = readCsvColumns('"age";"job";"balance"\n30;"admin.";1200\n41;"technician";-15\n');
    expect(read).toEqual({ delimiter: ';', columns: ['age', 'job', 'balance'], numeric: ['age', 'balance'] });
  });

  it('does not pick identifier columns by default', () => {
    expect(defaultFeatures(['id', 'age', 'balance', 'campaign'])).toEqual(['age', 'balance']);
  });

  it('returns null for an empty file', () => {
    expect(readCsvColumns('\n\n')).toBeNull();
  });
});
