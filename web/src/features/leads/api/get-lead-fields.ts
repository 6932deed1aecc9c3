// GET /api/lead-fields: the columns the portal knows, with labels and the field spec, and the
// layout of the leads in the database, for the lead and what-if forms.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { LeadField, LeadFieldSet } from '@/types/api';

export async function getLeadFieldSet(signal?: AbortSignal): Promise<LeadFieldSet> {
  const data = await api.get<LeadFieldSet>('/api/lead-fields', undefined, signal);
  // A server from before the layout was answered: the bundled data's.
  return { ...data, layout: data.layout ?? 'bank-additional', predictor: data.predictor ?? [] };
}

export async function getLeadFields(signal?: AbortSignal): Promise<LeadField[]> {
  return (await getLeadFieldSet(signal)).items;
}

export function useLeadFields() {
  return useQuery('lead-fields', getLeadFields);
}

export function useLeadFieldSet() {
  return useQuery('lead-field-set', getLeadFieldSet);
}
