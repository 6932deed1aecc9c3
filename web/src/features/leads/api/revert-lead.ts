// POST /api/leads/{id}/revert (admin): reopens a converted or rejected lead at any time, with a
// required reason (1..200 characters) that is kept in the lead's history.
import { api } from '@/lib/api-client';
import type { LeadDetail } from '@/types/api';

export async function revertLead({ id, reason }: { id: number; reason: string }): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>(`/api/leads/${id}/revert`, { reason });
  return data.lead;
}
