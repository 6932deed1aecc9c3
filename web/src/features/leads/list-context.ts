// The list a lead's page was opened from: its filters, sort and search, and the lead's position
// in it (0-based, over all pages). A lead's link carries them as search parameters
// (`/leads/42?sort=name&status=pending&pos=17`), so that "Berikutnya" on the lead's page walks
// the same list and a reload keeps it. A page opened without them walks the caller's default
// call list, GET /api/leads as it comes (ranked), and finds the lead's place in it first.
import { grades, leadStatuses, type Grade, type LeadQuery, type LeadSort, type LeadStatus } from '@/types/api';

// The list's own query: what selects and orders its leads, never a page.
export type ListQuery = Omit<LeadQuery, 'page' | 'size'>;

export interface ListContext {
  query: ListQuery;
  pos: number | null;
}

const sorts: LeadSort[] = ['rank', 'score_asc', 'name', 'recent'];

// The list's query without its page, empty filters left out, in a fixed key order (it is part
// of a cache key and of links).
export function listQueryOf(query: LeadQuery): ListQuery {
  const out: ListQuery = {};
  if (query.sort) out.sort = query.sort;
  if (query.status) out.status = query.status;
  if (query.grade) out.grade = query.grade;
  if (query.segment !== undefined && query.segment !== '') out.segment = query.segment;
  if (query.segmentation_id !== undefined) out.segmentation_id = query.segmentation_id;
  if (query.q) out.q = query.q;
  if (query.mine) out.mine = true;
  return out;
}

// The link to a lead opened from a list at position `pos`.
export function leadHref(id: number, query: LeadQuery, pos: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(listQueryOf(query))) params.set(key, String(value));
  if (pos !== null && Number.isInteger(pos) && pos >= 0) params.set('pos', String(pos));
  const text = params.toString();
  return text ? `/leads/${id}?${text}` : `/leads/${id}`;
}

const whole = (text: string | null, min: number, max: number): number | undefined => {
  if (text === null || !/^\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
};

// The list context of a lead's page from its search parameters. A parameter that is not one
// the list could have sent is left out, so a hand-edited link still opens a valid list.
export function readListContext(params: URLSearchParams): ListContext {
  const query: ListQuery = {};
  const sort = params.get('sort');
  if (sort && (sorts as string[]).includes(sort)) query.sort = sort as LeadSort;
  const status = params.get('status');
  if (status && (leadStatuses as string[]).includes(status)) query.status = status as LeadStatus;
  const grade = params.get('grade');
  if (grade && (grades as string[]).includes(grade)) query.grade = grade as Grade;
  const segment = whole(params.get('segment'), 0, 1000);
  if (segment !== undefined) query.segment = segment;
  const segmentation = whole(params.get('segmentation_id'), 1, 999_999_999);
  if (segmentation !== undefined) query.segmentation_id = segmentation;
  const q = params.get('q');
  if (q) query.q = q.slice(0, 100);
  if (params.get('mine') === 'true') query.mine = true;
  return { query, pos: whole(params.get('pos'), 0, 199_999_999) ?? null };
}
