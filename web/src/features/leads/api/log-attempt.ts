// POST /api/leads/{id}/attempts: a sales person logs a call that changed nothing (no answer,
// busy, ...). The first attempt of a pending lead makes the caller its owner.
import { api } from '@/lib/api-client';
import type { AttemptRequest, LeadDetail } from '@/types/api';

export async function logAttempt(id: number, body: AttemptRequest): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>(`/api/leads/${id}/attempts`, body);
  return data.lead;
}
