// GET /api/info: server facts shown before sign-in (demo mode, server clock, database).
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { ServerInfo } from '@/types/api';

export function getInfo(signal?: AbortSignal): Promise<ServerInfo> {
  return api.get<ServerInfo>('/api/info', undefined, signal);
}

export function useServerInfo() {
  return useQuery('info', getInfo);
}
