// POST /api/models/train (admin): trains a version on the leads with a known outcome and
// answers when done; it becomes active only if it is not worse than the active one.
import { api } from '@/lib/api-client';
import type { ModelVersion, TrainRequest } from '@/types/api';

export function trainModel(body: TrainRequest): Promise<{ model: ModelVersion; activated: boolean }> {
  return api.post<{ model: ModelVersion; activated: boolean }>('/api/models/train', body);
}
