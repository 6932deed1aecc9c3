// GET /api/models/{id}/curves (admin): ROC, lift/capture by decile, feature importance.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { ModelCurves } from '@/types/api';

export function getModelCurves(id: number, signal?: AbortSignal): Promise<ModelCurves> {
  return api.get<ModelCurves>(`/api/models/${id}/curves`, undefined, signal);
}

export function useModelCurves(id: number | null) {
  return useQuery(['curves', id], (signal) => getModelCurves(id ?? 0, signal), { enabled: id !== null });
}
