// POST /api/leads/{id}/status: a sales person moves a lead on. 409 carries the server's
// "being followed up by NAME" when another sales owns it.
import { api } from '@/lib/api-client';
import type { LeadDetail, StatusRequest } from '@/types/api';

export async function setLeadStatus(id: number, body: StatusRequest): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>(`/api/leads/${id}/status`, body);
  return data.lead;
}
