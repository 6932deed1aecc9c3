// GET /api/performance (admin): one row per sales account for the team overview.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Items, TeamRow } from '@/types/api';

export async function getTeamPerformance(days: number, signal?: AbortSignal): Promise<TeamRow[]> {
  const data = await api.get<Items<TeamRow>>('/api/performance', { days }, signal);
  return data.items;
}

export function useTeamPerformance(days: number, version = 0) {
  return useQuery(['team', days, version], (signal) => getTeamPerformance(days, signal));
}
