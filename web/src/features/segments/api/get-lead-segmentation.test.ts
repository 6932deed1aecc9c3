import { describe, expect, it } from 'vitest';
import { stubFetch } from '@/test/render';
import type { SegmentationSummary } from '@/types/api';
import { getLeadSegmentation, latestLeadSegmentation } from './get-lead-segmentation';

function summary(id: number, source: 'leads' | 'csv', created_at: string): SegmentationSummary {
  return { id, name: `s${id}`, source, features: ['age', 'balance'], k: 3, created_at, is_default: false, n_points: 10, silhouette: null };
}

describe('latestLeadSegmentation', () => {
  it('picks the newest one built from the leads, never an uploaded CSV', () => {
    const list = [
      summary(1, 'leads', '2026-11-20T08:00:00Z'),
      summary(2, 'csv', '2026-11-22T08:00:00Z'),
      summary(3, 'leads', '2026-11-21T08:00:00Z'),
      summary(4, 'leads', '2026-11-19T08:00:00Z'),
    ];
    expect(latestLeadSegmentation(list)?.id).toBe(3);
    expect(latestLeadSegmentation([summary(2, 'csv', '2026-11-22T08:00:00Z')])).toBeNull();
  });
});

describe('getLeadSegmentation', () => {
  it('loads the clusters of that segmentation', async () => {
    const detail = { ...summary(3, 'leads', '2026-11-21T08:00:00Z'), clusters: [{ id: 0, size: 5, centroid: [1, 2], persona: 'Target', description: '' }], elbow: [], sample: [] };
    const { sent } = stubFetch({
      'GET /api/segments': { body: { items: [summary(2, 'csv', '2026-11-22T08:00:00Z'), summary(3, 'leads', '2026-11-21T08:00:00Z')] } },
      'GET /api/segments/3': { body: { segmentation: detail } },
    });
    expect((await getLeadSegmentation())?.clusters[0].persona).toBe('Target');
    expect(sent.map((r) => r.path)).toEqual(['/api/segments', '/api/segments/3']);
  });

  it('is null without a segmentation of the leads, and asks nothing more', async () => {
    const { sent } = stubFetch({ 'GET /api/segments': { body: { items: [summary(2, 'csv', '2026-11-22T08:00:00Z')] } } });
    expect(await getLeadSegmentation()).toBeNull();
    expect(sent).toHaveLength(1);
  });
});
