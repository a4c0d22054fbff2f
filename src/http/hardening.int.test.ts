/**
 * Hardening through the real HTTP server: security headers, CSRF protection of cookie sessions,
 * body and upload limits, rate limiting, free text (SQL metacharacters, Thai) kept exactly, and
 * error responses that never show a stack trace or SQL.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, dbKinds } from '../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../test/support/server.ts';
import { auditCount, cookieClient, csv, fileForm, GOOD_PASSWORD, signIn, STACK_OR_SQL, type ErrorBody } from '../../test/support/roles.ts';

/** A request exactly as written (fetch would normalise the path). */
function raw(url: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const projectCount = async (s: TestServer, code: string) =>
  Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM projects WHERE code = $1', [code]))[0]!.n);

const TRICKY = ["'); DROP TABLE projects; --", '%_\\', 'โครงการ "ทดสอบ" ๑๒๓'];

describeEachDb('hardening', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    await s.as({ username: 'h-officer', role: 'cluster_officer', scope: 'upper-north-1', password: GOOD_PASSWORD });
  });
  afterAll(() => s.close());

  describe('security headers', () => {
    it.each(['/api/v1/meta', '/api/v1/projects', '/api/v1/nowhere', '/api/openapi.json'])('%s carries them', async (path) => {
      const res = await s.anonymous.api(path);
      const h = res.headers;
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
      const csp = h.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(h.get('x-powered-by')).toBeNull();
    });
  });

  describe('CSRF (cookie sessions)', () => {
    let cookie = '';
    let csrf = '';
    beforeAll(async () => {
      const si = await signIn(s.url, 'h-officer', GOOD_PASSWORD);
      expect(si.status).toBe(200);
      cookie = si.cookie;
      csrf = si.csrfToken!;
    });
    const project = (code: string) => ({ code, fiscalYear: 2559, owner: '50', nameTh: 'โครงการ CSRF', budget: '10.00' });

    it('a write with the session cookie and no or a wrong X-CSRF-Token is 403 and writes nothing', async () => {
      const other = await signIn(s.url, 'h-officer', GOOD_PASSWORD);
      const before = await auditCount(s);
      for (const token of [null, '', 'forged', other.csrfToken]) {
        const c = cookieClient(s.url, cookie, token);
        const r = await c.json<ErrorBody>('/api/v1/projects', { method: 'POST', body: JSON.stringify(project('CSRF-1')) });
        expect(r.status, String(token)).toBe(403);
        expect(r.body.error).toEqual({
          code: 'forbidden',
          message: 'This request lacks the CSRF token of your session: reload the page and try again',
        });
        const d = await c.json('/api/v1/projects/UN1-2559-01/disbursements', {
          method: 'POST',
          body: JSON.stringify({ date: '2016-02-01', amount: '1.00', ref: 'CSRF-D' }),
        });
        expect(d.status).toBe(403);
        expect((await c.json('/api/v1/auth/sign-out', { method: 'POST' })).status).toBe(403);
      }
      // A form post from another site (no JSON, no header) is refused too.
      const form = await fetch(`${s.url}/api/v1/projects`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: 'code=CSRF-1',
      });
      expect(form.status).toBe(403);
      expect(await projectCount(s, 'CSRF-1')).toBe(0);
      expect(await auditCount(s)).toBe(before);
      // The session survived the forged sign-out.
      expect((await cookieClient(s.url, cookie).json('/api/v1/auth/me')).status).toBe(200);
    });

    it('reads need no token; a write with the right token succeeds and is recorded under the user', async () => {
      expect((await cookieClient(s.url, cookie).json('/api/v1/projects/CM-2559-01')).status).toBe(200);
      const r = await cookieClient(s.url, cookie, csrf).json<{ createdBy: string }>('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify(project('CSRF-1')),
      });
      expect(r.status).toBe(201);
      expect(r.body.createdBy).toBe('h-officer');
      expect(await projectCount(s, 'CSRF-1')).toBe(1);
      const [a] = await s.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE entity_key = 'CSRF-1'`);
      expect(a!.actor).toBe('h-officer');
    });
  });

  describe('size limits', () => {
    it('a JSON body over 1 MiB is 413 and writes nothing', async () => {
      const before = await auditCount(s);
      const big = { code: 'BIG-1', fiscalYear: 2559, owner: '50', nameTh: 'ก'.repeat(400_000), budget: '1.00' };
      const r = await s.json<ErrorBody>('/api/v1/projects', { method: 'POST', body: JSON.stringify(big) });
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('payload_too_large');
      expect(await projectCount(s, 'BIG-1')).toBe(0);
      expect(await auditCount(s)).toBe(before);
      // Just under the limit, the body is read and the schema answers.
      const under = await s.json<ErrorBody>('/api/v1/projects', { method: 'POST', body: JSON.stringify({ ...big, nameTh: 'ก'.repeat(300_000) }) });
      expect(under.status).toBe(400);
      expect(under.body.error.message).toContain('nameTh');
    });
  });

  describe('free text is kept exactly (SQL metacharacters, Thai)', () => {
    it.each(TRICKY.map((t, i) => [t, i]))('%s through every free-text field', async (text, i) => {
      const code = `${text} #${i}`;
      const path = `/api/v1/projects/${encodeURIComponent(code)}`;
      const created = await s.json<{ code: string; nameTh: string; agency: string }>('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({ code, fiscalYear: 2559, owner: '50', nameTh: text, agency: text, budget: '100.00' }),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code, nameTh: text, agency: text });
      expect((await s.json(path)).body).toMatchObject({ code, nameTh: text, agency: text });

      const d = await s.json(`${path}/disbursements`, {
        method: 'POST',
        body: JSON.stringify({ date: '2016-01-05', amount: '1.00', ref: text, note: text }),
      });
      expect(d).toEqual({ status: 201, body: { outcome: 'added' } });
      const a = await s.json(`${path}/adjustments`, {
        method: 'POST',
        body: JSON.stringify({ date: '2016-01-05', amount: '1.00', ref: text, note: text }),
      });
      expect(a.status).toBe(201);
      const ledger = await s.json<{ kind: string; ref: string; note: string }[]>(`${path}/ledger`);
      expect(ledger.body.map((e) => [e.kind, e.ref, e.note])).toEqual([
        ['disbursement', text, text],
        ['adjustment', text, text],
      ]);

      const st = await s.json(`${path}/status`, { method: 'POST', body: JSON.stringify({ status: 'approved', reason: text }) });
      expect(st.status).toBe(200);
      const hist = await s.json<{ toStatus: string; reason: string | null }[]>(`${path}/status-history`);
      expect(hist.body.at(-1)).toMatchObject({ toStatus: 'approved', reason: text });

      const username = `h-text-${i}`;
      const u = await s.json<{ displayName: string }>('/api/v1/users', {
        method: 'POST',
        body: JSON.stringify({ username, displayName: text, role: 'viewer', password: GOOD_PASSWORD }),
      });
      expect(u.status).toBe(201);
      expect(
        (await s.json<{ username: string; displayName: string }[]>('/api/v1/users')).body.find((x) => x.username === username)?.displayName,
      ).toBe(text);
      const t = await s.json<{ name: string }>(`/api/v1/users/${username}/tokens`, { method: 'POST', body: JSON.stringify({ name: text }) });
      expect(t.status).toBe(201);
      expect((await s.json<{ name: string }[]>(`/api/v1/users/${username}/tokens`)).body.map((x) => x.name)).toEqual([text]);

      // The audit trail holds them exactly too.
      const recs = await s.json<{ action: string; entityKey: string; after: Record<string, unknown>; reason: string | null }[]>(
        `/api/v1/audit?entityType=project&entityKey=${encodeURIComponent(code)}`,
      );
      expect(recs.body.map((r) => [r.action, r.after.nameTh, r.after.agency])).toEqual([
        ['create', text, text],
        ['status_change', text, text],
      ]);
      expect(recs.body[1]!.reason).toBe(text);

      // A search for the text finds this project alone (no injection); punctuation alone has no
      // words to search for, so it filters nothing.
      const found = await s.json<{ total: number; items: { code: string }[] }>(`/api/v1/projects?q=${encodeURIComponent(text)}&limit=1000`);
      if (text === '%_\\') expect(found.body.total).toBe((await s.json<{ total: number }>('/api/v1/projects')).body.total);
      else expect(found.body.items.map((p) => p.code)).toEqual([code]);
      // And the tables are all still there.
      expect(Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM projects'))[0]!.n)).toBeGreaterThan(60);
    });
  });

  it('LIKE metacharacters inside a search word match literally', async () => {
    const mk = (code: string, nameTh: string) =>
      s.json('/api/v1/projects', { method: 'POST', body: JSON.stringify({ code, fiscalYear: 2559, owner: '50', nameTh, budget: '1.00' }) });
    expect((await mk('LIKE-1', 'ระบบ x_y')).status).toBe(201);
    expect((await mk('LIKE-2', 'ระบบ xzy')).status).toBe(201);
    const search = async (q: string) =>
      (await s.json<{ items: { code: string }[] }>(`/api/v1/projects?q=${encodeURIComponent(q)}`)).body.items.map((p) => p.code);
    expect(await search('x_y')).toEqual(['LIKE-1']);
    expect(await search('xzy')).toEqual(['LIKE-2']);
  });

  describe('errors never show a stack trace or SQL', () => {
    const cases: [string, string, RequestInit][] = [
      ['invalid JSON', '/api/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": ' }],
      ['a JSON array', '/api/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' }],
      ['an unsupported content type', '/api/v1/projects', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' }],
      [
        'a huge amount',
        '/api/v1/projects/UN1-2559-01/disbursements',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ date: '2016-01-05', amount: '9'.repeat(40), ref: 'X' }),
        },
      ],
      ['an impossible date', '/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-13-45', {}],
      ['an SQL-looking code', `/api/v1/projects/${encodeURIComponent("x' OR '1'='1")}`, {}],
      [
        'an SQL-looking entry id',
        `/api/v1/projects/UN1-2559-01/ledger/${encodeURIComponent('1 OR 1=1')}/delete`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason":"x"}' },
      ],
      ['an SQL-looking sort', '/api/v1/projects?sort=code;DROP TABLE projects', {}],
      ['an unknown route', '/api/v1/nowhere', {}],
      [
        'a binary file as XLSX',
        '/api/v1/imports/projects',
        { method: 'POST', body: fileForm('x.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0xfe, 1, 2, 3])) },
      ],
      ['a CSV with a broken quote', '/api/v1/imports/projects', { method: 'POST', body: fileForm('x.csv', 'code,fiscal_year\n"abc,2559\n') }],
      ['a multipart body without a file', '/api/v1/imports/projects', { method: 'POST', body: new FormData() }],
      ['a non-multipart import', '/api/v1/imports/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
      ['an unknown audit filter date', '/api/v1/audit?since=yesterday', {}],
    ];
    it.each(cases)('%s', async (_label, path, init) => {
      const res = await s.api(path, init);
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(STACK_OR_SQL);
      expect(text).not.toContain('node_modules');
      const body = JSON.parse(text) as ErrorBody;
      expect(typeof body.error.code).toBe('string');
      expect(typeof body.error.message).toBe('string');
    });

    it('a path spelled with percent-escapes never writes without credentials', async () => {
      const si = await signIn(s.url, 'h-officer', GOOD_PASSWORD);
      const before = await auditCount(s);
      const body = JSON.stringify({ code: 'ENC-1', fiscalYear: 2559, owner: '50', nameTh: 'x', budget: '1.00' });
      for (const headers of [{}, { cookie: si.cookie }] as Record<string, string>[]) {
        const r = await raw(s.url, '/api/%761/projects', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        expect([401, 403, 404]).toContain(r.status);
      }
      expect(await projectCount(s, 'ENC-1')).toBe(0);
      expect(await auditCount(s)).toBe(before);
    });
  });
});

