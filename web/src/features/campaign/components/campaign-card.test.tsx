import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { formatDateTime } from '@/lib/format';
import type { CampaignColumn } from '@/types/api';
import { CampaignCard, campaignTextsOf, parseCampaignTexts, parseDecimal } from './campaign-card';

const columns: CampaignColumn[] = [
  { name: 'month', kind: 'category', label_en: 'Month', label_id: 'Bulan', levels: ['mar', 'may', 'nov'] },
  { name: 'euribor3m', kind: 'number', label_en: 'Euribor 3 months', label_id: 'Euribor 3 bulan', levels: [] },
  { name: 'nr.employed', kind: 'number', label_en: 'Employees', label_id: 'Jumlah pekerja', levels: [] },
];
const fromHistory = {
  campaign: { month: 'nov', euribor3m: 4.021, 'nr.employed': 5195.8 },
  columns,
  source: 'history',
  updated_at: null,
  updated_by: null,
  model_mode: 'current',
};
const setByAdmin = { ...fromHistory, source: 'setting', updated_at: '2026-12-01T02:30:00Z', updated_by: 'admin', model_mode: 'exclude' };

describe('parseDecimal', () => {
  it('reads a decimal comma and a decimal point alike', () => {
    expect(parseDecimal('4,857')).toBe(4.857);
    expect(parseDecimal('4.857')).toBe(4.857);
    expect(parseDecimal(' -1,8 ')).toBe(-1.8);
    expect(parseDecimal('5191')).toBe(5191);
  });

  it('refuses what is not one plain number', () => {
    for (const text of ['', 'abc', '5.191,0', '1,2,3', '4,8x', '1e3']) expect(parseDecimal(text), text).toBeNull();
  });
});

describe('campaign texts', () => {
  it('writes numbers with the reader\'s decimal mark and no grouping, and reads them back', () => {
    const texts = campaignTextsOf(columns, fromHistory.campaign, 'id');
    expect(texts).toEqual({ month: 'nov', euribor3m: '4,021', 'nr.employed': '5195,8' });
    expect(campaignTextsOf(columns, fromHistory.campaign, 'en').euribor3m).toBe('4.021');
    expect(parseCampaignTexts(columns, texts).campaign).toEqual(fromHistory.campaign);
  });

  it('names the problem of each column and gives no values then', () => {
    const { campaign, errors } = parseCampaignTexts(columns, { month: 'dec', euribor3m: 'x', 'nr.employed': ' ' });
    expect(campaign).toBeNull();
    expect(errors).toEqual({ month: 'form.mustChoose', euribor3m: 'form.mustBeNumber', 'nr.employed': 'form.required' });
  });

  it('keeps a stored category its column does not list', () => {
    const texts = { month: 'dec', euribor3m: '1', 'nr.employed': '2' };
    expect(parseCampaignTexts(columns, texts, { month: 'dec' }).campaign).toEqual({ month: 'dec', euribor3m: 1, 'nr.employed': 2 });
  });
});

