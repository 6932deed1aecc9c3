// Test helpers: render inside the app's providers (language fixed, in-memory router), and a
// fetch stand-in that answers by method and path and records what was sent.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { I18nProvider, type Lang } from '@/lib/i18n/i18n';

export function renderWithProviders(ui: ReactElement, { lang = 'id', path = '/' }: { lang?: Lang; path?: string } = {}) {
  return render(
    <I18nProvider lang={lang}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </I18nProvider>,
  );
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
}

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

// `answer` maps "METHOD /path" (query string left out) to a response or a function of the
// request; anything else is a 404, so a test notices a request it did not expect.
export function stubFetch(answer: Record<string, FakeResponse | ((req: SentRequest) => FakeResponse)>) {
  const sent: SentRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    const body = typeof raw === 'string' ? (() => { try { return JSON.parse(raw); } catch { return raw; } })() : raw ?? null;
    const req: SentRequest = { method, path: url.pathname + url.search, body, headers: (init?.headers ?? {}) as Record<string, string> };
    sent.push(req);
    const entry = answer[`${method} ${url.pathname}`];
    const res = typeof entry === 'function' ? entry(req) : entry ?? { status: 404, body: { error: { code: 'not_found', message: 'no stub' } } };
    const status = res.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(res.body ?? {}), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent, fetchMock };
}
