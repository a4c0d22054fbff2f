import pg from 'pg';
import type { Db, Queryable, SqlParam } from './db.ts';
import { DatabaseUnavailableError, isConnectionError, toDriverParams } from './db.ts';

/** A lost or refused connection becomes DatabaseUnavailableError (a 503); every other error is passed on as it is. */
function unavailable(e: unknown): unknown {
  return isConnectionError(e) && !(e instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(e) : e;
}

/** How long a request waits for a connection (a free one of the pool, or a new one) before it is answered with a 503. */
const CONNECT_TIMEOUT_MS = 10_000;

// Per-client type parsers, so that node-postgres maps types exactly as PGlite does.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => BigInt(v);
    if (oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

class ClientQueryable implements Queryable {
  /** The last query sent on a single connection: the next waits for it (a connection runs one query at a time). */
  private last: Promise<unknown> = Promise.resolve();
  constructor(private readonly client: pg.PoolClient | pg.Pool) {}
  /** On one client (a transaction) queries are sent one after the other; the pool runs them side by side. */
  private run<R>(send: () => Promise<R>): Promise<R> {
    if (this.client instanceof pg.Pool) return send();
    const next = this.last.then(send, send);
    this.last = next.catch(() => {});
    return next;
  }
  async query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    try {
      const result = await this.run(() => this.client.query({ text: sql, values: toDriverParams(params), types }));
      return result.rows as T[];
    } catch (e) {
      throw unavailable(e);
    }
  }
  async exec(sql: string): Promise<void> {
    try {
      await this.run(() => this.client.query(sql));
    } catch (e) {
      throw unavailable(e);
    }
  }
}

class PostgresDb extends ClientQueryable implements Db {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw unavailable(e);
    }
    // A checked-out client whose connection drops (the server restarted) emits 'error': without a
    // listener that would end the process. The failing query rejects too; the client is discarded below.
    let lost: unknown = null;
    const onError = (e: unknown) => (lost = e);
    client.on('error', onError);
    const tx = new ClientQueryable(client);
    let broken = false;
    try {
      await tx.exec('BEGIN');
      const result = await fn(tx);
      await tx.exec('COMMIT');
      return result;
    } catch (e) {
      broken = lost !== null || isConnectionError(e);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw lost !== null && !isConnectionError(e) ? new DatabaseUnavailableError(lost) : e;
    } finally {
      client.removeListener('error', onError);
      // A client whose connection failed is destroyed, not returned to the pool.
      client.release(broken || lost !== null ? new Error('connection lost') : undefined);
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
  // A dropped idle connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new PostgresDb(pool);
  try {
    await db.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return db;
}
