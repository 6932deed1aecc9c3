import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultFeatures, isIdLikeName, readCsvColumns } from './csv-header';

const dataDir = resolve(__dirname, '../../../data');

describe('readCsvColumns', () => {
  it('finds the numeric columns of the bundled Mall Customers file, CustomerID set apart', () => {
    const read = readCsvColumns(readFileSync(resolve(dataDir, 'Mall_Customers.csv'), 'utf8'));
    expect(read?.delimiter).toBe(',');
    expect(read?.columns).toContain('Genre');
    expect(read?.numeric).toEqual(['Age', 'Annual Income (k$)', 'Spending Score (1-100)']);
    expect(read?.idLike).toEqual(['CustomerID']);
    expect(defaultFeatures(read!.numeric)).toEqual(['Annual Income (k$)', 'Spending Score (1-100)']);
  });

  it('reads a semicolon file with quoted names', () => {
    const read = readCsvColumns('"age";"job";"balance"\n30;"admin.";1200\n41;"technician";-15\n');
    expect(read).toEqual({ delimiter: ';', columns: ['age', 'job', 'balance'], numeric: ['age', 'balance'], idLike: [] });
  });

  it('sets apart a whole-number column that differs on every row, whatever its name', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${1000 + i * 7};${30 + (i % 5)};${(i % 3) * 1.5}`);
    const read = readCsvColumns(['nomor_urut_x;age;score', ...rows].join('\n'));
    expect(read?.numeric).toEqual(['age', 'score']);
    expect(read?.idLike).toEqual(['nomor_urut_x']);
    // A short file proves nothing: every value may differ by chance.
    const few = readCsvColumns(['serial;age', '5;30', '9;41', '2;35'].join('\n'));
    expect(few?.numeric).toEqual(['serial', 'age']);
  });

  it('does not pick identifier columns by default', () => {
    expect(defaultFeatures(['id', 'age', 'balance', 'campaign'])).toEqual(['age', 'balance']);
  });

  it('returns null for an empty file', () => {
    expect(readCsvColumns('\n\n')).toBeNull();
  });
});

describe('isIdLikeName', () => {
  it('knows the usual names of a row identifier', () => {
    for (const name of ['id', 'ID', 'CustomerID', 'customer_id', 'customerId', 'Customer ID', 'nik', 'NIK', 'No', 'lead-id']) {
      expect(isIdLikeName(name), name).toBe(true);
    }
  });
  it('leaves customer columns alone', () => {
    for (const name of ['age', 'paid', 'valid', 'PAID', 'Annual Income (k$)', 'balance', 'idle_days']) {
      expect(isIdLikeName(name), name).toBe(false);
    }
  });
});
