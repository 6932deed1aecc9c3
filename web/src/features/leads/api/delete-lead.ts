// DELETE /api/leads/{id} (admin): removes the lead and its activity.
import { api } from '@/lib/api-client';

export async function deleteLead(id: number): Promise<true> {
  await api.delete<null>(`/api/leads/${id}`);
  return true;
}
