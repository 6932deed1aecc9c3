// GET /api/models (admin): model versions, newest first, with their validation metrics.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Items, ModelVersion } from '@/types/api';

export async function getModels(signal?: AbortSignal): Promise<ModelVersion[]> {
  const data = await api.get<Items<ModelVersion>>('/api/models', undefined, signal);
  return data.items;
}

export function useModels(version: number) {
  return useQuery(['models', version], getModels);
}
