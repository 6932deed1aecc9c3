// POST /api/models/train (admin): trains a version on the leads with a known outcome and
// answers when done; it becomes active only if it is not worse than the active one.
import { api } from '@/lib/api-client';
import type { ModelVersion, TrainRequest } from '@/types/api';

export interface TrainResult {
  model: ModelVersion;
  activated: boolean;
  activation_note?: string;  // English, for logs
  // why it was or was not activated: a note code of src/core/reasons.json and its params
  activation?: { code: string; params: Record<string, string | number> };
}

export function trainModel(body: TrainRequest): Promise<TrainResult> {
  return api.post<TrainResult>('/api/models/train', body);
}
