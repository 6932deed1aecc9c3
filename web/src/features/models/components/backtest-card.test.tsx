import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import type { ModelVersion } from '@/types/api';
import { BacktestCard } from './backtest-card';

const labels = [
  { name: 'month', label_en: 'Month', label_id: 'Bulan' },
  { name: 'day_of_week', label_en: 'Weekday', label_id: 'Hari' },
];

const full: ModelVersion = {
  id: 7,
  created_at: '2026-12-03T01:00:00Z',
  created_by: 'admin',
  active: true,
  uses_duration: false,
  resampling: 'none',
  threshold: 0.5,
  context: { mode: 'current', columns: ['month', 'day_of_week', 'euribor3m'] },
  metrics: {
    roc_auc: 0.79,
    pr_auc: 0.45,
    brier: 0.08,
    backtest: {
      roc_auc: 0.6432,
      auc_within_period: 0.6081,
      periods: 58,
      pr_auc: 0.4684,
      brier: 0.2081,
      n_train: 21088,
      n_test: 5272,
      lift_top10: 2.117,
      capture_top10: 0.2117,
      lift_top20: 1.85,
      capture_top20: 0.37,
      lift_top30: 1.6,
      capture_top30: 0.48,
    },
    training_data: { history: 21088, labelled_leads: 5000, portal: 312, total: 26400 },
  },
};

describe('BacktestCard', () => {
  it('shows the backtest in full, in the reader\'s numbers', () => {
    renderWithProviders(<BacktestCard model={full} labels={labels} />);
    expect(screen.getByText('Uji maju waktu (v7)')).toBeInTheDocument();
    expect(screen.getByTestId('backtest-roc_auc')).toHaveTextContent('0,643');
    const within_ = screen.getByTestId('backtest-auc_within_period');
    expect(within_).toHaveTextContent('0,608');
    expect(within_).toHaveTextContent('Seberapa baik urutan nasabah yang ditelepon dalam periode yang sama. Dari 58 periode.');
    expect(screen.getByTestId('backtest-pr_auc')).toHaveTextContent('0,468');
    expect(screen.getByTestId('backtest-brier')).toHaveTextContent('0,208');
    const rows = within(screen.getByTestId('backtest-lift')).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['Bagian teratasLiftTangkapan', '10% teratas2,12×21,2%', '20% teratas1,85×37,0%', '30% teratas1,6×48,0%']);
    expect(screen.getByTestId('backtest-rows')).toHaveTextContent('Dilatih pada 21.088 baris awal, diuji pada 5.272 baris berikutnya.');
    expect(screen.getByTestId('backtest-context')).toHaveTextContent('Kolom konteks: Bulan, Hari, euribor3m.');
    expect(screen.getByTestId('backtest-context')).toHaveTextContent('(current)');
    expect(screen.getByTestId('backtest-training-data')).toHaveTextContent(
      '26.400 baris: 21.088 dari riwayat, 5.000 lead berlabel, 312 hasil dari portal.',
    );
    expect(screen.queryByTestId('backtest-absent')).toBeNull();
  });

  it('speaks English too', () => {
    renderWithProviders(<BacktestCard model={full} labels={labels} />, { lang: 'en' });
    expect(screen.getByTestId('backtest-auc_within_period')).toHaveTextContent('How well it orders customers called in the same period.');
    expect(screen.getByTestId('backtest-rows')).toHaveTextContent('Trained on the first 21,088 rows, tested on the next 5,272.');
    expect(screen.getByTestId('backtest-context')).toHaveTextContent('Context columns: Month, Weekday, euribor3m.');
    expect(screen.getByTestId('backtest-training-data')).toHaveTextContent('312 outcomes from the portal');
  });

  it('says why a version has no backtest, and still shows its context and training data', () => {
    const small: ModelVersion = {
      ...full,
      id: 3,
      context: null,
      metrics: {
        roc_auc: 0.7, pr_auc: 0.3, brier: 0.1,
        context: { mode: 'exclude', columns: [] },
        training_data: { history: 0, labelled_leads: 150, portal: 12, total: 162 },
      },
    };
    renderWithProviders(<BacktestCard model={small} />);
    expect(screen.getByTestId('backtest-absent')).toHaveTextContent('datanya terlalu kecil (bagian latih atau uji punya kurang dari 40 "ya" dan 40 "tidak")');
    expect(screen.queryByTestId('backtest-lift')).toBeNull();
    expect(screen.queryByTestId('backtest-rows')).toBeNull();
    expect(screen.getByTestId('backtest-context')).toHaveTextContent('Konteks kampanye: tidak dipakai (exclude).');
    expect(screen.getByTestId('backtest-context')).not.toHaveTextContent('Kolom konteks');
    expect(screen.getByTestId('backtest-training-data')).toHaveTextContent('12 hasil dari portal');
  });

  it('leaves out what an old version does not carry', () => {
    const old: ModelVersion = { ...full, id: 1, context: undefined, metrics: { roc_auc: 0.7, pr_auc: 0.3, brier: 0.1 } };
    renderWithProviders(<BacktestCard model={old} />);
    expect(screen.getByTestId('backtest-absent')).toBeInTheDocument();
    expect(screen.queryByTestId('backtest-context')).toBeNull();
    expect(screen.queryByTestId('backtest-training-data')).toBeNull();
  });
});
