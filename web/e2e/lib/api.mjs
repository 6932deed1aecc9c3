// A small API client for setting up a test's starting state quickly (the flows under test are
// always clicked through in the browser). Keeps the session cookie of one user.
export class ApiSession {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
  }

  async call(method, path, body, contentType = 'application/json') {
    const headers = { Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      payload = contentType === 'application/json' ? JSON.stringify(body) : body;
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    const data = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return data;
  }

  login(username, password) {
    return this.call('POST', '/api/auth/login', { username, password });
  }

  async waitForJob(job, timeoutMs = 120_000) {
    const until = Date.now() + timeoutMs;
    let current = job;
    while (current.state !== 'succeeded') {
      if (current.state === 'failed') throw new Error(`job ${current.id} failed: ${current.message}`);
      if (Date.now() > until) throw new Error(`job ${current.id} did not finish`);
      await new Promise((r) => setTimeout(r, 200));
      current = (await this.call('GET', `/api/jobs/${current.id}`)).job;
    }
    return current;
  }
}