describe('limits of a small configuration', () => {
  for (const kind of dbKinds('hardening limits')) {
    describe(`[${kind}]`, () => {
      it('an upload above maxUploadBytes is 413 and imports nothing; a small one imports', async () => {
        const s = await startServer(kind, { app: { maxUploadBytes: 2048 } });
        try {
          const rows = [['code', 'fiscal_year', 'owner', 'name', 'budget', 'status']];
          for (let i = 0; i < 60; i++) rows.push([`UP-${i}`, '2559', '50', `โครงการอัปโหลด ${i}`, '1', 'approved']);
          const big = csv(rows);
          expect(Buffer.byteLength(big)).toBeGreaterThan(2048);
          const before = await auditCount(s);
          const r = await s.json<ErrorBody>('/api/v1/imports/projects', { method: 'POST', body: fileForm('big.csv', big) });
          expect(r.status).toBe(413);
          expect(r.body.error.code).toBe('payload_too_large');
          expect(r.body.error.message).not.toMatch(STACK_OR_SQL);
          expect(await s.db.query("SELECT 1 FROM projects WHERE code LIKE 'UP-%'")).toEqual([]);
          expect(await auditCount(s)).toBe(before);
          const small = await s.json('/api/v1/imports/projects', { method: 'POST', body: fileForm('small.csv', csv(rows.slice(0, 3))) });
          expect(small).toEqual({ status: 200, body: { kind: 'projects', rows: 2, added: 2, unchanged: 0, dryRun: false } });
        } finally {
          await s.close();
        }
      });

      it('requests beyond rateLimitPerMinute get 429', async () => {
        const s = await startServer(kind, { app: { rateLimitPerMinute: 5 } });
        try {
          const statuses: number[] = [];
          let last: Response | null = null;
          for (let i = 0; i < 7; i++) {
            last = await s.api('/api/v1/meta');
            statuses.push(last.status);
            if (i < 6) await last.text();
          }
          expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
          expect(last!.headers.get('x-ratelimit-limit')).toBe('5');
          expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
          const text = await last!.text();
          expect(text).not.toMatch(STACK_OR_SQL);
          expect(text.startsWith('{"error":{')).toBe(true);
          // Anonymous and failed requests count too: a password guesser is slowed down.
          expect((await s.anonymous.api('/api/v1/auth/sign-in', { method: 'POST' })).status).toBe(429);
        } finally {
          await s.close();
        }
      });
    });
  }
});

