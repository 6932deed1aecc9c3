// POST /api/segments (admin): K-Means on the leads' numeric columns or on an uploaded CSV;
// k by the elbow unless fixed.
import { api } from '@/lib/api-client';
import type { BuildSegmentationRequest, SegmentationDetail } from '@/types/api';

export async function buildSegment(body: BuildSegmentationRequest): Promise<SegmentationDetail> {
  const data = await api.post<{ segmentation: SegmentationDetail }>('/api/segments', body);
  return data.segmentation;
}
