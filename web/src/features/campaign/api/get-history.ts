// GET /api/history (admin): how many rows of campaign history train the model, how many of them
// subscribed, and how many outcomes set in the portal join them.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { HistoryCounts } from '@/types/api';

export function getHistory(signal?: AbortSignal): Promise<HistoryCounts> {
  return api.get<HistoryCounts>('/api/history', undefined, signal);
}

export function useHistory() {
  return useQuery('history', getHistory);
}
