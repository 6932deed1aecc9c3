import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl, errorMessage, request, setUnauthorizedHandler } from './api-client';
import { stubFetch } from '@/test/render';

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/api/leads', { page: 2, q: 'Budi Santoso', status: '', grade: undefined })).toBe('/api/leads?page=2&q=Budi+Santoso');
    expect(buildUrl('/api/leads', {})).toBe('/api/leads');
  });
});

describe('errorMessage', () => {
  it('reads the server error shape {error: {code, message}}', () => {
    expect(errorMessage(409, { error: { code: 'conflict', message: 'being followed up by Budi' } }, 'Conflict')).toBe('being followed up by Budi');
  });
  it('falls back to the status text when the body says nothing', () => {
    expect(errorMessage(500, null, 'Internal Server Error')).toBe('Internal Server Error');
    expect(errorMessage(502, {}, '')).toBe('HTTP 502');
  });
});

describe('request', () => {
  it('sends JSON with its content type and returns the parsed answer', async () => {
    const { sent } = stubFetch({ 'POST /api/things': { status: 201, body: { id: 7 } } });
    const answer = await api.post<{ id: number }>('/api/things', { name: 'x' });
    expect(answer).toEqual({ id: 7 });
    expect(sent[0].body).toEqual({ name: 'x' });
    expect(sent[0].headers['Content-Type']).toBe('application/json');
  });

  it('turns an error answer into an ApiError with the server message', async () => {
    stubFetch({ 'POST /api/leads/5/status': { status: 409, body: { error: { code: 'conflict', message: 'being followed up by Sari' } } } });
    const failure = await api.post('/api/leads/5/status', { status: 'contacted' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
    expect((failure as ApiError).message).toBe('being followed up by Sari');
  });

  it('keeps the error\'s code, kind and params (strings and numbers only) for the words', async () => {
    stubFetch({
      'POST /api/leads/5/status': {
        status: 409,
        body: { error: { code: 'lead_followed_up', params: { lead: 5, name: 'Sari', odd: { x: 1 } }, message: 'lead 5 is being followed up by Sari', kind: 'conflict' } },
      },
    });
    const failure = (await api.post('/api/leads/5/status', { status: 'contacted' }).catch((e: unknown) => e)) as ApiError;
    expect(failure.code).toBe('lead_followed_up');
    expect(failure.kind).toBe('conflict');
    expect(failure.params).toEqual({ lead: 5, name: 'Sari' });
    expect(new ApiError(502, 'Bad Gateway', 'upstream').code).toBe('');
  });

  it('calls the unauthorized handler on 401, except where the caller opts out', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    stubFetch({ 'GET /api/leads': { status: 401, body: { error: { code: 'unauthenticated', message: 'sign in' } } } });
    await expect(request('/api/leads')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(request('/api/leads', { skipUnauthorizedRedirect: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
    setUnauthorizedHandler(() => {});
  });

  it('reports a lost connection as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(request('/api/me')).rejects.toMatchObject({ status: 0 });
  });
});
