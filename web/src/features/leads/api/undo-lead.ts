// POST /api/leads/{id}/undo (sales): takes back the caller's own Terkonversi/Ditolak within 5
// minutes; the lead's status, owner and call-back are as before. 409 with the server's sentence
// when the time is over or someone else acted on the lead since.
import { api } from '@/lib/api-client';
import type { LeadDetail } from '@/types/api';

export async function undoLead(id: number): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>(`/api/leads/${id}/undo`, {});
  return data.lead;
}
