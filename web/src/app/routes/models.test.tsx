import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { ModelVersion } from '@/types/api';
import { ModelsRoute } from './models';

const version = (id: number, active: boolean, auc?: number): ModelVersion => ({
  id,
  created_at: '2026-12-03T01:00:00Z',
  created_by: 'admin',
  active,
  uses_duration: false,
  resampling: 'none',
  threshold: 0.5,
  context: { mode: 'exclude', columns: [] },
  metrics: {
    roc_auc: 0.7,
    pr_auc: 0.3,
    brier: 0.1,
    ...(auc === undefined ? {} : { backtest: { roc_auc: auc, auc_within_period: 0.6, pr_auc: 0.4, brier: 0.2, n_train: 800, n_test: 200 } }),
    training_data: { history: 900, labelled_leads: 0, portal: 100, total: 1000 },
  },
});

const campaign = {
  campaign: { month: 'nov' },
  columns: [{ name: 'month', kind: 'category', label_en: 'Month', label_id: 'Bulan', levels: ['may', 'nov'] }],
  source: 'history',
  updated_at: null,
  updated_by: null,
  model_mode: 'exclude',
};

describe('ModelsRoute', () => {
  it('shows the backtest of the active version beside the current campaign, and follows the picked row', async () => {
    stubFetch({
      'GET /api/models': { body: { items: [version(3, false), version(2, true, 0.6432), version(1, false, 0.5555)] } },
      'GET /api/settings/campaign': { body: campaign },
      'GET /api/lead-fields': { body: { items: [] } },
    });
    renderWithProviders(<ModelsRoute />);
    const card = await screen.findByTestId('backtest-card');
    expect(card).toHaveAttribute('data-model-id', '2');
    expect(within(card).getByTestId('backtest-roc_auc')).toHaveTextContent('0,643');
    expect(within(card).getByTestId('backtest-training-data')).toHaveTextContent('100 hasil dari portal');
    expect(await screen.findByTestId('campaign-card')).toHaveTextContent('Nilai terakhir dari riwayat kampanye');

    await userEvent.click(screen.getByText('v1'));
    expect(screen.getByTestId('backtest-card')).toHaveAttribute('data-model-id', '1');
    expect(screen.getByTestId('backtest-roc_auc')).toHaveTextContent('0,556');
    await userEvent.click(screen.getByText('v3'));
    expect(screen.getByTestId('backtest-absent')).toBeInTheDocument();
  });

  it('shows no backtest card before the first model', async () => {
    stubFetch({ 'GET /api/models': { body: { items: [] } }, 'GET /api/settings/campaign': { body: { ...campaign, model_mode: null } } });
    renderWithProviders(<ModelsRoute />);
    expect(await screen.findByTestId('campaign-mode')).toHaveTextContent('Belum ada model aktif');
    expect(screen.queryByTestId('backtest-card')).toBeNull();
  });
});
