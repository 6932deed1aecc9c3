// GET /api/activity (admin): the log of every status change, newest first, filtered.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { ActivityEntry, Paged } from '@/types/api';

export interface ActivityQuery {
  user_id?: number;
  lead_id?: number;
  page?: number;
  size?: number;
}

export function getActivity(query: ActivityQuery, signal?: AbortSignal): Promise<Paged<ActivityEntry>> {
  return api.get<Paged<ActivityEntry>>('/api/activity', { ...query }, signal);
}

export function useActivity(query: ActivityQuery, version = 0) {
  return useQuery(['activity', query, version], (signal) => getActivity(query, signal));
}
