// GET /api/leads/stats: the admin dashboard's figures (counts by status and grade, and the
// scores in 20 bins) for the list's filters. The server counts, and it applies the 24-hour
// return of rejected leads exactly as it does for the lists.
//
// A server without that route reads "stats" as a lead id (400) or knows no such path (404).
// Then the counts come the old way, from the `total` of one-row pages of GET /api/leads with a
// status or grade filter, and there is no histogram (the dashboard draws the grades instead).
import { ApiError, api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import { grades, leadStatuses, type Grade, type HistogramBin, type LeadQuery, type LeadStatsResponse, type LeadStatus } from '@/types/api';
import { getLeads } from './get-leads';

export type LeadStatsFilter = Pick<LeadQuery, 'status' | 'grade' | 'q' | 'segment' | 'segmentation_id'>;

export interface LeadStats {
  total: number;
  byStatus: Record<LeadStatus, number>;
  byGrade: Record<Grade, number>;
  unscored: number;
  conversionRate: number;
  // null when the server has no statistics route (the counts were read from the list).
  histogram: HistogramBin[] | null;
}

const missingRoute = [400, 404, 405, 501];

export async function getLeadStats(filter: LeadStatsFilter = {}, signal?: AbortSignal): Promise<LeadStats> {
  try {
    const data = await api.get<LeadStatsResponse>('/api/leads/stats', { ...filter }, signal);
    return fromServer(data);
  } catch (err) {
    if (err instanceof ApiError && missingRoute.includes(err.status)) return countFromList(filter, signal);
    throw err;
  }
}

function fromServer(data: LeadStatsResponse): LeadStats {
  const byStatus = Object.fromEntries(leadStatuses.map((s) => [s, data.statuses?.[s] ?? 0])) as Record<LeadStatus, number>;
  const byGrade = Object.fromEntries(grades.map((g) => [g, data.grades?.[g] ?? 0])) as Record<Grade, number>;
  const histogram = Array.isArray(data.histogram)
    ? [...data.histogram].filter((b) => Number.isFinite(b?.from) && Number.isFinite(b?.count)).sort((a, b) => a.from - b.from)
    : null;
  return {
    total: data.total,
    byStatus,
    byGrade,
    unscored: Math.max(0, data.total - data.scored),
    conversionRate: conversionRate(byStatus),
    histogram,
  };
}

async function countFromList(filter: LeadStatsFilter, signal?: AbortSignal): Promise<LeadStats> {
  const count = async (extra: { status?: LeadStatus; grade?: Grade }) =>
    (await getLeads({ ...filter, ...extra, page: 1, size: 1 }, signal)).total;
  // A filter on one status (or grade) leaves the other counts at 0 without asking.
  const byStatusFilter = (s: LeadStatus) => (filter.status && filter.status !== s ? Promise.resolve(0) : count({ status: s }));
  const byGradeFilter = (g: Grade) => (filter.grade && filter.grade !== g ? Promise.resolve(0) : count({ grade: g }));
  const [total, ...rest] = await Promise.all([count({}), ...leadStatuses.map(byStatusFilter), ...grades.map(byGradeFilter)]);
  const byStatus = Object.fromEntries(leadStatuses.map((s, i) => [s, rest[i]])) as Record<LeadStatus, number>;
  const byGrade = Object.fromEntries(grades.map((g, i) => [g, rest[leadStatuses.length + i]])) as Record<Grade, number>;
  const graded = grades.reduce((sum, g) => sum + byGrade[g], 0);
  return { total, byStatus, byGrade, unscored: total - graded, conversionRate: conversionRate(byStatus), histogram: null };
}

// Converted among the leads someone has followed up (contacted, converted or rejected).
export function conversionRate(byStatus: Record<LeadStatus, number>): number {
  const followed = byStatus.contacted + byStatus.converted + byStatus.rejected;
  return followed > 0 ? byStatus.converted / followed : 0;
}

export function useLeadStats(version: number, filter: LeadStatsFilter = {}) {
  return useQuery(['lead-stats', version, filter], (signal) => getLeadStats(filter, signal));
}
