// GET /api/jobs/{id}: a background job's progress, polled by the refresh button; and the hook
// that starts a refresh and follows it to its end.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api-client';
import type { Job } from '@/types/api';
import { refreshScores } from './refresh-scores';

export async function getJob(id: number, signal?: AbortSignal): Promise<Job> {
  const data = await api.get<{ job: Job }>(`/api/jobs/${id}`, undefined, signal);
  return data.job;
}

export function isFinished(job: Job): boolean {
  return job.state === 'succeeded' || job.state === 'failed';
}

export interface RefreshState {
  job: Job | null;
  error: Error | null;
  running: boolean;
  start: () => Promise<void>;
}

// Starts (or joins) the refresh and polls its job every `intervalMs` until it ends;
// onFinished runs once when it has succeeded.
export function useRefreshJob(onFinished?: (job: Job) => void, intervalMs = 400): RefreshState {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const polling = job !== null && !isFinished(job);
  const jobId = job?.id;

  useEffect(() => {
    if (!polling || jobId === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getJob(jobId, controller.signal)
        .then((next) => {
          setJob(next);
          if (next.state === 'succeeded') finishedRef.current?.(next);
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setError(err instanceof Error ? err : new Error(String(err)));
          setJob(null);
        });
    }, intervalMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [polling, jobId, job, intervalMs]);

  const start = useCallback(async () => {
    setError(null);
    try {
      const started = await refreshScores();
      setJob(started);
      if (started.state === 'succeeded') finishedRef.current?.(started);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  }, []);

  return { job, error, running: polling, start };
}
