// PUT /api/settings/grade-bands (admin): fixed cut-offs [A, B, C] (strictly decreasing, each
// in (0, 1)), or null to go back to the quartiles. Every stored score is graded again at once;
// 400 on a bad body, 409 while a score refresh runs.
import { api } from '@/lib/api-client';
import type { Bands, GradeBands } from '@/types/api';

export function setGradeBands(bands: Bands | null): Promise<GradeBands> {
  return api.put<GradeBands>('/api/settings/grade-bands', { bands });
}
