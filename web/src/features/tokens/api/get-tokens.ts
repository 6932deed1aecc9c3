// GET /api/tokens (admin): every API token, revoked ones too, newest first, without its text.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { ApiToken } from '@/types/api';

export async function getTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const answer = await api.get<{ items: ApiToken[] }>('/api/tokens', undefined, signal);
  return answer.items;
}

// `version` reloads the list (after a token was created or revoked).
export function useTokens(version = 0) {
  return useQuery(['api-tokens', version], getTokens);
}
