/**
 * Accounts through the real API: the one-time setup, validation of role, scope and password,
 * optimistic updates, soft deletion and restore, API tokens, sign-in throttling and the session
 * cookie.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, describeEachDb, freshDb, type DbKind } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { cookieClient, GOOD_PASSWORD, signIn, type ErrorBody } from '../../../test/support/roles.ts';
import type { Db } from '../../db/db.ts';
import { buildApp, type App } from '../../http/app.ts';

interface UserBody {
  username: string;
  displayName: string;
  role: string;
  scope: string | null;
  projects: string[];
  version: number;
  deleted: boolean;
}
interface TokenBody {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const bearer = (url: string, token: string): Client => {
  const api = (p: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    return fetch(`${url}${p}`, { ...init, headers });
  };
  return {
    api,
    async json<T>(p: string, init?: RequestInit) {
      const res = await api(p, init);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
};
const userCount = async (db: Db) => Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM users'))[0]!.n);

/** A server over a fresh database with no account at all (startServer always creates an administrator). */
async function bareServer(kind: DbKind): Promise<{ db: Db; app: App; url: string }> {
  const db = await freshDb(kind);
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { db, app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

describeEachDb('first administrator (setup)', (kind) => {
  let srv: { db: Db; app: App; url: string };
  beforeAll(async () => {
    srv = await bareServer(kind);
  });
  afterAll(async () => {
    await srv.app.close();
    await srv.db.close();
  });
  const post = async (body: unknown) => {
    const res = await fetch(`${srv.url}/api/v1/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ErrorBody & { username?: string } };
  };

  it('is open while no administrator exists; a weak password is refused; then it closes for good', async () => {
    expect(await (await fetch(`${srv.url}/api/v1/auth/setup`)).json()).toEqual({ open: true });
    const weak = await post({ username: 'root', password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual({ field: 'password' });
    expect(await userCount(srv.db)).toBe(0);
    expect(await post({ username: 'Root', displayName: 'ผู้ดูแล', password: GOOD_PASSWORD })).toEqual({ status: 201, body: { username: 'root' } });
    expect(await (await fetch(`${srv.url}/api/v1/auth/setup`)).json()).toEqual({ open: false });
    const again = await post({ username: 'root2', password: GOOD_PASSWORD });
    expect(again.status).toBe(403);
    expect(again.body.error).toEqual({ code: 'forbidden', message: 'An administrator exists already: sign in as one to create accounts' });
    expect((await srv.db.query('SELECT username, role, display_name FROM users')).map((u) => ({ ...u }))).toEqual([
      { username: 'root', role: 'admin', display_name: 'ผู้ดูแล' },
    ]);
    const si = await signIn(srv.url, 'root', GOOD_PASSWORD);
    expect(si.status).toBe(200);
    expect(si.body).toMatchObject({ username: 'root', role: 'admin', scope: null, displayName: 'ผู้ดูแล' });
  });
});

// Regression: two simultaneous setups once both passed the "no administrator yet" check on PostgreSQL.
describe('concurrent first-administrator setups', () => {
  for (const kind of dbKinds('BUG concurrency')) {
    it(`[${kind}] exactly one of two simultaneous setups succeeds`, async () => {
      const srv = await bareServer(kind);
      try {
        const statuses = await Promise.all(
          ['root1', 'root2'].map((username) =>
            fetch(`${srv.url}/api/v1/auth/setup`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username, password: GOOD_PASSWORD }),
            }).then((r) => r.status),
          ),
        );
        expect(statuses.sort()).toEqual([201, 403]);
        expect(await userCount(srv.db)).toBe(1);
      } finally {
        await srv.app.close();
        await srv.db.close();
      }
    });
  }
});

describeEachDb('accounts', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true, app: { signInPolicy: { lockAfter: 3, lockMinutes: 1, delayPerFailureMs: 0, sessionHours: 1 } } });
  });
  afterAll(() => s.close());

  const create = (body: Record<string, unknown>) => s.json<UserBody & ErrorBody>('/api/v1/users', json({ password: GOOD_PASSWORD, ...body }));

  describe('creation validates role, scope and password', () => {
    it('creates each role with its scope (province as 50 or TH-50, cluster slug in any case)', async () => {
      const cases: [Record<string, unknown>, Partial<UserBody>][] = [
        [
          { username: 'v-cluster', role: 'cluster_officer', scope: 'Upper-North-1' },
          { role: 'cluster_officer', scope: 'upper-north-1' },
        ],
        [
          { username: 'v-prov', role: 'province_officer', scope: 'TH-50' },
          { role: 'province_officer', scope: '50' },
        ],
        [
          { username: 'v-rep', role: 'agency_reporter', projects: ['UN1-2559-03', 'UN1-2559-01'] },
          { scope: null, projects: ['UN1-2559-01', 'UN1-2559-03'] },
        ],
        [{ username: 'v-comm', role: 'committee_member', scope: 'upper-north-1' }, { scope: 'upper-north-1' }],
        [
          { username: 'V-Viewer', role: 'viewer', displayName: 'ผู้ชม' },
          { username: 'v-viewer', displayName: 'ผู้ชม', scope: null },
        ],
      ];
      for (const [body, expected] of cases) {
        const r = await create(body);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body).toMatchObject({ version: 1, deleted: false, ...expected });
      }
    });

    it.each([
      ['an unknown cluster', { username: 'x-1', role: 'cluster_officer', scope: 'nowhere-9' }, 'scope', 'Unknown cluster nowhere-9'],
      ['an unknown province', { username: 'x-2', role: 'province_officer', scope: '99' }, 'scope', 'Unknown province 99'],
      ['a scope on a viewer', { username: 'x-3', role: 'viewer', scope: 'upper-north-1' }, 'scope', 'The role viewer takes no scope'],
      ['a scope on an admin', { username: 'x-4', role: 'admin', scope: '50' }, 'scope', 'The role admin takes no scope'],
      ['no scope for a cluster officer', { username: 'x-5', role: 'cluster_officer' }, 'scope', 'needs a scope'],
      [
        'projects on a viewer',
        { username: 'x-6', role: 'viewer', projects: ['UN1-2559-01'] },
        'projects',
        'Only agency reporters are assigned projects',
      ],
      ['an unknown project', { username: 'x-7', role: 'agency_reporter', projects: ['NO-SUCH'] }, 'projects', 'Unknown project NO-SUCH'],
      [
        'a password that contains the username',
        { username: 'somchai', role: 'viewer', password: 'xxSomchai-2559!' },
        'password',
        'must not contain the username',
      ],
      ['a common password', { username: 'x-8', role: 'viewer', password: 'password123' }, 'password', 'most common passwords'],
      ['another common password', { username: 'x-9', role: 'viewer', password: 'qwertyuiop' }, 'password', 'most common passwords'],
    ])('%s: 400 naming the field, nothing created', async (_label, body, field, message) => {
      const before = await userCount(s.db);
      const r = await create(body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation');
      expect(r.body.error.details).toEqual({ field });
      expect(r.body.error.message).toContain(message);
      expect(await userCount(s.db)).toBe(before);
    });

    it.each([
      ['a short password', { username: 'x-10', role: 'viewer', password: 'Sh0rt!pw' }, 'password'],
      ['an unknown role', { username: 'x-11', role: 'superuser' }, 'role'],
      ['a bad username', { username: 'no spaces', role: 'viewer' }, 'username'],
    ])('%s: 400 from the schema, naming the field', async (_label, body, field) => {
      const r = await create(body);
      expect(r.status).toBe(400);
      expect(r.body.error.details?.issues?.map((i) => i.field)).toEqual([field]);
      expect(r.body.error.message).toContain(field);
    });

    it('a duplicate username is 409 (in any case)', async () => {
      for (const username of ['v-viewer', 'V-VIEWER']) {
        const r = await create({ username, role: 'viewer' });
        expect(r.status).toBe(409);
        expect(r.body.error).toEqual({ code: 'conflict', message: 'The username v-viewer is taken', details: { field: 'username' } });
      }
    });
  });

  describe('changes', () => {
    it('a stale version is 409 and changes nothing', async () => {
      const ok = await s.json<UserBody>('/api/v1/users/v-comm', { method: 'PATCH', body: JSON.stringify({ version: 1, displayName: 'กรรมการ' }) });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ displayName: 'กรรมการ', version: 2 });
      const stale = await s.json<ErrorBody>('/api/v1/users/v-comm', { method: 'PATCH', body: JSON.stringify({ version: 1, displayName: 'อื่น' }) });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toEqual({
        code: 'conflict',
        message: 'User v-comm was changed since you read it (your version 1, now 2)',
        details: { currentVersion: 2 },
      });
      const [u] = await s.db.query<{ display_name: string; version: number }>("SELECT display_name, version FROM users WHERE username = 'v-comm'");
      expect({ ...u }).toEqual({ display_name: 'กรรมการ', version: 2 });
    });

    it('a role change re-checks the scope; a password change re-checks the rules', async () => {
      const noScope = await s.json<ErrorBody>('/api/v1/users/v-viewer', {
        method: 'PATCH',
        body: JSON.stringify({ version: 1, role: 'province_officer' }),
      });
      expect(noScope.status).toBe(400);
      expect(noScope.body.error.details).toEqual({ field: 'scope' });
      const common = await s.json<ErrorBody>('/api/v1/users/v-viewer', {
        method: 'PATCH',
        body: JSON.stringify({ version: 1, password: 'password123' }),
      });
      expect(common.status).toBe(400);
      expect(common.body.error.details).toEqual({ field: 'password' });
      const [u] = await s.db.query<{ role: string; version: number }>("SELECT role, version FROM users WHERE username = 'v-viewer'");
      expect({ ...u }).toEqual({ role: 'viewer', version: 1 });
    });

    it('a password change ends the sessions of the user', async () => {
      const si = await signIn(s.url, 'v-prov', GOOD_PASSWORD);
      expect(si.status).toBe(200);
      const c = cookieClient(s.url, si.cookie);
      expect((await c.json('/api/v1/auth/me')).status).toBe(200);
      const [u] = await s.db.query<{ version: number }>("SELECT version FROM users WHERE username = 'v-prov'");
      const r = await s.json('/api/v1/users/v-prov', {
        method: 'PATCH',
        body: JSON.stringify({ version: u!.version, password: 'Fresh-Mango-Season-88' }),
      });
      expect(r.status).toBe(200);
      expect((await c.json('/api/v1/auth/me')).status).toBe(401);
      expect((await signIn(s.url, 'v-prov', GOOD_PASSWORD)).status).toBe(401);
      expect((await signIn(s.url, 'v-prov', 'Fresh-Mango-Season-88')).status).toBe(200);
    });
  });

  describe('soft deletion', () => {
    it('stops sign-in, sessions and tokens; restore brings sign-in and tokens back', async () => {
      const token = (await s.json<TokenBody>('/api/v1/users/v-rep/tokens', json({ name: 'phone' }))).body.token!;
      const rep = bearer(s.url, token);
      expect((await rep.json('/api/v1/auth/me')).status).toBe(200);
      const si = await signIn(s.url, 'v-rep', GOOD_PASSWORD);
      const session = cookieClient(s.url, si.cookie);
      expect((await session.json('/api/v1/auth/me')).status).toBe(200);

      const del = await s.json<UserBody>('/api/v1/users/v-rep/delete', json({ reason: 'ลาออก' }));
      expect(del.status).toBe(200);
      expect(del.body.deleted).toBe(true);
      const denied = await rep.json<ErrorBody>('/api/v1/projects/UN1-2559-01');
      expect(denied).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'The API token is unknown or revoked' } } });
      expect((await session.json('/api/v1/auth/me')).status).toBe(401);
      const again = await signIn(s.url, 'v-rep', GOOD_PASSWORD);
      expect(again.status).toBe(401);
      expect(again.body).toEqual({ error: { code: 'unauthorized', message: 'The username or password is wrong' } });
      expect((await s.json<UserBody[]>('/api/v1/users')).body.find((u) => u.username === 'v-rep')).toMatchObject({ deleted: true });
      // The username stays taken.
      expect((await create({ username: 'v-rep', role: 'viewer' })).status).toBe(409);

      const res = await s.json<UserBody>('/api/v1/users/v-rep/restore', json({ reason: 'กลับเข้าทำงาน' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ deleted: false, projects: ['UN1-2559-01', 'UN1-2559-03'] });
      expect((await rep.json('/api/v1/projects/UN1-2559-01')).status).toBe(200);
      expect((await signIn(s.url, 'v-rep', GOOD_PASSWORD)).status).toBe(200);
    });

    it('a deletion needs a reason; an administrator cannot delete itself', async () => {
      const none = await s.json<ErrorBody>('/api/v1/users/v-comm/delete', json({}));
      expect(none.status).toBe(400);
      expect(none.body.error.message).toContain('reason');
      const self = await s.json<ErrorBody>('/api/v1/users/test-admin/delete', json({ reason: 'x' }));
      expect(self.status).toBe(400);
      expect(self.body.error.message).toBe('You cannot delete your own account');
    });
  });

  describe('API tokens', () => {
    it('are shown once, listed without the secret, and a revoked token gets 401', async () => {
      const viewer = bearer(s.url, (await s.json<TokenBody>('/api/v1/users/v-viewer/tokens', json({ name: 'first' }))).body.token!);
      // A user manages its own tokens.
      const created = await viewer.json<TokenBody>('/api/v1/users/v-viewer/tokens', json({ name: 'ci' }));
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(new RegExp(`^padme_${created.body.prefix}_[A-Za-z0-9_-]{32}$`));
      const list = await viewer.json<TokenBody[]>('/api/v1/users/v-viewer/tokens');
      expect(list.status).toBe(200);
      expect(list.body.map((t) => t.name)).toEqual(['first', 'ci']);
      for (const t of list.body) expect(Object.keys(t).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      const stored = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
      expect(stored.some((r) => r.token_hash === created.body.token)).toBe(false);

      const ci = bearer(s.url, created.body.token!);
      expect((await ci.json('/api/v1/auth/me')).body).toMatchObject({ username: 'v-viewer', csrfToken: null });
      const revoked = await viewer.json<TokenBody>(`/api/v1/users/v-viewer/tokens/${created.body.id}/revoke`, { method: 'POST' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      expect(await ci.json('/api/v1/auth/me')).toEqual({
        status: 401,
        body: { error: { code: 'unauthorized', message: 'The API token is unknown or revoked' } },
      });
      expect((await viewer.json('/api/v1/auth/me')).status).toBe(200);
      // Nor can a user see or revoke another's tokens.
      expect((await viewer.json('/api/v1/users/v-comm/tokens')).status).toBe(403);
      // A made-up token, or a malformed header, is 401 too.
      expect((await bearer(s.url, 'padme_00000000_nope').json('/api/v1/auth/me')).status).toBe(401);
      const odd = await fetch(`${s.url}/api/v1/auth/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(odd.status).toBe(401);
    });
  });

  describe('sign-in', () => {
    it('the session cookie is HttpOnly and SameSite=Strict; sign-out ends the session', async () => {
      const si = await signIn(s.url, 'v-comm', GOOD_PASSWORD);
      expect(si.status).toBe(200);
      expect(si.body).toEqual({
        username: 'v-comm',
        displayName: 'กรรมการ',
        role: 'committee_member',
        scope: 'upper-north-1',
        csrfToken: si.csrfToken,
        projects: [],
      });
      expect(si.csrfToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const attrs = si.setCookie!.split(';').map((a) => a.trim());
      expect(attrs[0]).toMatch(/^padme_session=[A-Za-z0-9_-]{43}$/);
      expect(attrs).toContain('HttpOnly');
      expect(attrs).toContain('SameSite=Strict');
      expect(attrs).toContain('Path=/');
      const expires = Date.parse(attrs.find((a) => a.startsWith('Expires='))!.slice(8));
      expect(Math.abs(expires - (Date.now() + 3_600_000))).toBeLessThan(60_000);
      const c = cookieClient(s.url, si.cookie, si.csrfToken);
      expect((await c.json('/api/v1/auth/me')).body).toEqual(si.body);
      const out = await c.api('/api/v1/auth/sign-out', { method: 'POST' });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toBe('padme_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
      expect((await c.json('/api/v1/auth/me')).status).toBe(401);
    });

    it('the same answer for an unknown username and a wrong password; a lock after 3 failures, even with the right password', async () => {
      const wrong = await signIn(s.url, 'v-cluster', 'not-the-password');
      const unknown = await signIn(s.url, 'nobody-here', 'not-the-password');
      for (const r of [wrong, unknown]) {
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ error: { code: 'unauthorized', message: 'The username or password is wrong' } });
        expect(r.setCookie).toBeNull();
      }
      expect((await signIn(s.url, 'v-cluster', 'not-the-password-2')).status).toBe(401);
      expect((await signIn(s.url, 'nobody-here', 'not-the-password-2')).status).toBe(401);
      const third = await signIn(s.url, 'v-cluster', 'not-the-password-3');
      const thirdUnknown = await signIn(s.url, 'nobody-here', 'not-the-password-3');
      expect([third.status, thirdUnknown.status]).toEqual([401, 401]);

      const locked = await signIn(s.url, 'v-cluster', GOOD_PASSWORD);
      const lockedUnknown = await signIn(s.url, 'nobody-here', GOOD_PASSWORD);
      for (const r of [locked, lockedUnknown]) {
        expect(r.status).toBe(429);
        expect(r.setCookie).toBeNull();
        const e = (r.body as ErrorBody).error;
        expect(e.code).toBe('rate_limited');
        expect(e.message).toMatch(/^Too many failed sign-ins for this username: try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        const until = Date.parse(e.message.split('after ')[1]!);
        expect(Math.abs(until - (Date.now() + 60_000))).toBeLessThan(15_000);
      }
      // Other usernames are not affected.
      expect((await signIn(s.url, 'v-comm', GOOD_PASSWORD)).status).toBe(200);
      // Once the lock has passed, the right password works again (and clears the count).
      await s.db.query("UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE username = 'v-cluster'");
      expect((await signIn(s.url, 'v-cluster', GOOD_PASSWORD)).status).toBe(200);
      expect(await s.db.query("SELECT 1 FROM login_throttle WHERE username = 'v-cluster'")).toEqual([]);
    });

    it('usernames are matched in any case', async () => {
      expect((await signIn(s.url, 'V-COMM', GOOD_PASSWORD)).status).toBe(200);
    });
  });
});

// Regression: the loser of two simultaneous creations of one username once got a 500, not a 409.
describe('concurrent creation of one username', () => {
  for (const kind of dbKinds('BUG concurrency')) {
    it(`[${kind}] one 201 and one 409`, async () => {
      const s = await startServer(kind);
      try {
        const rs = await Promise.all(
          ['A', 'B'].map((n) => s.json('/api/v1/users', json({ username: 'twin', role: 'viewer', displayName: n, password: GOOD_PASSWORD }))),
        );
        expect(rs.map((r) => r.status).sort()).toEqual([201, 409]);
      } finally {
        await s.close();
      }
    });
  }
});
