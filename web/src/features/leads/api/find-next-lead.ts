// "Berikutnya" on a lead's page: the lead after this one in the list it was opened from, read
// from GET /api/leads with that list's filters, sort and search (the server has page and size,
// no keyset cursor, so the pages around the lead's position are read).
//
// - The lead is found near its known position: the next is the one after it, as the list is now.
// - It is not there (contacted, closed or marked do-not-call, it left the list, or it moved):
//   the next is the first lead after its old position, which is the lead seen after it before
//   (`expectedId`) when that one is still near, else the lead now at the old position (the
//   list closed up).
// - No known position (the page was opened directly): the lead is looked for, near its rank
//   first in the ranked list, then page by page; a lead that is not in the list at all leads
//   to the list's first lead.
// - After the list's last lead there is none (`next: null`).
import { useRef } from 'react';
import { useQuery } from '@/lib/use-query';
import type { LeadQuery, LeadSummary, Paged } from '@/types/api';
import type { ListContext, ListQuery } from '../list-context';
import { getLeads } from './get-leads';

export type PageFetcher = (query: LeadQuery, signal?: AbortSignal) => Promise<Paged<LeadSummary>>;

export interface NextLead {
  id: number;
  name: string;
  pos: number;
}

export interface NextLeadResult {
  // Where the current lead is in the list now (null: not found in it).
  at: number | null;
  next: NextLead | null;
}

// Pages read around a known position, and pages read when looking for a lead from the start.
export const NEAR_PAGE_SIZE = 50;
export const SCAN_PAGE_SIZE = 200;
// A lead is looked for this far on each side of its known position.
const REACH = 3;
// Past its rank, a lead of the ranked list is looked for this far (the due call-backs above it).
const RANK_REACH = 20;
// Looking for a lead from the start stops after this many leads.
const SCAN_LIMIT = 20_000;

// One list read page by page on demand, each page once.
class ListReader {
  private pages = new Map<number, LeadSummary[]>();
  total: number | null = null;

  constructor(
    private readonly query: ListQuery,
    readonly size: number,
    private readonly fetchPage: PageFetcher,
    private readonly signal?: AbortSignal,
  ) {}

  async at(pos: number): Promise<LeadSummary | null> {
    if (pos < 0 || (this.total !== null && pos >= this.total)) return null;
    const page = Math.floor(pos / this.size) + 1;
    let items = this.pages.get(page);
    if (!items) {
      const data = await this.fetchPage({ ...this.query, page, size: this.size }, this.signal);
      items = data.items;
      this.pages.set(page, items);
      this.total = data.total;
    }
    return items[pos - (page - 1) * this.size] ?? null;
  }

  // The position of lead `id` between `from` and `to` (inclusive), or null.
  async find(id: number, from: number, to: number): Promise<number | null> {
    for (let pos = Math.max(0, from); pos <= to; pos++) {
      const item = await this.at(pos);
      if (item === null) {
        if (this.total !== null && pos >= this.total) return null;
        continue;
      }
      if (item.id === id) return pos;
    }
    return null;
  }
}

const isRankedAsIs = (q: ListQuery) =>
  (q.sort === undefined || q.sort === 'rank') && !q.status && !q.grade && q.segment === undefined && !q.q && !q.mine;

export async function findNextLead(
  lead: { id: number; rank: number | null },
  list: ListContext & { expectedId?: number | null },
  fetchPage: PageFetcher = getLeads,
  signal?: AbortSignal,
): Promise<NextLeadResult> {
  const near = new ListReader(list.query, NEAR_PAGE_SIZE, fetchPage, signal);
  const result = (at: number | null, item: LeadSummary | null, pos: number): NextLeadResult => ({
    at,
    next: item ? { id: item.id, name: item.name, pos } : null,
  });

  if (list.pos !== null) {
    const at = await near.find(lead.id, list.pos - REACH, list.pos + REACH);
    if (at !== null) return result(at, await near.at(at + 1), at + 1);
    if (list.expectedId != null && list.expectedId !== lead.id) {
      const seen = await near.find(list.expectedId, list.pos - REACH, list.pos + REACH);
      if (seen !== null) return result(null, await near.at(seen), seen);
    }
    return result(null, await near.at(list.pos), list.pos);
  }

  // Opened directly: in the ranked list as it comes, the lead's rank is its position but for
  // the due call-backs that go first, so the page at its rank is read before any other.
  if (lead.rank !== null && lead.rank > 0 && isRankedAsIs(list.query)) {
    const guess = lead.rank - 1;
    const at = await near.find(lead.id, guess - REACH, guess + RANK_REACH);
    if (at !== null) return result(at, await near.at(at + 1), at + 1);
  }
  const scan = new ListReader(list.query, SCAN_PAGE_SIZE, fetchPage, signal);
  for (let pos = 0; pos < SCAN_LIMIT; pos += SCAN_PAGE_SIZE) {
    const at = await scan.find(lead.id, pos, pos + SCAN_PAGE_SIZE - 1);
    if (at !== null) return result(at, await scan.at(at + 1), at + 1);
    if (scan.total !== null && pos + SCAN_PAGE_SIZE >= scan.total) break;
  }
  return result(null, await scan.at(0), 0);
}

// The next lead of the page's list, looked up again whenever `version` changes (after a change
// made on the page). What the last answer said is kept: where the lead was found, which is the
// position to look near next time, and which lead came after it.
export function useNextLead(lead: { id: number; rank: number | null }, list: ListContext, version: number) {
  const anchor = useRef<number | null>(list.pos);
  const expected = useRef<number | null>(null);
  const rank = useRef(lead.rank);
  rank.current = lead.rank;
  return useQuery(['next-lead', lead.id, list.query, version], async (signal) => {
    const found = await findNextLead({ id: lead.id, rank: rank.current }, { query: list.query, pos: anchor.current, expectedId: expected.current }, getLeads, signal);
    if (found.at !== null) anchor.current = found.at;
    expected.current = found.next?.id ?? null;
    return found;
  });
}
