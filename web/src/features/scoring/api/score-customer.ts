// POST /api/score: what-if scoring of a customer described in a form; nothing is saved.
import { api } from '@/lib/api-client';
import type { LeadFields, ScoreResult } from '@/types/api';

export function scoreCustomer(fields: LeadFields): Promise<ScoreResult> {
  return api.post<ScoreResult>('/api/score', { fields });
}
