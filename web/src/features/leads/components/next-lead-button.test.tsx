import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation, useParams } from 'react-router';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { LeadSummary } from '@/types/api';
import { leadHref, readListContext } from '../list-context';
import { LeadTable } from './lead-table';
import { NextLeadButton } from './next-lead-button';

function summary(id: number, overrides: Partial<LeadSummary> = {}): LeadSummary {
  return {
    id, name: `Nasabah ${id}`, phone: '08123', rank: id, score: 0.5, previous_score: null, trend: 'new', grade: 'B',
    status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false, attempts: 0,
    last_attempt_at: null, status_changed_at: null, age: 40, job: 'technician', do_not_call: false, segment: null, ...overrides,
  };
}

// The lead's page as far as the button goes: the route's lead, its list from the search, and a
// stand-in for a status change made on the page.
function Page() {
  const id = Number(useParams().id);
  const location = useLocation();
  const [changes, setChanges] = useState(0);
  return (
    <>
      <NextLeadButton key={id} lead={{ id, rank: null }} list={readListContext(new URLSearchParams(location.search))} version={changes} prominent={changes > 0} />
      <button type="button" onClick={() => setChanges((n) => n + 1)}>changed</button>
      <p data-testid="where">{location.pathname + location.search}</p>
    </>
  );
}

const page = () => (
  <Routes>
    <Route path="/leads/:id" element={<Page />} />
  </Routes>
);

describe('list context', () => {
  it('carries the list\'s filters, sort, search and the position in a lead\'s link, and reads them back', () => {
    const href = leadHref(7, { page: 3, size: 50, sort: 'name', status: 'pending', grade: 'A', segment: 2, segmentation_id: 5, q: 'siti rahayu', mine: true }, 104);
    expect(href).toBe('/leads/7?sort=name&status=pending&grade=A&segment=2&segmentation_id=5&q=siti+rahayu&mine=true&pos=104');
    expect(readListContext(new URL(href, 'http://x').searchParams)).toEqual({
      query: { sort: 'name', status: 'pending', grade: 'A', segment: 2, segmentation_id: 5, q: 'siti rahayu', mine: true },
      pos: 104,
    });
    expect(leadHref(7, { page: 1, size: 50, status: '', grade: '', q: '' }, null)).toBe('/leads/7');
    expect(readListContext(new URLSearchParams('sort=drop&status=x&grade=Z&segment=-1&pos=1e3&mine=1'))).toEqual({ query: {}, pos: null });
  });

  it('gives each row of a list page a link with the list and the row\'s position', () => {
    renderWithProviders(<LeadTable leads={[summary(4), summary(9)]} list={{ query: { page: 2, size: 50, sort: 'rank', status: 'pending' }, offset: 50 }} />);
    expect(screen.getByRole('link', { name: 'Nasabah 4' })).toHaveAttribute('href', '/leads/4?sort=rank&status=pending&pos=50');
    expect(screen.getByRole('link', { name: 'Nasabah 9' })).toHaveAttribute('href', '/leads/9?sort=rank&status=pending&pos=51');
  });
});

describe('NextLeadButton', () => {
  it('reads the list it came from and opens the lead after this one, carrying the list on', async () => {
    const { sent } = stubFetch({
      'GET /api/leads': { body: { items: [summary(30), summary(12), summary(41), summary(8)], total: 4, page: 1, size: 50 } },
    });
    const scrolled = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderWithProviders(page(), { path: '/leads/12?sort=name&status=pending&pos=1' });
    expect(await screen.findByTestId('next-lead-name')).toHaveTextContent('Nasabah 41');
    expect(sent.map((r) => r.path)).toEqual(['/api/leads?sort=name&status=pending&page=1&size=50']);
    await userEvent.click(screen.getByRole('button', { name: 'Berikutnya' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/leads/41?sort=name&status=pending&pos=2');
    expect(scrolled).toHaveBeenCalledWith(0, 0);
    // On the next lead it goes on from there.
    await waitFor(() => expect(screen.getByTestId('next-lead-name')).toHaveTextContent('Nasabah 8'));
  });

  it('is disabled at the end of the list, and says so', async () => {
    stubFetch({ 'GET /api/leads': { body: { items: [summary(30), summary(12)], total: 2, page: 1, size: 50 } } });
    renderWithProviders(page(), { path: '/leads/12?pos=1', lang: 'en' });
    expect(await screen.findByTestId('next-lead-end')).toHaveTextContent('End of the list: no next lead.');
    expect(screen.getByRole('button', { name: 'Next lead' })).toBeDisabled();
    expect(screen.queryByTestId('next-lead-name')).toBeNull();
  });

  it('becomes the main button after a change, and looks again: a lead that left the list leads to the one after it', async () => {
    let items = [summary(30), summary(12), summary(41)];
    stubFetch({ 'GET /api/leads': () => ({ body: { items, total: items.length, page: 1, size: 50 } }) });
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderWithProviders(page(), { path: '/leads/12?status=pending&pos=1' });
    expect(await screen.findByTestId('next-lead-name')).toHaveTextContent('Nasabah 41');
    expect(screen.getByRole('button', { name: 'Berikutnya' }).className).toContain('bg-white');
    // The caller closes lead 12 and a colleague takes lead 41 meanwhile: both leave the list.
    items = [summary(30), summary(5), summary(6)];
    await userEvent.click(screen.getByRole('button', { name: 'changed' }));
    await waitFor(() => expect(screen.getByTestId('next-lead-name')).toHaveTextContent('Lanjut ke Nasabah 5'));
    expect(screen.getByRole('button', { name: 'Berikutnya' }).className).toContain('bg-teal-700');
    await userEvent.click(screen.getByRole('button', { name: 'Berikutnya' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/leads/5?status=pending&pos=1');
  });

  it('says when the next lead cannot be read, and tries again when pressed', async () => {
    let fail = true;
    stubFetch({ 'GET /api/leads': () => (fail ? { status: 500, body: { error: { code: 'internal', message: 'boom' } } } : { body: { items: [summary(12), summary(3)], total: 2, page: 1, size: 50 } }) });
    renderWithProviders(page(), { path: '/leads/12?pos=0' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Lead berikutnya tidak dapat dimuat');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Berikutnya' }));
    expect(await screen.findByTestId('next-lead-name')).toHaveTextContent('Nasabah 3');
  });
});
