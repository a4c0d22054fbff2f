/**
 * Timeouts on a real PostgreSQL server, through a real PADME server: a write that waits past the
 * statement timeout for a lock another transaction holds, and a request that finds every connection
 * of the pool busy, are answered at once with 503 `database_timeout` (nothing changed), and the next
 * request succeeds. PGlite cannot cancel a statement (it says so in README): pinned below too.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../core/context.ts';
import { insertProject } from '../features/projects/project.service.ts';
import { DatabaseTimeoutError, DatabaseUnavailableError, type Db, type Queryable } from './db.ts';
import { openPostgres } from './postgres.ts';
import { PG_ADMIN_URL, noteSkip } from '../../test/support/env.ts';
import { freshDb } from '../../test/support/db.ts';
import { startServer, type TestServer } from '../../test/support/server.ts';

const SUITE = 'database timeouts';
if (!PG_ADMIN_URL) noteSkip(SUITE, 'PostgreSQL variant skipped: no PostgreSQL server (install postgresql; scripts/test.mjs starts one)');

/** Holds a transaction open (with whatever `hold` took, a row lock say) until the returned release is called. */
async function holding(db: Db, hold: (tx: Queryable) => Promise<unknown>): Promise<{ release: () => Promise<void> }> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held!: () => void;
  const taken = new Promise<void>((resolve) => (held = resolve));
  const done = db.transaction(async (tx) => {
    await hold(tx);
    held();
    await gate;
  });
  await taken;
  return {
    release: async () => {
      open();
      await done;
    },
  };
}

const project = (code: string) => ({
  code,
  fiscalYear: 2569,
  owner: 'upper-north-1',
  nameTh: 'โครงการทดสอบเวลา',
  budget: 1_000_000_00n,
  status: 'approved' as const,
  statusDate: '2025-10-01',
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string } };
}
async function answer(s: TestServer, path: string, init?: RequestInit): Promise<Answer> {
  const headers = new Headers(init?.headers);
  if (init?.body) headers.set('content-type', 'application/json');
  const res = await s.api(path, { ...init, headers });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

describe.runIf(PG_ADMIN_URL)(`${SUITE} [postgres]`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('postgres', { postgres: { statementTimeoutMs: 500, poolTimeoutMs: 400, maxConnections: 3 } });
    await s.db.transaction((tx) => insertProject(tx, project('TMO-01'), systemActor('test')));
  });
  afterAll(() => s?.close());

  const disburse = (ref: string) =>
    answer(s, '/api/v1/projects/TMO-01/disbursements', { method: 'POST', body: JSON.stringify({ date: '2026-01-05', amount: '10.00', ref }) });

  it('a statement past the timeout is cancelled by the server: DatabaseTimeoutError, and the connection serves the next', async () => {
    const started = Date.now();
    const err = await s.db.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTimeoutError);
    expect(err).toMatchObject({ reason: 'statement', limitMs: 500, message: 'The database cancelled a statement that ran longer than 500 ms' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await s.db.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '500ms' }]);
  });

  it('a write waiting for a lock past the timeout: 503 database_timeout, rolled back; the same write succeeds once the lock is gone', async () => {
    const lock = await holding(s.db, (tx) => tx.query(`SELECT id FROM projects WHERE code = 'TMO-01' FOR UPDATE`));
    const waited = await disburse('TMO-A');
    await lock.release();
    expect(waited).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        error: {
          code: 'database_timeout',
          message:
            'The database did not finish this request within 0.5 s (it is busy, or another change holds what it needs): nothing was changed; try again in a few seconds.',
        },
      },
    });
    expect(await s.db.query(`SELECT count(*) AS n FROM ledger_entries`)).toEqual([{ n: 0n }]);
    expect(await s.db.query(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'ledger_entry'`)).toEqual([{ n: 0n }]);
    const again = await disburse('TMO-A');
    expect(again.status).toBe(201);
    expect(await s.db.query(`SELECT ref, amount FROM ledger_entries`)).toEqual([{ ref: 'TMO-A', amount: 1000n }]);
    expect(await s.db.query(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'ledger_entry'`)).toEqual([{ n: 1n }]);
  });

  it('every connection of the pool busy past the pool timeout: 503 database_timeout; the next request succeeds', async () => {
    const busy = await Promise.all([1, 2, 3].map(() => holding(s.db, (tx) => tx.query('SELECT 1'))));
    const started = Date.now();
    const refused = await answer(s, '/api/v1/projects/TMO-01');
    const waitedMs = Date.now() - started;
    for (const b of busy) await b.release();
    expect(refused).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        error: {
          code: 'database_timeout',
          message: 'Every database connection stayed busy for 0.4 s (the server is overloaded): nothing was changed; try again in a few seconds.',
        },
      },
    });
    expect(waitedMs).toBeGreaterThanOrEqual(390);
    const ok = await answer(s, '/api/v1/projects/TMO-01');
    expect({ status: ok.status, code: (ok.body as { code?: string }).code }).toEqual({ status: 200, code: 'TMO-01' });
  });
});

/** A TCP proxy to the PostgreSQL server that can stop passing the server's answers on (a hung server). */
async function freezableProxy(target: URL): Promise<{ url: string; freeze(on: boolean): void; close(): Promise<void> }> {
  const upstreams = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    const up = net.connect(Number(target.port), target.hostname);
    upstreams.add(up);
    if (frozen) up.pause();
    client.pipe(up);
    up.pipe(client);
    const end = () => {
      upstreams.delete(up);
      client.destroy();
      up.destroy();
    };
    client.on('close', end).on('error', end);
    up.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    freeze(on) {
      frozen = on;
      for (const up of upstreams)
        if (on) up.pause();
        else up.resume();
    },
    close: () => {
      for (const up of upstreams) up.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.runIf(PG_ADMIN_URL)(`${SUITE}, a hung server [postgres]`, () => {
  it('a server that stops answering: the client gives the connection up after the answer timeout, and the next query succeeds', async () => {
    const proxy = await freezableProxy(new URL(PG_ADMIN_URL!));
    const db = await openPostgres(proxy.url, { statementTimeoutMs: 300, answerTimeoutMs: 800, poolTimeoutMs: 2000, maxConnections: 2 });
    try {
      proxy.freeze(true);
      const started = Date.now();
      const err = await db.query('SELECT 1 AS one').catch((e: unknown) => e);
      const waitedMs = Date.now() - started;
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as Error).message).toBe('The database cannot be reached: Query read timeout');
      expect(waitedMs).toBeGreaterThanOrEqual(790);
      expect(waitedMs).toBeLessThan(3000);
      proxy.freeze(false);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await proxy.close();
    }
  });
});

describe(`${SUITE} [pglite]`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb('pglite');
  }, 120_000);
  afterAll(() => db?.close());
  // PGlite runs the server in this process, single-user: SET statement_timeout is accepted and
  // ignored (no timer can interrupt a running statement). Should that change, README's note must too.
  it('accepts statement_timeout but does not cancel a statement past it', async () => {
    await db.exec(`SET statement_timeout = '50ms'`);
    expect(await db.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '50ms' }]);
    expect(await db.query('SELECT pg_sleep(0.3)::text AS slept')).toEqual([{ slept: '' }]);
  });
});
