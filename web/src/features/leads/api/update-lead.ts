// PATCH /api/leads/{id} (admin): edit a lead's data; it is scored again at once.
import { api } from '@/lib/api-client';
import type { LeadDetail, LeadInput } from '@/types/api';

export async function updateLead(id: number, body: LeadInput): Promise<LeadDetail> {
  const data = await api.patch<{ lead: LeadDetail }>(`/api/leads/${id}`, body);
  return data.lead;
}
