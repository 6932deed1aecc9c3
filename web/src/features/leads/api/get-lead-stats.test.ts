import { describe, expect, it } from 'vitest';
import { stubFetch } from '@/test/render';
import { conversionRate, getLeadStats } from './get-lead-stats';

describe('getLeadStats', () => {
  it('builds the dashboard figures from the totals the server counts', async () => {
    const totals: Record<string, number> = { '': 100, pending: 60, contacted: 20, converted: 15, rejected: 5, A: 25, B: 25, C: 25, D: 20 };
    const { sent } = stubFetch({
      'GET /api/leads': (req) => {
        const params = new URL(req.path, 'http://x').searchParams;
        const key = params.get('status') ?? params.get('grade') ?? '';
        return { body: { items: [], total: totals[key], page: 1, size: 1 } };
      },
    });
    const stats = await getLeadStats();
    expect(stats.total).toBe(100);
    expect(stats.byStatus).toEqual({ pending: 60, contacted: 20, converted: 15, rejected: 5 });
    expect(stats.byGrade).toEqual({ A: 25, B: 25, C: 25, D: 20 });
    expect(stats.unscored).toBe(5);
    expect(stats.conversionRate).toBeCloseTo(15 / 40);
    expect(sent.every((r) => r.path.includes('size=1'))).toBe(true);
  });

  it('has a conversion rate of 0 before anyone followed up', () => {
    expect(conversionRate({ pending: 10, contacted: 0, converted: 0, rejected: 0 })).toBe(0);
  });
});
