// GET /api/leads/stats: the admin dashboard's figures (counts by status and grade, and the
// scores in 20 bins) for the list's filters. The server counts, and it applies the 24-hour
// return of rejected leads exactly as it does for the lists.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import { grades, leadStatuses, type Grade, type HistogramBin, type LeadQuery, type LeadStatsResponse, type LeadStatus } from '@/types/api';

export type LeadStatsFilter = Pick<LeadQuery, 'status' | 'grade' | 'q' | 'segment' | 'segmentation_id'>;

export interface LeadStats {
  total: number;
  byStatus: Record<LeadStatus, number>;
  byGrade: Record<Grade, number>;
  unscored: number;
  conversionRate: number;
  // The scores in 20 bins, lowest first.
  histogram: HistogramBin[];
}

export async function getLeadStats(filter: LeadStatsFilter = {}, signal?: AbortSignal): Promise<LeadStats> {
  return fromServer(await api.get<LeadStatsResponse>('/api/leads/stats', { ...filter }, signal));
}

function fromServer(data: LeadStatsResponse): LeadStats {
  const byStatus = Object.fromEntries(leadStatuses.map((s) => [s, data.statuses?.[s] ?? 0])) as Record<LeadStatus, number>;
  const byGrade = Object.fromEntries(grades.map((g) => [g, data.grades?.[g] ?? 0])) as Record<Grade, number>;
  const histogram = [...data.histogram].filter((b) => Number.isFinite(b?.from) && Number.isFinite(b?.count)).sort((a, b) => a.from - b.from);
  return {
    total: data.total,
    byStatus,
    byGrade,
    unscored: Math.max(0, data.total - data.scored),
    conversionRate: conversionRate(byStatus),
    histogram,
  };
}

// Converted among the leads someone has followed up (contacted, converted or rejected).
export function conversionRate(byStatus: Record<LeadStatus, number>): number {
  const followed = byStatus.contacted + byStatus.converted + byStatus.rejected;
  return followed > 0 ? byStatus.converted / followed : 0;
}

export function useLeadStats(version: number, filter: LeadStatsFilter = {}) {
  return useQuery(['lead-stats', version, filter], (signal) => getLeadStats(filter, signal));
}
