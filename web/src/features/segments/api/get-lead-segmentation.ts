// The most recent segmentation built from the leads in the database (GET /api/segments, then
// GET /api/segments/{id} for its clusters): what the lead lists' segment filter offers. null
// when none was built; segmentations of an uploaded CSV do not place leads in clusters.
import { useQuery } from '@/lib/use-query';
import type { SegmentationDetail, SegmentationSummary } from '@/types/api';
import { getSegment } from './get-segment';
import { getSegments } from './get-segments';

export function latestLeadSegmentation(list: SegmentationSummary[]): SegmentationSummary | null {
  let latest: SegmentationSummary | null = null;
  for (const s of list) {
    if (s.source !== 'leads') continue;
    const newer = !latest || s.created_at > latest.created_at || (s.created_at === latest.created_at && s.id > latest.id);
    if (newer) latest = s;
  }
  return latest;
}

export async function getLeadSegmentation(signal?: AbortSignal): Promise<SegmentationDetail | null> {
  const latest = latestLeadSegmentation(await getSegments(signal));
  return latest ? getSegment(latest.id, signal) : null;
}

export function useLeadSegmentation() {
  return useQuery('lead-segmentation', getLeadSegmentation);
}
