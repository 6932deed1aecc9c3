import { describe, expect, it } from 'vitest';
import { stubFetch } from '@/test/render';
import { ApiError } from '@/lib/api-client';
import { conversionRate, getLeadStats } from './get-lead-stats';

const bins = Array.from({ length: 20 }, (_, i) => ({ from: i * 0.05, to: (i + 1) * 0.05, count: i }));

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

  it('passes any other failure on', async () => {
    stubFetch({ 'GET /api/leads/stats': { status: 500, body: { error: { code: 'internal', message: 'database down' } } } });
    await expect(getLeadStats()).rejects.toBeInstanceOf(ApiError);
    await expect(getLeadStats()).rejects.toMatchObject({ status: 500, message: 'database down' });
  });

  it('has a conversion rate of 0 before anyone followed up', () => {
    expect(conversionRate({ pending: 10, contacted: 0, converted: 0, rejected: 0 })).toBe(0);
  });
});
