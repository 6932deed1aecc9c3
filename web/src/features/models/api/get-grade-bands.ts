// GET /api/settings/grade-bands (admin): the A, B and C cut-offs the grades follow, or the
// quartiles of the current scores.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { GradeBands } from '@/types/api';

export function getGradeBands(signal?: AbortSignal): Promise<GradeBands> {
  return api.get<GradeBands>('/api/settings/grade-bands', undefined, signal);
}

export function useGradeBands() {
  return useQuery('grade-bands', getGradeBands);
}
