import { describe, expect, it } from 'vitest';
import type { LeadQuery, LeadStatus, LeadSummary, Paged } from '@/types/api';
import { findNextLead, type PageFetcher } from './find-next-lead';

function summary(id: number, overrides: Partial<LeadSummary> = {}): LeadSummary {
  return {
    id, name: `Nasabah ${id}`, phone: '08123', rank: id, score: 1 - id / 1000, previous_score: null, trend: 'new', grade: 'B',
    status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false, attempts: 0,
    last_attempt_at: null, status_changed_at: null, age: 40, job: 'technician', do_not_call: false, segment: null, ...overrides,
  };
}

// A stand-in for GET /api/leads over `leads`: the status filter, the search in names, the sorts
// by score and by name, and the pages; it records each query.
function fakeList(leads: () => LeadSummary[]) {
  const asked: LeadQuery[] = [];
  const fetchPage: PageFetcher = async (query) => {
    asked.push(query);
    let rows = leads().filter((l) => (!query.status || l.status === query.status) && (!query.q || l.name.toLowerCase().includes(query.q.toLowerCase())));
    if (query.sort === 'name') rows = [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    else if (query.sort === 'score_asc') rows = [...rows].sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
    else rows = [...rows].sort((a, b) => Number(b.callback_due) - Number(a.callback_due) || (b.score ?? 0) - (a.score ?? 0));
    const page = query.page ?? 1;
    const size = query.size ?? 50;
    return { items: rows.slice((page - 1) * size, page * size), total: rows.length, page, size } satisfies Paged<LeadSummary>;
  };
  return { asked, fetchPage };
}

// 120 leads; every third one is contacted; the names run backwards to the ids, so that the
// order by name is not the order by score.
const names = (n: number) => `Nasabah ${String(1000 - n).padStart(4, '0')}`;
const statuses = (id: number): LeadStatus => (id % 3 === 0 ? 'contacted' : 'pending');
const base = () => Array.from({ length: 120 }, (_, i) => summary(i + 1, { name: names(i + 1), status: statuses(i + 1) }));

describe('findNextLead', () => {
  it('takes the lead after this one in the list\'s own order and filters, across a page', async () => {
    const { asked, fetchPage } = fakeList(base);
    // Pending only, by name: ids 119, 118, 116, 115, ... (the multiples of 3 are contacted).
    const list = (await fakeList(base).fetchPage({ status: 'pending', sort: 'name', page: 1, size: 200 })).items;
    expect(list.slice(0, 3).map((l) => l.id)).toEqual([119, 118, 116]);
    const current = list[49];
    const found = await findNextLead({ id: current.id, rank: current.rank }, { query: { status: 'pending', sort: 'name', q: 'nasabah' }, pos: 49 }, fetchPage);
    expect(found).toEqual({ at: 49, next: { id: list[50].id, name: list[50].name, pos: 50 } });
    // Every page it read was of that list: its status, sort and search.
    expect(asked.length).toBeGreaterThan(0);
    for (const query of asked) expect(query).toMatchObject({ status: 'pending', sort: 'name', q: 'nasabah' });
    expect(asked.map((q) => q.page)).toEqual([1, 2]);
  });

  it('follows the lead where it is now when it moved a little', async () => {
    const { fetchPage } = fakeList(base);
    const found = await findNextLead({ id: 10, rank: 10 }, { query: {}, pos: 11 }, fetchPage);
    expect(found.at).toBe(9);
    expect(found.next?.id).toBe(11);
  });

  it('goes on to the first lead after the old position of a lead that left the list', async () => {
    let leads = base();
    const { fetchPage } = fakeList(() => leads);
    const pending = { status: 'pending' as const };
    // Pending by score: 1, 2, 4, 5, 7, 8, ... ; lead 7 is at position 4.
    expect((await findNextLead({ id: 7, rank: 7 }, { query: pending, pos: 4 }, fetchPage)).next).toEqual({ id: 8, name: names(8), pos: 5 });
    // The caller contacted it: it left the pending list, whose position 4 is lead 8 now.
    leads = leads.map((l) => (l.id === 7 ? { ...l, status: 'contacted' } : l));
    expect(await findNextLead({ id: 7, rank: 7 }, { query: pending, pos: 4 }, fetchPage)).toEqual({ at: null, next: { id: 8, name: names(8), pos: 4 } });
  });

  it('keeps to the lead seen after it when the lead moved away up the list', async () => {
    let leads = base();
    const { fetchPage } = fakeList(() => leads);
    // Lead 20 (position 19) gets a call-back that is due: it goes to the top, and the leads
    // above its old place move down one.
    leads = leads.map((l) => (l.id === 20 ? { ...l, callback_due: true } : l));
    const found = await findNextLead({ id: 20, rank: 20 }, { query: {}, pos: 19, expectedId: 21 }, fetchPage);
    expect(found).toEqual({ at: null, next: { id: 21, name: names(21), pos: 20 } });
  });

  it('has no next lead after the last one, nor in an empty list', async () => {
    const { fetchPage } = fakeList(base);
    expect(await findNextLead({ id: 120, rank: 120 }, { query: {}, pos: 119 }, fetchPage)).toEqual({ at: 119, next: null });
    // The last pending lead (by score: 119) left the list: nothing comes after its old place.
    const { fetchPage: left } = fakeList(() => base().filter((l) => l.id !== 119));
    expect((await findNextLead({ id: 119, rank: 119 }, { query: { status: 'pending' }, pos: 79 }, left)).next).toBeNull();
    const { fetchPage: none } = fakeList(() => []);
    expect((await findNextLead({ id: 5, rank: null }, { query: {}, pos: null }, none)).next).toBeNull();
  });

  it('finds the place of a lead opened directly: by its rank in the ranked list, else page by page', async () => {
    const { asked, fetchPage } = fakeList(base);
    expect(await findNextLead({ id: 70, rank: 70 }, { query: {}, pos: null }, fetchPage)).toEqual({ at: 69, next: { id: 71, name: names(71), pos: 70 } });
    expect(asked.map((q) => [q.page, q.size])).toEqual([[2, 50]]);

    // Three due call-backs go first: the lead is three places below its rank.
    const { fetchPage: due } = fakeList(() => base().map((l) => (l.id > 117 ? { ...l, callback_due: true } : l)));
    expect((await findNextLead({ id: 70, rank: 70 }, { query: {}, pos: null }, due)).at).toBe(72);

    // Sorted by name, the rank says nothing: the list is read from the start.
    const byName = fakeList(base);
    const found = await findNextLead({ id: 1, rank: 1 }, { query: { sort: 'name' }, pos: null }, byName.fetchPage);
    expect(found.at).toBe(119);
    expect(found.next).toBeNull();
    expect(byName.asked.map((q) => [q.page, q.size])).toEqual([[1, 200]]);
  });

  it('opens the list\'s first lead when the lead opened directly is not in it', async () => {
    const { fetchPage } = fakeList(base);
    expect(await findNextLead({ id: 3, rank: 3 }, { query: { status: 'pending' }, pos: null }, fetchPage)).toEqual({ at: null, next: { id: 1, name: names(1), pos: 0 } });
  });
});
