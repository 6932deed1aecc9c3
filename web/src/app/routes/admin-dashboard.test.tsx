import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders, stubFetch } from '@/test/render';
import { AdminDashboardRoute } from './admin-dashboard';

vi.mock('react-chartjs-2', () => ({
  Bar: ({ data }: { data: { labels: string[] } }) => <pre data-testid="bar-data">{data.labels.join('|')}</pre>,
}));

const emptyList = { body: { items: [], total: 0, page: 1, size: 50 } };
const noSegments = { body: { items: [] } };

describe('AdminDashboardRoute', () => {
  it('fills the tiles and the histogram from GET /api/leads/stats', async () => {
    stubFetch({
      'GET /api/leads/stats': {
        body: {
          total: 1200, scored: 1100,
          statuses: { pending: 900, contacted: 200, converted: 60, rejected: 40 },
          grades: { A: 275, B: 275, C: 275, D: 275 },
          histogram: Array.from({ length: 20 }, (_, i) => ({ from: i / 20, to: (i + 1) / 20, count: 55 })),
        },
      },
      'GET /api/leads': emptyList,
      'GET /api/segments': noSegments,
    });
    renderWithProviders(<AdminDashboardRoute />);
    const kpis = await screen.findByTestId('kpis');
    expect(within(kpis).getByText('1.200')).toBeInTheDocument();
    expect(within(kpis).getByText('200')).toBeInTheDocument();
    expect(within(kpis).getByText('20,0%')).toBeInTheDocument();
    expect(screen.getByTestId('score-histogram')).toHaveTextContent('0–5%');
  });

  it('shows the failure with a retry when the figures cannot be read', async () => {
    stubFetch({
      'GET /api/leads/stats': { status: 500, body: { error: { code: 'internal', params: {}, message: 'something went wrong on the server; it has been logged', kind: 'internal' } } },
      'GET /api/leads': emptyList,
      'GET /api/segments': noSegments,
    });
    renderWithProviders(<AdminDashboardRoute />);
    expect(await screen.findByText('Terjadi kesalahan di server. Sudah dicatat; coba lagi nanti.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
  });
});
