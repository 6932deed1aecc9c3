import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { ImportPanel } from './import-panel';

const csv = () => new File(['age;job;y\n30;admin.;no\nabc;x;maybe\n'], 'leads.csv', { type: 'text/csv' });

describe('ImportPanel', () => {
  it('lists every bad line of a refused file', async () => {
    const imported = vi.fn();
    const { sent } = stubFetch({
      'POST /api/leads/import': {
        status: 400,
        body: {
          error: {
            code: 'import_refused',
            params: { bad_rows: 2 },
            message: 'the file has 2 bad row(s); nothing was imported (fix them, or import with skip_bad_rows=true)',
            kind: 'invalid_argument',
            details: {
              errors: [
                { line: 3, column: 'age', code: 'field_not_number', params: { field: 'age', value: 'empat puluh' }, reason: "column 'age': 'empat puluh' is not a number" },
                { line: 4, column: 'y', code: 'field_unknown_value', params: { field: 'y', value: 'mungkin' }, reason: "column 'y': 'mungkin' is not yes/no" },
                { line: 5, column: '', code: 'some_future_code', params: {}, reason: 'an English reason' },
              ],
              bad_rows: 2,
            },
          },
        },
      },
    });
    renderWithProviders(<ImportPanel onImported={imported} />);
    await userEvent.upload(screen.getByLabelText('Berkas CSV'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Impor' }));
    const rows = await screen.findByTestId('row-errors');
    expect(rows).toHaveTextContent('Berkas ditolak');
    expect(rows).toHaveTextContent('baris 3 age: "empat puluh" bukan angka.');
    expect(rows).toHaveTextContent('baris 4 y: "mungkin" bukan salah satu nilai yang diizinkan.');
    // A code this build does not know reads as a generic sentence, not the English reason.
    expect(rows).toHaveTextContent('baris 5 Permintaan tidak valid.');
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('Berkas berisi 2 baris salah, jadi tidak ada yang diimpor.');
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('Lewati baris yang salah');
    expect(document.body).not.toHaveTextContent('skip_bad_rows');
    expect(document.body).not.toHaveTextContent('is not a number');
    expect(document.body).not.toHaveTextContent('an English reason');
    expect(sent[0].path).toBe('/api/leads/import');
    expect(sent[0].headers['Content-Type']).toBe('text/csv');
    expect(imported).not.toHaveBeenCalled();
  });

  it('asks the server to skip bad rows when told to, and reports what went in', async () => {
    const { sent } = stubFetch({
      'POST /api/leads/import': { body: { imported: 4, created: 1, updated: 2, unchanged: 1, skipped: 1, errors: [{ line: 3, reason: 'age: not a number' }], scored: true } },
    });
    renderWithProviders(<ImportPanel onImported={() => {}} />, { lang: 'en' });
    await userEvent.upload(screen.getByLabelText('CSV file'), csv());
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-report')).toHaveTextContent('4 rows imported: 1 new leads, 2 updated, 1 unchanged. 1 rows skipped.');
    expect(sent[0].path).toBe('/api/leads/import?skip_bad_rows=true');
  });

  it('reports new, updated and unchanged leads in Indonesian', async () => {
    stubFetch({ 'POST /api/leads/import': { body: { imported: 3, created: 0, updated: 1, unchanged: 2, skipped: 0, errors: [], scored: true } } });
    renderWithProviders(<ImportPanel onImported={() => {}} />);
    expect(screen.getByText(/Satu nasabah, satu lead/)).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText('Berkas CSV'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Impor' }));
    expect(await screen.findByTestId('import-report')).toHaveTextContent('3 baris diimpor: 0 lead baru, 1 diperbarui, 2 tidak berubah. 0 baris dilewati.');
  });

  it('does not send without a file', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<ImportPanel onImported={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Impor' }));
    expect(screen.getByText('Pilih berkas CSV terlebih dulu.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });
});
