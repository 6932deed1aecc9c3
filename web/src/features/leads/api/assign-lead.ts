// POST /api/leads/{id}/assign (admin): gives an open lead to an active sales person (it becomes
// contacted, theirs), or with null releases it to the team (pending, no owner). 400 for an
// inactive or admin account or a closed lead; logged in the lead's history.
import { api } from '@/lib/api-client';
import type { LeadDetail } from '@/types/api';

export async function assignLead({ id, userId }: { id: number; userId: number | null }): Promise<LeadDetail> {
  const data = await api.post<{ lead: LeadDetail }>(`/api/leads/${id}/assign`, { user_id: userId });
  return data.lead;
}
