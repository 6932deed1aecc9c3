// The admin dashboard's figures. The API has no statistics route, so they are read from the
// `total` of one-row pages of GET /api/leads with a status or grade filter: the server counts,
// and it applies the 24-hour return of rejected leads exactly as it does for the lists.
import { useQuery } from '@/lib/use-query';
import { grades, leadStatuses, type Grade, type LeadStatus } from '@/types/api';
import { getLeads } from './get-leads';

export interface LeadStats {
  total: number;
  byStatus: Record<LeadStatus, number>;
  byGrade: Record<Grade, number>;
  unscored: number;
  conversionRate: number;
}

export async function getLeadStats(signal?: AbortSignal): Promise<LeadStats> {
  const count = async (filter: { status?: LeadStatus; grade?: Grade }) =>
    (await getLeads({ ...filter, page: 1, size: 1 }, signal)).total;
  const [total, ...rest] = await Promise.all([
    count({}),
    ...leadStatuses.map((status) => count({ status })),
    ...grades.map((grade) => count({ grade })),
  ]);
  const byStatus = Object.fromEntries(leadStatuses.map((s, i) => [s, rest[i]])) as Record<LeadStatus, number>;
  const byGrade = Object.fromEntries(grades.map((g, i) => [g, rest[leadStatuses.length + i]])) as Record<Grade, number>;
  const graded = grades.reduce((sum, g) => sum + byGrade[g], 0);
  return { total, byStatus, byGrade, unscored: total - graded, conversionRate: conversionRate(byStatus) };
}

// Converted among the leads someone has followed up (contacted, converted or rejected).
export function conversionRate(byStatus: Record<LeadStatus, number>): number {
  const followed = byStatus.contacted + byStatus.converted + byStatus.rejected;
  return followed > 0 ? byStatus.converted / followed : 0;
}

export function useLeadStats(version: number) {
  return useQuery(['lead-stats', version], getLeadStats);
}
