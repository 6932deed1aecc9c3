// POST /api/models/{id}/activate (admin): make a version the active one.
import { api } from '@/lib/api-client';
import type { ModelVersion } from '@/types/api';

export async function activateModel(id: number): Promise<ModelVersion> {
  const data = await api.post<{ model: ModelVersion }>(`/api/models/${id}/activate`);
  return data.model;
}
