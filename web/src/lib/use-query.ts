// Two small hooks over the API client, enough for this app without a query library:
// useQuery loads data when its key changes (and on refetch), cancelling a stale request;
// useMutation runs a write and exposes its pending state and error for the form that sent it.
// A `live` query also loads again when the server announces a change of its data
// (live-updates.tsx), quietly: what is shown stays until the new answer replaces it, and a
// passing failure (network, 5xx) of such a reload keeps it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-client';
import { useLiveChanges } from './live-updates';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  refetch: () => void;
}

export function useQuery<T>(
  key: unknown,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; intervalMs?: number; live?: boolean } = {},
): QueryState<T> {
  const { enabled = true, intervalMs, live = false } = options;
  const liveChanges = useLiveChanges();
  const liveTick = live ? liveChanges : 0;
  const lastLiveTick = useRef(liveTick);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState<boolean>(enabled);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const keyText = JSON.stringify(key);

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const quiet = lastLiveTick.current !== liveTick;
    lastLiveTick.current = liveTick;
    if (!quiet) setLoading(true);
    fetcherRef
      .current(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        const passing = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
        if (quiet && passing) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      });
    return () => controller.abort();
  }, [keyText, enabled, tick, liveTick]);

  useEffect(() => {
    if (!enabled || !intervalMs) return;
    const id = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(id);
  }, [enabled, intervalMs]);

  const refetch = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, refetch };
}

export interface MutationState<A, R> {
  run: (args: A) => Promise<R | undefined>;
  pending: boolean;
  error: Error | null;
  reset: () => void;
}

export function useMutation<A, R>(action: (args: A) => Promise<R>): MutationState<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;

  const run = useCallback(async (args: A) => {
    setPending(true);
    setError(null);
    try {
      return await actionRef.current(args);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
