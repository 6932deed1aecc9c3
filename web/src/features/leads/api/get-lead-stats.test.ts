import { describe, expect, it } from 'vitest';
import { stubFetch } from '@/test/render';
import { ApiError } from '@/lib/api-client';
import { conversionRate, getLeadStats } from './get-lead-stats';

const bins = Array.from({ length: 20 }, (_, i) => ({ from: i * 0.05, to: (i + 1) * 0.05, count: i }));

function listTotals(totals: Record<string, number>) {
  return (req: { path: string }) => {
    const params = new URL(req.path, 'http://x').searchParams;
    const key = params.get('grade') ?? params.get('status') ?? '';
    return { body: { items: [], total: totals[key], page: 1, size: 1 } };
  };
}

describe('getLeadStats', () => {
  it('takes the counts and the histogram from GET /api/leads/stats, with the filters', async () => {
    const { sent } = stubFetch({
      'GET /api/leads/stats': {
        body: {
          total: 100, scored: 90,
          statuses: { pending: 60, contacted: 20, converted: 15, rejected: 5 },
          grades: { A: 25, B: 25, C: 20, D: 20 },
          histogram: [...bins].reverse(),
        },
      },
    });
    const stats = await getLeadStats({ status: 'contacted', q: 'budi', segment: 2, segmentation_id: 7 });
    expect(sent).toHaveLength(1);
    const params = new URL(sent[0].path, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({ status: 'contacted', q: 'budi', segment: '2', segmentation_id: '7' });
    expect(stats.total).toBe(100);
    expect(stats.unscored).toBe(10);
    expect(stats.byStatus).toEqual({ pending: 60, contacted: 20, converted: 15, rejected: 5 });
    expect(stats.byGrade).toEqual({ A: 25, B: 25, C: 20, D: 20 });
    expect(stats.conversionRate).toBeCloseTo(15 / 40);
    expect(stats.histogram?.map((b) => b.count)).toEqual(bins.map((b) => b.count));
  });

  it('counts from the list when the server has no statistics route (404)', async () => {
    const totals: Record<string, number> = { '': 100, pending: 60, contacted: 20, converted: 15, rejected: 5, A: 25, B: 25, C: 25, D: 20 };
    const { sent } = stubFetch({ 'GET /api/leads': listTotals(totals) });
    const stats = await getLeadStats();
    expect(stats.total).toBe(100);
    expect(stats.byStatus).toEqual({ pending: 60, contacted: 20, converted: 15, rejected: 5 });
    expect(stats.byGrade).toEqual({ A: 25, B: 25, C: 25, D: 20 });
    expect(stats.unscored).toBe(5);
    expect(stats.histogram).toBeNull();
    expect(sent[0].path).toBe('/api/leads/stats');
    expect(sent.slice(1).every((r) => r.path.startsWith('/api/leads?') && r.path.includes('size=1'))).toBe(true);
  });

  it('counts from the list when an older server reads "stats" as a lead id (400), keeping the filters', async () => {
    const { sent } = stubFetch({
      'GET /api/leads/stats': { status: 400, body: { error: { code: 'invalid_argument', message: 'the id in the path must be a positive integer' } } },
      'GET /api/leads': listTotals({ '': 20, contacted: 20, A: 5, B: 5, C: 5, D: 4 }),
    });
    const stats = await getLeadStats({ status: 'contacted' });
    expect(stats.byStatus).toEqual({ pending: 0, contacted: 20, converted: 0, rejected: 0 });
    expect(stats.unscored).toBe(1);
    // every list call keeps the status filter; the other statuses are not asked for
    expect(sent.slice(1).every((r) => r.path.includes('status=contacted'))).toBe(true);
    expect(sent).toHaveLength(1 + 1 + 1 + 4);
  });

  it('passes any other failure on', async () => {
    stubFetch({ 'GET /api/leads/stats': { status: 500, body: { error: { code: 'internal', message: 'database down' } } } });
    await expect(getLeadStats()).rejects.toBeInstanceOf(ApiError);
    await expect(getLeadStats()).rejects.toMatchObject({ status: 500, message: 'database down' });
  });

  it('has a conversion rate of 0 before anyone followed up', () => {
    expect(conversionRate({ pending: 10, contacted: 0, converted: 0, rejected: 0 })).toBe(0);
  });
});
