// GET /api/leads: the ranked call list the caller may see, one page at a time.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { LeadQuery, LeadSummary, Paged } from '@/types/api';

export function getLeads(query: LeadQuery, signal?: AbortSignal): Promise<Paged<LeadSummary>> {
  return api.get<Paged<LeadSummary>>('/api/leads', { ...query }, signal);
}

// `version` reloads the list after a change made elsewhere on the page; a change anywhere else
// (another user, another tab) reloads it through the live updates.
export function useLeads(query: LeadQuery, version = 0) {
  return useQuery(['leads', query, version], (signal) => getLeads(query, signal), { live: true });
}
