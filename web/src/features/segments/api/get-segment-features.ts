// GET /api/segments/features (admin): the numeric lead columns a segmentation of the leads can
// use — those most leads have, never one that identifies the lead — and the pair the server
// uses when none are chosen (age × balance, or age × campaign on the bank-additional layout).
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { SegmentFeatures } from '@/types/api';

export function getSegmentFeatures(signal?: AbortSignal): Promise<SegmentFeatures> {
  return api.get<SegmentFeatures>('/api/segments/features', undefined, signal);
}

export function useSegmentFeatures(version: number, enabled: boolean) {
  return useQuery(['segment-features', version], getSegmentFeatures, { enabled });
}
