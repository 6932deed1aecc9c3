// GET /api/lead-fields: the columns the portal knows, with labels, for the lead and what-if forms.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Items, LeadField } from '@/types/api';

export async function getLeadFields(signal?: AbortSignal): Promise<LeadField[]> {
  const data = await api.get<Items<LeadField>>('/api/lead-fields', undefined, signal);
  return data.items;
}

export function useLeadFields() {
  return useQuery('lead-fields', getLeadFields);
}
