import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '@/test/render';
import { FakeEventSource } from '@/test/fake-event-source';
import { LiveUpdatesProvider } from '@/lib/live-updates';
import { CallbackNotices, fallenDue, kRecentMs } from './callback-notices';

function lead(id: number, name: string, callbackAt: number | null, mine = true) {
  return {
    id, name, phone: '+62 812 0000 0000', rank: id, score: 0.5, previous_score: null, trend: 'new', grade: 'B',
    status: 'contacted', owner: mine ? { id: 2, display_name: 'Sari' } : null, followed_up_by: null, is_mine: mine,
    callback_at: callbackAt === null ? null : new Date(callbackAt).toISOString(), callback_due: false,
    attempts: 1, last_attempt_at: null, status_changed_at: null, age: 40, job: 'admin.',
  };
}

function answerWith(items: unknown[]) {
  return stubFetch({
    'GET /api/leads': { body: { items, page: 1, size: 200, total: items.length } },
  });
}

describe('fallenDue', () => {
  it('takes the call-backs whose time came in the window, earliest first', () => {
    const cs = [{ id: 1, name: 'a', at: 300 }, { id: 2, name: 'b', at: 150 }, { id: 3, name: 'c', at: 100 }, { id: 4, name: 'd', at: 500 }];
    expect(fallenDue(cs, 100, 400).map((c) => c.id)).toEqual([2, 1]);
  });
});

describe('CallbackNotices', () => {
  it('pops up when a call-back comes due, with a link to the lead, and not before', async () => {
    const { sent } = answerWith([lead(41, 'Putri Ayu', Date.now() + 700), lead(42, 'Tanpa Jadwal', null)]);
    renderWithProviders(<CallbackNotices />, { lang: 'en' });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].path).toContain('mine=true');
    expect(sent[0].path).toContain('status=contacted');
    expect(screen.queryByTestId('callback-notice')).not.toBeInTheDocument();

    const notice = await screen.findByTestId('callback-notice', {}, { timeout: 3000 });
    expect(notice).toHaveTextContent('Time to call back');
    expect(notice).toHaveTextContent('Call Putri Ayu back now');
    expect(screen.getByRole('link', { name: 'Open the lead' })).toHaveAttribute('href', '/leads/41');
    expect(screen.getAllByTestId('callback-notice')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Close the notice' }));
    expect(screen.queryByTestId('callback-notice')).not.toBeInTheDocument();
  });

  it('speaks Indonesian by default, and announces a call-back that fell due just before the app opened', async () => {
    answerWith([lead(7, 'Budi Rahardjo', Date.now() - 60_000), lead(8, 'Lama Sekali', Date.now() - kRecentMs - 60_000)]);
    renderWithProviders(<CallbackNotices />);
    const notice = await screen.findByTestId('callback-notice');
    expect(notice).toHaveTextContent('Waktunya telepon ulang');
    expect(notice).toHaveTextContent('Telepon ulang Budi Rahardjo sekarang');
    expect(screen.getByRole('link', { name: 'Buka lead' })).toHaveAttribute('href', '/leads/7');
    expect(screen.getAllByTestId('callback-notice')).toHaveLength(1); // the old one is in the list already
  });

  it('reads the call-backs again when the data changes, refreshes the lists when one falls due, and drops the notice of one that is gone', async () => {
    FakeEventSource.all = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    let items: unknown[] = [];
    const { sent } = stubFetch({
      'GET /api/leads': () => ({ body: { items, page: 1, size: 200, total: items.length } }),
    });
    renderWithProviders(
      <LiveUpdatesProvider enabled>
        <CallbackNotices />
      </LiveUpdatesProvider>,
      { lang: 'en' },
    );
    await waitFor(() => expect(sent).toHaveLength(1));
    const stream = FakeEventSource.all[0];
    act(() => stream.emit('version', { version: 3 }));

    // A call-back set on another device: the version moves, the list is read again.
    items = [lead(9, 'Sinta Maharani', Date.now() + 800)];
    act(() => stream.emit('version', { version: 4 }));
    await waitFor(() => expect(sent).toHaveLength(2));
    const notice = await screen.findByTestId('callback-notice', {}, { timeout: 3000 });
    expect(notice).toHaveTextContent('Sinta Maharani');
    // Its falling due moves no data version, so the notice tells the live lists to read again.
    await waitFor(() => expect(sent).toHaveLength(3));

    // Done elsewhere: the next change takes its notice away.
    items = [];
    act(() => stream.emit('version', { version: 5 }));
    await waitFor(() => expect(screen.queryByTestId('callback-notice')).not.toBeInTheDocument());
  });
});
