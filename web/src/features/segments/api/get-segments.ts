// GET /api/segments: the segmentations built so far, newest first.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Items, SegmentationSummary } from '@/types/api';

export async function getSegments(signal?: AbortSignal): Promise<SegmentationSummary[]> {
  const data = await api.get<Items<SegmentationSummary>>('/api/segments', undefined, signal);
  return data.items;
}

export function useSegments(version: number) {
  return useQuery(['segments', version], getSegments);
}
