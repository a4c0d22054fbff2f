/**
 * The fixed cost of one request, piece by piece, in wall and CPU time (medians, in turns): what
 * the API pays beyond its SQL. From the inside out:
 * - a bare Fastify app answering a constant (light-my-request's inject: no socket);
 * - `SELECT 1` on the database (one round trip);
 * - PADME's /api/health (SELECT 1 behind helmet, the rate limit and the hooks), injected, then
 *   over loopback with node:http (keep-alive) and with fetch (what the report benchmarks use);
 * - /api/v1/auth/me with the API token (the auth hook's token query added), the same three ways;
 * - the ranking, the same three ways;
 * - the ranking's answer serialised as the route does (zod encode of the response schema, then
 *   JSON) against JSON alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Db } from '../src/db/db.ts';
import { buildApp } from '../src/http/app.ts';
import { actorOfToken } from '../src/features/users/auth.service.ts';
import { ranking } from '../src/features/reports/report.service.ts';
import { Ranking } from '../src/features/reports/report.schema.ts';
import { timeInTurns, type Timing } from './lib/measure.ts';
import { REPORT_AS_OF, REPORT_FY } from './reports.bench.ts';

export type RequestCost = Record<string, Timing>;

const json = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function runRequestCostBenchmark(db: Db, token: string, opts: { runs: number; log: (s: string) => void }): Promise<RequestCost> {
  const app = await buildApp({ db, rateLimitPerMinute: 100_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const bare = Fastify();
  bare.get('/x', async () => ({ ok: true }));
  await bare.ready();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${token}` };
  const viaNodeHttp = (path: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${path}: ${res.statusCode} ${body}`))));
        })
        .on('error', reject);
    });
  const viaFetch = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { headers }).then((r) => r.text());
  const injected = (url: string) => app.inject({ url, headers });
  const rankingPath = `/api/v1/reports/ranking?fiscalYear=${REPORT_FY}&asOf=${REPORT_AS_OF}`;
  const actor = await actorOfToken(db, token);
  const answer = await ranking(db, actor!, { fiscalYear: REPORT_FY, asOf: REPORT_AS_OF, level: 'cluster' });
  const cases: [string, () => Promise<unknown>][] = [
    ['bare Fastify, injected', () => bare.inject({ url: '/x' })],
    ['SELECT 1', () => db.query('SELECT 1')],
    ['health, injected', () => injected('/api/health')],
    ['health, node:http', () => viaNodeHttp('/api/health')],
    ['health, fetch', () => viaFetch('/api/health')],
    ['auth/me, injected', () => injected('/api/v1/auth/me')],
    ['auth/me, node:http', () => viaNodeHttp('/api/v1/auth/me')],
    ['auth/me, fetch', () => viaFetch('/api/v1/auth/me')],
    ['ranking, injected', () => injected(rankingPath)],
    ['ranking, node:http', () => viaNodeHttp(rankingPath)],
    ['ranking, fetch', () => viaFetch(rankingPath)],
    ['ranking answer, zod encode + JSON', async () => JSON.stringify(Ranking.encode(answer))],
    ['ranking answer, JSON alone', async () => json(answer)],
  ];
  try {
    const timings = await timeInTurns(
      cases.map(([, fn]) => ({ fn })),
      opts.runs,
      5,
    );
    const out: RequestCost = {};
    for (const [i, [name]] of cases.entries()) {
      const t = timings[i]!;
      out[name] = t;
      opts.log(`request cost: ${name.padEnd(34)} wall ${String(t.medianMs).padStart(8)} ms, CPU ${String(t.cpuMedianMs).padStart(6)} ms`);
    }
    return out;
  } finally {
    agent.destroy();
    await bare.close();
    await app.close();
  }
}
