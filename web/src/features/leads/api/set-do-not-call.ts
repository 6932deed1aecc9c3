// PATCH /api/leads/{id} with do_not_call: the customer asked not to be called (UU PDP). A sales
// person may set the mark on a lead they can open; only an admin clears it. The mark holds for
// every lead of the same phone number, and for leads imported with it later.
import { api } from '@/lib/api-client';
import type { LeadDetail } from '@/types/api';

export async function setDoNotCall({ id, doNotCall, consentNote }: {
  id: number;
  doNotCall: boolean;
  consentNote: string;
}): Promise<LeadDetail> {
  const body: { do_not_call: boolean; consent_note?: string } = { do_not_call: doNotCall };
  if (consentNote.trim()) body.consent_note = consentNote.trim().slice(0, 1000);
  const data = await api.patch<{ lead: LeadDetail }>(`/api/leads/${id}`, body);
  return data.lead;
}
