import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveUpdatesProvider, LIVE_DEBOUNCE_MS, liveBackoffMs } from './live-updates';
import { setUnauthorizedHandler } from './api-client';
import { useQuery } from './use-query';
import { FakeEventSource } from '@/test/fake-event-source';

function Probe({ live, fetcher, label }: { live: boolean; fetcher: () => Promise<string>; label: string }) {
  const { data } = useQuery(['probe', label], fetcher, { live });
  return <p data-testid={label}>{data ?? 'none'}</p>;
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function flush(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('LiveUpdatesProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.all = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    setVisibility('visible');
  });
  afterEach(() => {
    vi.useRealTimers();
    setUnauthorizedHandler(() => {});
  });

  it('opens no stream while signed out, and one for the app when signed in', async () => {
    const fetcher = vi.fn(async () => 'x');
    const { rerender } = render(
      <LiveUpdatesProvider enabled={false}>
        <Probe live fetcher={fetcher} label="a" />
      </LiveUpdatesProvider>,
    );
    await flush();
    expect(FakeEventSource.all).toHaveLength(0);
    rerender(
      <LiveUpdatesProvider enabled>
        <Probe live fetcher={fetcher} label="a" />
        <Probe live fetcher={fetcher} label="b" />
      </LiveUpdatesProvider>,
    );
    await flush();
    expect(FakeEventSource.all).toHaveLength(1);
    expect(FakeEventSource.all[0].url).toBe('/api/events');
  });

  it('refetches the live queries once, debounced, when the data version moves', async () => {
    let n = 0;
    const live = vi.fn(async () => `live ${++n}`);
    const still = vi.fn(async () => 'still');
    render(
      <LiveUpdatesProvider enabled>
        <Probe live fetcher={live} label="live" />
        <Probe live={false} fetcher={still} label="still" />
      </LiveUpdatesProvider>,
    );
    await flush();
    expect(screen.getByTestId('live')).toHaveTextContent('live 1');
    const stream = FakeEventSource.all[0];
    stream.emit('version', { version: 7 }); // the greeting: nothing changed yet
    await flush(LIVE_DEBOUNCE_MS * 2);
    expect(live).toHaveBeenCalledTimes(1);

    stream.emit('version', { version: 8 });
    stream.emit('version', { version: 9 });
    stream.emit('version', { version: 10 });
    await flush(LIVE_DEBOUNCE_MS - 50);
    expect(live).toHaveBeenCalledTimes(1);
    await flush(100);
    expect(live).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('live')).toHaveTextContent('live 2');
    expect(still).toHaveBeenCalledTimes(1);

    stream.emit('version', { version: 10 }); // the same version again: no change
    await flush(LIVE_DEBOUNCE_MS * 2);
    expect(live).toHaveBeenCalledTimes(2);
  });

  it('holds a change seen while the page is hidden until it shows again', async () => {
    const live = vi.fn(async () => 'x');
    render(
      <LiveUpdatesProvider enabled>
        <Probe live fetcher={live} label="live" />
      </LiveUpdatesProvider>,
    );
    await flush();
    const stream = FakeEventSource.all[0];
    stream.emit('version', { version: 1 });
    setVisibility('hidden');
    stream.emit('version', { version: 2 });
    await flush(LIVE_DEBOUNCE_MS * 2);
    expect(live).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    await flush(LIVE_DEBOUNCE_MS * 2);
    expect(live).toHaveBeenCalledTimes(2);
  });

  it('reopens the stream after errors with growing waits, and refetches what changed meanwhile', async () => {
    const live = vi.fn(async () => 'x');
    render(
      <LiveUpdatesProvider enabled>
        <Probe live fetcher={live} label="live" />
      </LiveUpdatesProvider>,
    );
    await flush();
    FakeEventSource.all[0].emit('version', { version: 5 });

    FakeEventSource.all[0].emit('error');
    expect(FakeEventSource.open()).toHaveLength(0);
    await flush(liveBackoffMs(0) - 10);
    expect(FakeEventSource.all).toHaveLength(1);
    await flush(10);
    expect(FakeEventSource.all).toHaveLength(2);

    FakeEventSource.all[1].emit('error'); // the server is still away: wait longer
    await flush(liveBackoffMs(0));
    expect(FakeEventSource.all).toHaveLength(2);
    await flush(liveBackoffMs(1) - liveBackoffMs(0));
    expect(FakeEventSource.all).toHaveLength(3);
    expect(liveBackoffMs(1)).toBeGreaterThan(liveBackoffMs(0));
    expect(liveBackoffMs(20)).toBe(30_000);

    const third = FakeEventSource.all[2];
    third.emit('open');
    third.emit('version', { version: 9 }); // written while the stream was down
    await flush(LIVE_DEBOUNCE_MS * 2);
    expect(live).toHaveBeenCalledTimes(2);
    third.emit('error'); // once open, the back-off starts again from the shortest wait
    await flush(liveBackoffMs(0));
    expect(FakeEventSource.all).toHaveLength(4);
  });

  it('stops without retrying when the server ends the session, and hands over to the 401 handling', async () => {
    const unauthorized = vi.fn();
    setUnauthorizedHandler(unauthorized);
    render(
      <LiveUpdatesProvider enabled>
        <Probe live fetcher={async () => 'x'} label="live" />
      </LiveUpdatesProvider>,
    );
    await flush();
    const stream = FakeEventSource.all[0];
    stream.emit('signed-out', {});
    stream.emit('error'); // the end of the stream that follows
    await flush(60_000);
    expect(unauthorized).toHaveBeenCalledTimes(1);
    expect(stream.closed).toBe(true);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('closes the stream when unmounted (signing out)', async () => {
    const { unmount } = render(
      <LiveUpdatesProvider enabled>
        <p>app</p>
      </LiveUpdatesProvider>,
    );
    await flush();
    unmount();
    expect(FakeEventSource.all[0].closed).toBe(true);
    await flush(60_000);
    expect(FakeEventSource.all).toHaveLength(1);
  });
});
