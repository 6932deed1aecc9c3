import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { bandTextsOf, GradeBandsCard, parseBandTexts } from './grade-bands-card';

const quartiles = { bands: null, mode: 'quartiles', updated_at: null, updated_by: null };
const fixed = { bands: [0.6, 0.35, 0.125], mode: 'fixed', updated_at: '2026-11-20T03:00:00Z', updated_by: 'admin' };

describe('parseBandTexts', () => {
  it('turns percentages into the fractions the API takes', () => {
    expect(parseBandTexts(['50', '30', '10'])).toEqual({ bands: [0.5, 0.3, 0.1], errors: [null, null, null] });
    expect(parseBandTexts([' 62,5 ', '33.3%', '7']).bands).toEqual([0.625, 0.333, 0.07]);
  });

  it('names the problem of each cut-off', () => {
    const { bands, errors } = parseBandTexts(['', 'abc', '100']);
    expect(bands).toBeNull();
    expect(errors.map((e) => e?.key)).toEqual(['form.required', 'form.mustBeNumber', 'bands.range']);
    expect(parseBandTexts(['0', '-5', '50']).errors.map((e) => e?.key ?? null)).toEqual(['bands.range', 'bands.range', null]);
  });

  it('wants each cut-off strictly below the one above it', () => {
    const { bands, errors } = parseBandTexts(['40', '40', '50']);
    expect(bands).toBeNull();
    expect(errors).toEqual([null, { key: 'bands.order', grade: 'A' }, { key: 'bands.order', grade: 'B' }]);
  });

  it('round-trips the server\'s bands through the form', () => {
    expect(bandTextsOf([0.6, 0.35, 0.125], 'id')).toEqual(['60', '35', '12,5']);
    expect(parseBandTexts(bandTextsOf([0.6, 0.35, 0.125], 'id')).bands).toEqual([0.6, 0.35, 0.125]);
    expect(bandTextsOf(null, 'en')).toEqual(['', '', '']);
  });
});

describe('GradeBandsCard', () => {
  it('shows the failure with a retry when it cannot be read', async () => {
    const { sent } = stubFetch({ 'GET /api/settings/grade-bands': { status: 500, body: { error: { code: 'internal', params: {}, message: 'boom', kind: 'internal' } } } });
    renderWithProviders(<GradeBandsCard />);
    expect(await screen.findByText('Terjadi kesalahan di server. Sudah dicatat; coba lagi nanti.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
    expect(sent.map((r) => r.path)).toEqual(['/api/settings/grade-bands']);
  });

  it('shows the bands in force and who set them', async () => {
    stubFetch({ 'GET /api/settings/grade-bands': { body: fixed } });
    renderWithProviders(<GradeBandsCard />, { lang: 'en' });
    const current = await screen.findByTestId('grade-bands-current');
    expect(current).toHaveTextContent('Fixed cut-offs set by an admin');
    expect(current).toHaveTextContent('A ≥ 60.0% · B ≥ 35.0% · C ≥ 12.5% · D below');
    expect(current).toHaveTextContent('by admin');
    expect(screen.getByLabelText('C from (%)')).toHaveValue('12.5');
  });

  it('checks the cut-offs before sending and sends nothing wrong', async () => {
    const { sent } = stubFetch({ 'GET /api/settings/grade-bands': { body: quartiles } });
    renderWithProviders(<GradeBandsCard />);
    expect(await screen.findByText('Kuartil skor saat ini (bawaan)')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Batas A (%)'), '30');
    await userEvent.type(screen.getByLabelText('Batas B (%)'), '50');
    await userEvent.type(screen.getByLabelText('Batas C (%)'), '150');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan batas' }));
    expect(screen.getByText('Harus lebih kecil dari batas A.')).toBeInTheDocument();
    expect(screen.getByText('Angka di antara 0 dan 100.')).toBeInTheDocument();
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Kembali ke kuartil' })).toBeDisabled();
  });

  it('saves three cut-offs and shows what the server now uses', async () => {
    const { sent } = stubFetch({
      'GET /api/settings/grade-bands': { body: quartiles },
      'PUT /api/settings/grade-bands': (req) => ({ body: { bands: (req.body as { bands: number[] }).bands, mode: 'fixed', updated_at: '2026-11-22T01:00:00Z', updated_by: 'admin', regraded: 4100 } }),
    });
    renderWithProviders(<GradeBandsCard />);
    await screen.findByText('Kuartil skor saat ini (bawaan)');
    await userEvent.type(screen.getByLabelText('Batas A (%)'), '50');
    await userEvent.type(screen.getByLabelText('Batas B (%)'), '30');
    await userEvent.type(screen.getByLabelText('Batas C (%)'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan batas' }));
    expect(await screen.findByTestId('grade-bands-saved')).toHaveTextContent('Batas grade disimpan. 4.100 grade berubah.');
    expect(sent.find((r) => r.method === 'PUT')?.body).toEqual({ bands: [0.5, 0.3, 0.1] });
    expect(screen.getByTestId('grade-bands-current')).toHaveTextContent('A ≥ 50,0% · B ≥ 30,0% · C ≥ 10,0%');
    expect(screen.getByRole('button', { name: 'Kembali ke kuartil' })).toBeEnabled();
  });

  it('goes back to the quartiles', async () => {
    const { sent } = stubFetch({
      'GET /api/settings/grade-bands': { body: fixed },
      'PUT /api/settings/grade-bands': { body: { ...quartiles, updated_at: '2026-11-22T01:00:00Z', updated_by: 'admin' } },
    });
    renderWithProviders(<GradeBandsCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Kembali ke kuartil' }));
    expect(await screen.findByText('Kuartil skor saat ini (bawaan)')).toBeInTheDocument();
    expect(sent.find((r) => r.method === 'PUT')?.body).toEqual({ bands: null });
    expect(screen.getByLabelText('Batas A (%)')).toHaveValue('');
  });

  it('shows the server\'s refusal and keeps the bands in force', async () => {
    stubFetch({
      'GET /api/settings/grade-bands': { body: fixed },
      'PUT /api/settings/grade-bands': { status: 409, body: { error: { code: 'refresh_running', params: {}, message: 'a score refresh is running; change the grade bands when it has finished', kind: 'conflict' } } },
    });
    renderWithProviders(<GradeBandsCard />);
    const a = await screen.findByLabelText('Batas A (%)');
    await userEvent.clear(a);
    await userEvent.type(a, '70');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan batas' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pembaruan skor sedang berjalan. Ubah batas grade setelah selesai.');
    expect(screen.getByTestId('grade-bands-current')).toHaveTextContent('A ≥ 60,0%');
    expect(screen.queryByTestId('grade-bands-saved')).toBeNull();
  });
});
