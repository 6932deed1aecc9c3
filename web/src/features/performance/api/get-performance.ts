// GET /api/me/performance (sales, "Performa Saya") and GET /api/users/{id}/performance (admin,
// the same page for one sales): followed-up leads, counts, conversion rate, changes per day.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Performance } from '@/types/api';

export function getPerformance(userId: number | 'me', days: number, signal?: AbortSignal): Promise<Performance> {
  const path = userId === 'me' ? '/api/me/performance' : `/api/users/${userId}/performance`;
  return api.get<Performance>(path, { days }, signal);
}

export function usePerformance(userId: number | 'me', days: number) {
  return useQuery(['performance', userId, days], (signal) => getPerformance(userId, days, signal));
}
