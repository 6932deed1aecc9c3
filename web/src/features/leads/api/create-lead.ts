// POST /api/leads (admin): a new lead, scored at once when a model is active.
import { api } from '@/lib/api-client';
import type { LeadDetail, LeadInput } from '@/types/api';

export async function createLead(body: LeadInput): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>('/api/leads', body);
  return data.lead;
}
