// The one HTTP client of the web app. Every feature's fetcher goes through `api`, so that the
// rules live here once: JSON in and out, the session cookie sent along, a 401 sends the user to
// the login page, and any other failure becomes an ApiError. The server answers errors as
// {"error": {"code": "username_taken", "params": {"username": "ani"}, "message": "...",
// "kind": "conflict"}}: the ApiError carries the code and params, from which lib/errors.ts words
// the error in the reader's language (the English message is kept for logs, never shown).

export type ErrorParams = Record<string, string | number>;

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  // The server's code ("username_taken", or a generic one such as "conflict"), its parameters
  // and the generic kind; empty when the answer was not the server's error body.
  readonly code: string;
  readonly params: ErrorParams;
  readonly kind: string;

  constructor(status: number, message: string, body: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    const error = errorObject(body);
    this.code = typeof error?.code === 'string' ? error.code : '';
    this.kind = typeof error?.kind === 'string' ? error.kind : '';
    this.params = paramsOf(error?.params);
  }
}

function errorObject(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== 'object') return null;
  const error = (body as Record<string, unknown>).error;
  return error && typeof error === 'object' ? (error as Record<string, unknown>) : null;
}

// Only strings and numbers are kept: a parameter is a value to put into a sentence.
export function paramsOf(value: unknown): ErrorParams {
  const out: ErrorParams = {};
  if (!value || typeof value !== 'object') return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[name] = v;
  }
  return out;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

// The auth feature installs this once: it forgets the user and goes to /login.
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

// For a 401 learnt of outside a request (the live event stream's end of a session).
export function notifyUnauthorized(): void {
  onUnauthorized();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined | null>;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  // A 401 on the login call itself is a wrong password, not an expired session.
  skipUnauthorizedRedirect?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

// The message of an error answer: {"error": {"message": "..."}} (the server's), {"error": "..."}
// or {"message": "..."}, else the status text.
export function errorMessage(status: number, body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['error', 'message', 'detail']) {
      const value = record[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
        return (value as { message: string }).message;
      }
    }
  }
  if (typeof body === 'string' && body.trim()) return body.trim();
  return fallback || `HTTP ${status}`;
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204) return null;
  if (type.includes('application/json')) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return await response.text();
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) {
    headers['Content-Type'] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', null);
  }
  const data = await readBody(response);
  if (response.status === 401 && !options.skipUnauthorizedRedirect) {
    onUnauthorized();
  }
  if (!response.ok) {
    throw new ApiError(response.status, errorMessage(response.status, data, response.statusText), data);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>(path, { method: 'GET', query, signal }),
  post: <T>(path: string, json?: unknown, extra: Partial<RequestOptions> = {}) =>
    request<T>(path, { method: 'POST', json: json ?? {}, ...extra }),
  put: <T>(path: string, json: unknown) => request<T>(path, { method: 'PUT', json }),
  patch: <T>(path: string, json: unknown) => request<T>(path, { method: 'PATCH', json }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};
