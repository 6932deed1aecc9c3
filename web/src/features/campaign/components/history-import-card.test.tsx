import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { HistoryImportCard } from './history-import-card';

const counts = { rows: 26360, from_import: 26360, positives: 2964, from_portal: 312 };
const text = 'age;job;month;y\n30;admin.;may;no\n41;technician;nov;yes\n';
const csv = () => new File([text], 'history.csv', { type: 'text/csv' });

describe('HistoryImportCard', () => {
  it('shows the failure with a retry when it cannot be read', async () => {
    const { sent } = stubFetch({ 'GET /api/history': { status: 500, body: { error: { code: 'internal', params: {}, message: 'boom', kind: 'internal' } } } });
    renderWithProviders(<HistoryImportCard />);
    expect(await screen.findByText('Terjadi kesalahan di server. Sudah dicatat; coba lagi nanti.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
    expect(sent.map((r) => r.path)).toEqual(['/api/history']);
  });

  it('counts the history and the outcomes from the portal, and says what history is for', async () => {
    stubFetch({ 'GET /api/history': { body: counts } });
    renderWithProviders(<HistoryImportCard />);
    expect(await screen.findByTestId('history-counts')).toHaveTextContent('26.360 baris riwayat (2.964 berlangganan); 312 hasil dari portal');
    expect(screen.getByTestId('history-import-card')).toHaveTextContent('tidak pernah muncul di daftar panggilan');
    expect(screen.getByTestId('history-import-card')).toHaveTextContent('kolom y (yes/no)');
  });

  it('uploads the file as text/csv and shows what went in and the new counts', async () => {
    const { sent } = stubFetch({
      'GET /api/history': { body: counts },
      'POST /api/history/import': { body: { rows: 28360, from_import: 28360, positives: 3164, from_portal: 312, imported: 2000 } },
    });
    renderWithProviders(<HistoryImportCard />, { lang: 'en' });
    await screen.findByTestId('history-counts');
    await userEvent.upload(screen.getByLabelText('History file (CSV)'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Upload history' }));
    expect(await screen.findByTestId('history-import-report')).toHaveTextContent('2,000 rows imported.');
    expect(screen.getByTestId('history-counts')).toHaveTextContent('28,360 history rows (3,164 subscribed); 312 outcomes from the portal');
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/history/import');
    expect(post?.headers['Content-Type']).toBe('text/csv');
    expect(await (post?.body as Blob).text()).toBe(text);
  });

  it('keeps the button disabled while the file uploads', async () => {
    let finish: (r: Response) => void = () => {};
    const fetchMock = vi.fn((input: RequestInfo | URL) => {
      if (String(input).endsWith('/api/history/import')) return new Promise<Response>((resolve) => { finish = resolve; });
      return Promise.resolve(new Response(JSON.stringify(counts), { headers: { 'Content-Type': 'application/json' } }));
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<HistoryImportCard />);
    await screen.findByTestId('history-counts');
    await userEvent.upload(screen.getByLabelText('Berkas riwayat (CSV)'), csv());
    const button = screen.getByRole('button', { name: 'Unggah riwayat' });
    await userEvent.click(button);
    await waitFor(() => expect(button).toBeDisabled());
    finish(new Response(JSON.stringify({ ...counts, rows: 26362, imported: 2 }), { headers: { 'Content-Type': 'application/json' } }));
    expect(await screen.findByTestId('history-import-report')).toHaveTextContent('2 baris diimpor.');
    expect(button).toBeEnabled();
  });

  it('lists the bad lines of a refused file and keeps the counts', async () => {
    stubFetch({
      'GET /api/history': { body: counts },
      'POST /api/history/import': {
        status: 400,
        body: {
          error: {
            code: 'csv_bad_rows',
            params: { count: 1 },
            message: "1 bad row(s); line 3: column 'y': 'perhaps' is not yes/no",
            kind: 'invalid_argument',
            details: { errors: [{ line: 3, column: 'y', code: 'field_unknown_value', params: { field: 'y', value: 'perhaps' }, reason: "column 'y': 'perhaps' is not yes/no" }] },
          },
        },
      },
    });
    renderWithProviders(<HistoryImportCard />);
    await screen.findByTestId('history-counts');
    await userEvent.upload(screen.getByLabelText('Berkas riwayat (CSV)'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Unggah riwayat' }));
    expect(await screen.findByTestId('history-row-errors')).toHaveTextContent('Berkas ditolak, tidak ada yang disimpan. 1 baris salah:');
    expect(screen.getByTestId('history-row-errors')).toHaveTextContent('baris 3 y: "perhaps" bukan salah satu nilai yang diizinkan.');
    expect(screen.getByRole('alert')).toHaveTextContent('Berkas berisi 1 baris salah.');
    expect(document.body).not.toHaveTextContent('is not yes/no');
    expect(screen.getByTestId('history-counts')).toHaveTextContent('26.360 baris riwayat');
    expect(screen.queryByTestId('history-import-report')).toBeNull();
  });

  it('shows a refusal without codes in general words, never its English text', async () => {
    stubFetch({
      'GET /api/history': { body: counts },
      'POST /api/history/import': { status: 400, body: { error: 'the file has no y column', details: { errors: [{ line: 1, reason: 'no y column' }] } } },
    });
    renderWithProviders(<HistoryImportCard />);
    await screen.findByTestId('history-counts');
    await userEvent.upload(screen.getByLabelText('Berkas riwayat (CSV)'), csv());
    await userEvent.click(screen.getByRole('button', { name: 'Unggah riwayat' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Permintaan gagal (HTTP 400).');
    expect(screen.getByTestId('history-row-errors')).toHaveTextContent('baris 1 Permintaan tidak valid.');
    expect(document.body).not.toHaveTextContent('no y column');
  });

  it('does not send without a file', async () => {
    const { sent } = stubFetch({ 'GET /api/history': { body: counts } });
    renderWithProviders(<HistoryImportCard />);
    await screen.findByTestId('history-counts');
    await userEvent.click(screen.getByRole('button', { name: 'Unggah riwayat' }));
    expect(screen.getByText('Pilih berkas CSV terlebih dulu.')).toBeInTheDocument();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
