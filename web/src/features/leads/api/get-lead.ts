// GET /api/leads/{id}: one lead with its data, score, reasons and status history.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { LeadDetail } from '@/types/api';

export async function getLead(id: number, signal?: AbortSignal): Promise<LeadDetail> {
  const data = await api.get<{ lead: LeadDetail }>(`/api/leads/${id}`, undefined, signal);
  return data.lead;
}

export function useLead(id: number) {
  return useQuery(['lead', id], (signal) => getLead(id, signal), { enabled: Number.isInteger(id) && id > 0, live: true });
}
