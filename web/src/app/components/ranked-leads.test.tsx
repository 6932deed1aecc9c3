import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { RankedLeads } from './ranked-leads';

const lead = {
  id: 1, name: 'Siti Rahayu', phone: '0812', rank: 1, score: 0.8, previous_score: null, trend: 'new', grade: 'A',
  status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false,
  status_changed_at: null, age: 40, job: 'admin.', segment: { segmentation_id: 5, cluster: 1, persona: 'Older, high balance' },
};
const segmentation = (id: number, source: string, created_at: string) => ({
  id, name: `s${id}`, source, features: ['age', 'balance'], k: 2, created_at, is_default: false, n_points: 10, silhouette: null,
});

describe('RankedLeads', () => {
  it('filters by a persona of the most recent segmentation of the leads', async () => {
    const { sent } = stubFetch({
      'GET /api/leads': { body: { items: [lead], total: 1, page: 1, size: 50 } },
      'GET /api/segments': { body: { items: [segmentation(5, 'leads', '2026-11-21T00:00:00Z'), segmentation(6, 'csv', '2026-11-22T00:00:00Z')] } },
      'GET /api/segments/5': {
        body: { segmentation: { ...segmentation(5, 'leads', '2026-11-21T00:00:00Z'), clusters: [{ id: 0, size: 4, centroid: [30, 100], persona: 'Young, low balance', description: '' }, { id: 1, size: 6, centroid: [55, 900], persona: 'Older, high balance', description: '' }], elbow: [], sample: [] } },
      },
    });
    renderWithProviders(<RankedLeads version={0} />);
    const select = await screen.findByRole('combobox', { name: 'Segmen' });
    expect(screen.getAllByTestId('persona-badge')[0]).toHaveTextContent('Older, high balance');
    await userEvent.selectOptions(select, 'Klaster 1: Older, high balance');
    await waitFor(() => expect(sent.some((r) => r.path.startsWith('/api/leads?') && r.path.includes('segment=1') && r.path.includes('segmentation_id=5'))).toBe(true));
  });

  it('shows the list without a segment filter when the segmentations cannot be read', async () => {
    stubFetch({
      'GET /api/leads': { body: { items: [{ ...lead, segment: null }], total: 1, page: 1, size: 50 } },
      'GET /api/segments': { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
    });
    renderWithProviders(<RankedLeads version={0} />);
    expect(await screen.findByText('Siti Rahayu')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Memuat…')).toBeNull());
    expect(screen.queryByRole('combobox', { name: 'Segmen' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
