import { describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { stubFetch } from '@/test/render';
import type { Job } from '@/types/api';
import { useRefreshJob } from './get-job';

const job = (state: Job['state'], done: number): Job => ({ id: 9, kind: 'refresh', state, done, total: 100, message: null, started_at: null, finished_at: null });

describe('useRefreshJob', () => {
  it('starts the refresh, polls the job until it ends, then reports it once', async () => {
    const polls = [job('running', 40), job('running', 80), job('succeeded', 100)];
    const { sent } = stubFetch({
      'POST /api/scoring/refresh': { status: 202, body: { job: job('queued', 0) } },
      'GET /api/jobs/9': () => ({ body: { job: polls.shift() ?? job('succeeded', 100) } }),
    });
    const finished = vi.fn();
    const { result } = renderHook(() => useRefreshJob(finished, 5));
    await act(() => result.current.start());
    await waitFor(() => expect(result.current.job?.state).toBe('succeeded'));
    expect(result.current.job?.done).toBe(100);
    expect(result.current.running).toBe(false);
    expect(finished).toHaveBeenCalledTimes(1);
    expect(sent.filter((r) => r.path === '/api/jobs/9')).toHaveLength(3);
  });

  it('stops and reports a refresh the server refuses', async () => {
    stubFetch({ 'POST /api/scoring/refresh': { status: 409, body: { error: { code: 'failed_precondition', message: 'no active model' } } } });
    const { result } = renderHook(() => useRefreshJob(undefined, 5));
    await act(() => result.current.start());
    expect(result.current.error?.message).toBe('no active model');
    expect(result.current.job).toBeNull();
  });
});
