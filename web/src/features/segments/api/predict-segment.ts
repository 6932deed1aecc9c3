// POST /api/segments/{id}/predict: a new customer's feature values in, cluster and persona out.
import { api } from '@/lib/api-client';
import type { SegmentPrediction } from '@/types/api';

export function predictSegment({ id, values }: { id: number; values: Record<string, number> }): Promise<SegmentPrediction> {
  return api.post<SegmentPrediction>(`/api/segments/${id}/predict`, { values });
}
