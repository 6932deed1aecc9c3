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
        body: { error: { code: 'invalid_argument', message: '2 bad rows; nothing imported', details: { errors: [{ line: 3, reason: 'age: not a number' }, { line: 3, reason: 'y: must be yes or no' }] } } },
      },
    });
    renderWithProviders(<ImportPanel onImported={imported} />);
    await userEvent.upload(screen.getByLabelText('Berkas CSV'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Impor' }));
    expect(await screen.findByTestId('row-errors')).toHaveTextContent('Berkas ditolak');
    expect(screen.getByText('age: not a number')).toBeInTheDocument();
    expect(screen.getByText('y: must be yes or no')).toBeInTheDocument();
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
