// POST /api/scoring/refresh: start the refresh of every score, or join the one running.
import { api } from '@/lib/api-client';
import type { Job } from '@/types/api';

export async function refreshScores(): Promise<Job> {
  const data = await api.post<{ job: Job }>('/api/scoring/refresh');
  return data.job;
}
