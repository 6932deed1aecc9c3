// GET /api/segments/{id}: clusters with personas, the elbow, and a sample of points.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { SegmentationDetail } from '@/types/api';

export async function getSegment(id: number, signal?: AbortSignal): Promise<SegmentationDetail> {
  const data = await api.get<{ segmentation: SegmentationDetail }>(`/api/segments/${id}`, undefined, signal);
  return data.segmentation;
}

export function useSegment(id: number | null) {
  return useQuery(['segment', id], (signal) => getSegment(id ?? 0, signal), { enabled: id !== null });
}
