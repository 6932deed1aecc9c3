// GET /api/leads/export (admin): the CSV download. The browser fetches it itself through a
// link, so the session cookie goes along and the file is saved under the server's name.
import { buildUrl } from '@/lib/api-client';
import type { Grade, LeadStatus } from '@/types/api';

export function exportLeadsUrl(filter: { status?: LeadStatus | ''; grade?: Grade | '' }): string {
  return buildUrl('/api/leads/export', { status: filter.status, grade: filter.grade });
}