// Regression: @fastify/rate-limit throws what errorResponseBuilder returns; a plain object once
// reached the error handler as an unknown error (code 'bad_request', no message).
describe('the rate-limit response body', () => {
  for (const kind of dbKinds('BUG rate limit body')) {
    it(`[${kind}] code rate_limited with the message`, async () => {
      const s = await startServer(kind, { app: { rateLimitPerMinute: 2 } });
      try {
        for (let i = 0; i < 2; i++) expect((await s.api('/api/v1/meta')).status).toBe(200);
        const r = await s.json<ErrorBody>('/api/v1/meta');
        expect(r.status).toBe(429);
        expect(r.body.error.code).toBe('rate_limited');
        expect(r.body.error.message).toMatch(/^Too many requests: at most 2 a minute\. Try again in \d+ s\.$/);
      } finally {
        await s.close();
      }
    });
  }
});

// Regression: the auth hook once looked at the URL as written, which the router decodes
// (GET /api/%761/settings reached /api/v1/settings without credentials).
describe('percent-escaped API paths are authenticated like the plain ones', () => {
  for (const kind of dbKinds('BUG percent-escaped paths')) {
    it(`[${kind}] /api/%761/… is 401 without credentials, as /api/v1/… is`, async () => {
      const s = await startServer(kind);
      try {
        for (const p of ['/api/%761/settings', '/api/%761/reference/provinces', '/api/v%31/settings', '/api/v1%2Fsettings']) {
          const r = await raw(s.url, p);
          expect([401, 404], `${p}: ${r.status} ${r.body}`).toContain(r.status);
        }
        // A cross-site sign-out through an escaped path must still need the CSRF token.
        await s.as({ username: 'enc-user', role: 'viewer', password: GOOD_PASSWORD });
        const si = await signIn(s.url, 'enc-user', GOOD_PASSWORD);
        const out = await raw(s.url, '/api/%761/auth/sign-out', { method: 'POST', headers: { cookie: si.cookie } });
        expect([403, 404]).toContain(out.status);
        expect((await cookieClient(s.url, si.cookie).json('/api/v1/auth/me')).status).toBe(200);
      } finally {
        await s.close();
      }
    });
  }
});

// Regression: a NUL character, which PostgreSQL text cannot hold, once reached the database (500).
describe('NUL characters in any input are refused at the edge, naming the field', () => {
  for (const kind of dbKinds('BUG NUL')) {
    it(`[${kind}] 400 naming the field`, async () => {
      const s: TestServer = await startServer(kind);
      const c: Client = s;
      try {
        const r = await c.json<ErrorBody>('/api/v1/projects', {
          method: 'POST',
          body: JSON.stringify({ code: 'NUL-1', fiscalYear: 2559, owner: '50', nameTh: 'a\u0000b', budget: '1.00' }),
        });
        expect(r.status).toBe(400);
        expect(r.body.error.message).toContain('nameTh');
        expect((await c.json('/api/v1/projects/%00')).status).toBe(400);
      } finally {
        await s.close();
      }
    });
  }
});
