// The signed-in sales person's call-backs: their own contacted leads that carry a call-back
// time, read from the call list's own filter (GET /api/leads?mine=true&status=contacted), page
// by page up to kMaxPages pages. Live: it is read again whenever the data changes.
import { useQuery } from '@/lib/use-query';
import { getLeads } from './get-leads';

export interface CallBack {
  id: number;
  name: string;
  at: number; // ms since the epoch
}

const kPageSize = 200; // the most the list gives in one page
const kMaxPages = 5;

export async function getMyCallbacks(signal?: AbortSignal): Promise<CallBack[]> {
  const callbacks: CallBack[] = [];
  for (let page = 1; page <= kMaxPages; page += 1) {
    const answer = await getLeads({ mine: true, status: 'contacted', page, size: kPageSize, sort: 'rank' }, signal);
    for (const lead of answer.items) {
      const at = lead.callback_at ? Date.parse(lead.callback_at) : Number.NaN;
      if (lead.is_mine && Number.isFinite(at)) callbacks.push({ id: lead.id, name: lead.name, at });
    }
    if (page * kPageSize >= answer.total) break;
  }
  return callbacks.sort((a, b) => a.at - b.at);
}

export function useMyCallbacks(enabled = true) {
  return useQuery('my-callbacks', getMyCallbacks, { enabled, live: true });
}
