import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import type { LeadStats } from '../api/get-lead-stats';
import { histogramChartData } from './score-histogram-chart';
import { ScoreDistributionCard } from './score-distribution-card';

// The chart library needs a canvas; the tests look at the data each chart is given.
vi.mock('react-chartjs-2', () => ({
  Bar: ({ data }: { data: { labels: string[]; datasets: { data: number[] }[] } }) => (
    <pre data-testid="bar-data">{JSON.stringify({ labels: data.labels, counts: data.datasets[0].data })}</pre>
  ),
}));

const bins = Array.from({ length: 20 }, (_, i) => ({ from: i / 20, to: (i + 1) / 20, count: (i * 7) % 5 }));

function stats(overrides: Partial<LeadStats> = {}): LeadStats {
  return {
    total: 100, unscored: 10, conversionRate: 0,
    byStatus: { pending: 100, contacted: 0, converted: 0, rejected: 0 },
    byGrade: { A: 30, B: 25, C: 20, D: 15 },
    histogram: bins, ...overrides,
  };
}

const barData = () => JSON.parse(screen.getByTestId('bar-data').textContent ?? '{}') as { labels: string[]; counts: number[] };

describe('histogramChartData', () => {
  it('labels the 20 bins with their range in percent, in score order', () => {
    const { labels, counts } = histogramChartData([...bins].reverse(), 'en');
    expect(labels).toHaveLength(20);
    expect(labels[0]).toBe('0–5%');
    expect(labels[3]).toBe('15–20%');
    expect(labels[19]).toBe('95–100%');
    expect(counts).toEqual(bins.map((b) => b.count));
  });

  it('writes a decimal comma in Indonesian', () => {
    expect(histogramChartData([{ from: 0.025, to: 0.05, count: 1 }], 'id').labels).toEqual(['2,5–5%']);
  });
});

describe('ScoreDistributionCard', () => {
  it('draws the histogram the server counted, with how many leads are scored', () => {
    renderWithProviders(<ScoreDistributionCard stats={stats()} />);
    expect(screen.getByText('Sebaran skor')).toBeInTheDocument();
    expect(screen.getByTestId('scored-count')).toHaveTextContent('90 dari 100 lead sudah diskor');
    expect(screen.getByTestId('score-histogram')).toBeInTheDocument();
    expect(barData().counts).toEqual(bins.map((b) => b.count));
  });

  it('says so when no lead is scored yet', () => {
    renderWithProviders(<ScoreDistributionCard stats={stats({ unscored: 100, histogram: bins.map((b) => ({ ...b, count: 0 })) })} />);
    expect(screen.getByText('Belum ada lead yang diskor.')).toBeInTheDocument();
    expect(screen.queryByTestId('bar-data')).toBeNull();
  });
});
