// Live updates: one EventSource on GET /api/events for the whole app. The server sends an
// event whenever its data version moves (any write, by any user, on any server of the
// database); the provider turns those into a count of changes that queries marked `live`
// (use-query.ts) refetch on, so that a list shows a colleague's work without a reload.
//
// - Changes are debounced: a burst of writes (an import, a scoring run) is one refetch.
// - Only what is on screen refetches: the mounted queries, and only while the page is visible;
//   a change seen while the tab is hidden is announced when it shows again. A tab hidden for a
//   minute closes its stream (a browser holds only a few connections per server) and opens it
//   again when shown; the version in the new stream's first event tells whether anything
//   changed meanwhile.
// - After an error (the server restarting, the network gone) the stream is opened again with
//   back-off: 1 s, 2 s, 4 s … up to 30 s, reset once a stream opens.
// - When the server ends the stream because the session ended (`signed-out`), nothing is
//   retried: the app's 401 handling takes over (the login page), with no failed request.
// - What changes with the clock alone (a call-back falling due) moves no data version: the
//   part of the app that knows the time (callback-notices.tsx) announces it with useLiveTouch.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { notifyUnauthorized } from './api-client';

export const LIVE_EVENTS_PATH = '/api/events';
export const LIVE_DEBOUNCE_MS = 400;
export const LIVE_HIDDEN_CLOSE_MS = 60_000;

// The wait before the attempt-th reopening after an error (attempt 0 is the first).
export function liveBackoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

interface LiveValue {
  changes: number;
  touch: () => void;
}

const LiveContext = createContext<LiveValue>({ changes: 0, touch: () => {} });

function versionOf(data: unknown): number | null {
  if (typeof data !== 'string') return null;
  try {
    const value = (JSON.parse(data) as { version?: unknown }).version;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

export function LiveUpdatesProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let version: number | null = null; // the newest version heard of
    let pending = false; // a change heard of while hidden
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let debounceTimer: ReturnType<typeof setTimeout> | undefined;
    let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
    const hidden = () => document.visibilityState === 'hidden';

    const announce = () => {
      if (hidden()) {
        pending = true;
        return;
      }
      pending = false;
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(() => setChanges((n) => n + 1), LIVE_DEBOUNCE_MS);
    };
    const close = () => {
      source?.close();
      source = null;
    };
    const open = () => {
      retryTimer = undefined;
      if (stopped || source) return;
      const next = new EventSource(LIVE_EVENTS_PATH);
      source = next;
      next.addEventListener('open', () => {
        attempt = 0;
      });
      next.addEventListener('version', (event) => {
        const seen = versionOf((event as MessageEvent).data);
        if (seen === null) return;
        if (version !== null && seen !== version) announce();
        version = seen;
      });
      next.addEventListener('signed-out', () => {
        stopped = true;
        close();
        notifyUnauthorized();
      });
      next.addEventListener('error', () => {
        // The browser would reconnect by itself, at a fixed pace and for ever; back off instead.
        if (source !== next) return;
        close();
        if (stopped || hidden()) return;
        retryTimer = setTimeout(open, liveBackoffMs(attempt++));
      });
    };
    const onVisibility = () => {
      if (hidden()) {
        clearTimeout(hiddenTimer);
        hiddenTimer = setTimeout(close, LIVE_HIDDEN_CLOSE_MS);
        return;
      }
      clearTimeout(hiddenTimer);
      if (pending) announce();
      if (!source && retryTimer === undefined) open();
    };

    open();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(retryTimer);
      clearTimeout(debounceTimer);
      clearTimeout(hiddenTimer);
      close();
    };
  }, [enabled]);

  const touch = useCallback(() => setChanges((n) => n + 1), []);
  const value = useMemo(() => ({ changes, touch }), [changes, touch]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

// How many data changes have been announced (0 outside a provider, or while signed out).
export function useLiveChanges(): number {
  return useContext(LiveContext).changes;
}

// Announces a change the server cannot know of, so that the live queries read again.
export function useLiveTouch(): () => void {
  return useContext(LiveContext).touch;
}
