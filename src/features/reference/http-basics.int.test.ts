/**
 * HTTP basics of the real server: the OpenAPI document lists every /api/v1 route, the docs page
 * is served, unknown API routes are 404 JSON, and a 500 never leaks a stack trace or SQL.
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { App } from '../../../src/http/app.ts';

/** Every route of the app as "METHOD /path", from fastify's route tree (HEAD left out). */
function routesOf(app: App): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim())) {
      if (method && method !== 'HEAD') out.push(`${method} ${path}`);
    }
  }
  return out;
}

describeEachDb('HTTP basics', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind);
  });
  afterAll(() => s.close());

  it('GET /api/openapi.json is OpenAPI 3 and lists every /api/v1 route', async () => {
    const r = await s.json<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(r.body.info.title).toBe('PADME API');

    const routes = routesOf(s.app).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    // the route tree was read right: it has the routes this suite knows of, and fastify agrees
    for (const known of [
      'GET /api/v1/projects',
      'POST /api/v1/projects',
      'GET /api/v1/projects/:code',
      'PATCH /api/v1/projects/:code',
      'POST /api/v1/projects/:code/status',
      'GET /api/v1/projects/:code/status-history',
      'GET /api/v1/projects/export.xlsx',
      'GET /api/v1/projects/:code/ledger',
      'POST /api/v1/projects/:code/disbursements',
      'POST /api/v1/projects/:code/adjustments',
      'GET /api/v1/reports/disbursement',
      'GET /api/v1/reports/ranking',
      'GET /api/v1/reports/dashboard',
      'GET /api/v1/reference/provinces',
      'GET /api/v1/reference/clusters',
    ]) {
      expect(routes).toContain(known);
    }
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      expect(s.app.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }

    const documented = Object.entries(r.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const missing = routes.filter((route) => !documented.includes(route));
    expect(missing).toEqual([]);
  });

  it('GET /api/docs serves the HTML docs page', async () => {
    const res = await s.api('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await res.text()).toLowerCase()).toContain('<html');
  });

  it('an unknown /api route is 404 JSON', async () => {
    for (const path of ['/api/v1/nope', '/api/nothing/here?x=1']) {
      const res = await s.api(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(path.split('?')[0]);
    }
    const post = await s.json<{ error: { code: string } }>('/api/v1/projects/X/unknown', { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(post.body.error.code).toBe('not_found');
  });

  it('malformed JSON is 400, not 500', async () => {
    const res = await s.api('/api/v1/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": ' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\n\s+at /);
  });

  describe('a 500', () => {
    let broken: TestServer;
    beforeAll(async () => {
      broken = await startServer(kind);
      await broken.db.close(); // every query now fails inside the driver
    });
    afterAll(async () => {
      await broken.app.close();
      await broken.db.close().catch(() => undefined);
    });

    it.each([
      ['GET', '/api/v1/projects?q=x', undefined],
      ['GET', '/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05', undefined],
      ['POST', '/api/v1/projects', { code: 'Z-1', fiscalYear: 2559, owner: 'upper-north-1', nameTh: 'x', budget: '1.00' }],
    ])('%s %s never leaks a stack trace or SQL', async (method, path, body) => {
      const res = await broken.api(path, {
        method,
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      const json = JSON.parse(text) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('internal');
      expect(Object.keys(json.error).sort()).toEqual(['code', 'message']);
      expect(text).not.toMatch(/\bat\s+\S+\s+\(|\.ts:\d+|node_modules|\bstack\b/i);
      expect(text).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE)\b/);
      expect(text).not.toMatch(/pglite|postgres|pool|closed/i);
    });
  });
});