describe('CampaignCard', () => {
  it('shows the failure with a retry when it cannot be read', async () => {
    const { sent } = stubFetch({ 'GET /api/settings/campaign': { status: 500, body: { error: { code: 'internal', params: {}, message: 'boom', kind: 'internal' } } } });
    renderWithProviders(<CampaignCard />);
    expect(await screen.findByText('Terjadi kesalahan di server. Sudah dicatat; coba lagi nanti.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
    expect(sent.map((r) => r.path)).toEqual(['/api/settings/campaign']);
  });

  it('shows each column in the reader\'s language with its value, and where the values come from', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: fromHistory } });
    renderWithProviders(<CampaignCard />);
    expect(await screen.findByTestId('campaign-source')).toHaveTextContent('Nilai terakhir dari riwayat kampanye');
    expect(screen.getByTestId('campaign-mode')).toHaveTextContent('setiap lead diskor dengan nilai ini');
    expect(screen.getByLabelText('Bulan')).toHaveValue('nov');
    expect(screen.getByLabelText('Euribor 3 bulan')).toHaveValue('4,021');
    expect(screen.getByLabelText('Jumlah pekerja')).toHaveValue('5195,8');
    const options = Array.from((screen.getByLabelText('Bulan') as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['mar', 'may', 'nov']);
    const words = Array.from((screen.getByLabelText('Bulan') as HTMLSelectElement).options).map((o) => o.text);
    expect(words).toEqual(['Maret', 'Mei', 'November']);
  });

  it('names the admin who set the values, and says the active model leaves them out', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: setByAdmin } });
    renderWithProviders(<CampaignCard />, { lang: 'en' });
    expect(await screen.findByTestId('campaign-source')).toHaveTextContent(`Set by admin, ${formatDateTime(setByAdmin.updated_at, 'en')}`);
    expect(screen.getByTestId('campaign-mode')).toHaveTextContent('The active model does not use the campaign context');
    expect(screen.getByLabelText('Month')).toBeInTheDocument();
    expect(Array.from((screen.getByLabelText('Month') as HTMLSelectElement).options).map((o) => o.text)).toContain('May');
    expect(screen.getByLabelText('Euribor 3 months')).toHaveValue('4.021');
  });

  it('says a model with each row\'s own context reads the lead\'s values, not these', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, model_mode: 'include' } } });
    renderWithProviders(<CampaignCard />, { lang: 'en' });
    const mode = await screen.findByTestId('campaign-mode');
    expect(mode).toHaveTextContent('reads each lead\'s own campaign values');
    expect(mode).not.toHaveTextContent('every lead is scored with these values');
  });

  it('says the values are the active model\'s when there is no history', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, source: 'model' } } });
    renderWithProviders(<CampaignCard />);
    expect(await screen.findByTestId('campaign-source')).toHaveTextContent('Belum ada riwayat kampanye: nilai dari model aktif');
    expect(screen.getByLabelText('Bulan')).toHaveValue('nov');
    expect(screen.getByLabelText('Euribor 3 bulan')).toHaveValue('4,021');
  });

  it('says so in English too', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, source: 'model' } } });
    renderWithProviders(<CampaignCard />, { lang: 'en' });
    expect(await screen.findByTestId('campaign-source')).toHaveTextContent('the active model\'s values, the latest of the data it was trained on');
  });

  it('explains an empty history and a missing model', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, campaign: {}, source: 'none', model_mode: null } } });
    renderWithProviders(<CampaignCard />);
    expect(await screen.findByTestId('campaign-source')).toHaveTextContent('Belum ada riwayat kampanye. Mengimpor riwayat');
    expect(screen.getByTestId('campaign-mode')).toHaveTextContent('Belum ada model aktif');
    expect(screen.getByLabelText('Bulan')).toHaveValue('');
    expect(screen.getByLabelText('Euribor 3 bulan')).toHaveValue('');
  });

  it('shows an empty state instead of a form when there are no columns', async () => {
    stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, campaign: {}, columns: [], source: 'none' } } });
    renderWithProviders(<CampaignCard />);
    expect(await screen.findByTestId('campaign-empty')).toHaveTextContent('Data ini tidak punya kolom konteks kampanye.');
    expect(screen.queryByRole('button', { name: 'Simpan kampanye' })).toBeNull();
  });

  it('checks every value before sending and sends nothing wrong', async () => {
    const { sent } = stubFetch({ 'GET /api/settings/campaign': { body: { ...fromHistory, campaign: {}, source: 'none' } } });
    renderWithProviders(<CampaignCard />);
    await userEvent.type(await screen.findByLabelText('Euribor 3 bulan'), '4,8,5');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan kampanye' }));
    expect(screen.getByText('Harus berupa angka.')).toBeInTheDocument();
    expect(screen.getAllByText('Wajib diisi.')).toHaveLength(2);
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('saves every value, says the scores are being refreshed and shows what was saved', async () => {
    const { sent } = stubFetch({
      'GET /api/settings/campaign': { body: fromHistory },
      'PUT /api/settings/campaign': (req) => ({
        body: {
          ...setByAdmin,
          model_mode: 'current',
          campaign: (req.body as { campaign: Record<string, unknown> }).campaign,
          refresh_job: { id: 17, kind: 'refresh' },
        },
      }),
    });
    renderWithProviders(<CampaignCard />);
    await userEvent.selectOptions(await screen.findByLabelText('Bulan'), 'may');
    const euribor = screen.getByLabelText('Euribor 3 bulan');
    await userEvent.clear(euribor);
    await userEvent.type(euribor, '4,857');
    const employed = screen.getByLabelText('Jumlah pekerja');
    await userEvent.clear(employed);
    await userEvent.type(employed, '5191.0');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan kampanye' }));
    expect(await screen.findByTestId('campaign-saved')).toHaveTextContent('Kampanye disimpan. Skor semua lead sedang diperbarui (tugas #17).');
    expect(sent.find((r) => r.method === 'PUT')?.body).toEqual({ campaign: { month: 'may', euribor3m: 4.857, 'nr.employed': 5191 } });
    expect(screen.getByTestId('campaign-source')).toHaveTextContent('Diatur oleh admin');
    expect(screen.getByLabelText('Bulan')).toHaveValue('may');
    expect(screen.getByLabelText('Euribor 3 bulan')).toHaveValue('4,857');
    expect(screen.getByLabelText('Jumlah pekerja')).toHaveValue('5191');
  });

  it('says so when no model is active to refresh the scores', async () => {
    stubFetch({
      'GET /api/settings/campaign': { body: fromHistory },
      'PUT /api/settings/campaign': { body: { ...setByAdmin, model_mode: null, refresh_job: null } },
    });
    renderWithProviders(<CampaignCard />, { lang: 'en' });
    await userEvent.click(await screen.findByRole('button', { name: 'Save campaign' }));
    expect(await screen.findByTestId('campaign-saved')).toHaveTextContent('Campaign saved. No active model, so no scores were refreshed.');
  });

  it('shows the server\'s refusal and keeps the edited form and the values in force', async () => {
    stubFetch({
      'GET /api/settings/campaign': { body: fromHistory },
      'PUT /api/settings/campaign': { status: 400, body: { error: { code: 'field_out_of_range', params: { field: 'euribor3m', value: 250, min: 0, max: 100 }, message: 'euribor3m: must be a finite number below 100', kind: 'invalid_argument' } } },
    });
    renderWithProviders(<CampaignCard />);
    const euribor = await screen.findByLabelText('Euribor 3 bulan');
    await userEvent.clear(euribor);
    await userEvent.type(euribor, '400');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan kampanye' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('euribor3m: 250 di luar rentang 0 sampai 100.');
    expect(screen.getByLabelText('Euribor 3 bulan')).toHaveValue('400');
    expect(screen.getByTestId('campaign-source')).toHaveTextContent('Nilai terakhir dari riwayat kampanye');
    expect(screen.queryByTestId('campaign-saved')).toBeNull();
  });
});
