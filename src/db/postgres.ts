import pg from 'pg';
import type { Db, Queryable, SqlParam } from './db.ts';
import { DatabaseTimeoutError, DatabaseUnavailableError, QUERY_CANCELED, isConnectionError, toDriverParams } from './db.ts';

export interface PostgresLimits {
  /** statement_timeout of every connection of the pool, in ms; 0: none (batch commands: imports, loads, backups). */
  statementTimeoutMs: number;
  /** How long a caller waits for a connection (a free one of the pool, or a new one) before a DatabaseTimeoutError, in ms. */
  poolTimeoutMs: number;
  /**
   * How long the client waits for any answer before it gives the connection up (a DatabaseUnavailableError), in ms;
   * 0: forever. Beyond the statement timeout: a hung server (stopped, or cut off by the network) cancels nothing itself.
   */
  answerTimeoutMs?: number;
  /** Connections in the pool. */
  maxConnections: number;
}

export const DEFAULT_POSTGRES_LIMITS: PostgresLimits = { statementTimeoutMs: 0, poolTimeoutMs: 10_000, maxConnections: 10 };

/** The pool's message when no connection became free in time (a new connection that fails to come up is another). */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

/**
 * A cancelled statement or a busy pool becomes DatabaseTimeoutError, a lost or refused connection
 * DatabaseUnavailableError (both a 503); every other error is passed on as it is.
 */
function classify(e: unknown, limits: PostgresLimits): unknown {
  if (e instanceof DatabaseTimeoutError || e instanceof DatabaseUnavailableError) return e;
  if (e instanceof Error && (e as { code?: unknown }).code === QUERY_CANCELED)
    return new DatabaseTimeoutError('statement', limits.statementTimeoutMs, e);
  if (e instanceof Error && e.message === POOL_WAIT_TIMEOUT) return new DatabaseTimeoutError('pool', limits.poolTimeoutMs, e);
  return isConnectionError(e) ? new DatabaseUnavailableError(e) : e;
}

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
  constructor(
    private readonly client: pg.PoolClient | pg.Pool,
    protected readonly limits: PostgresLimits,
  ) {}
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
      throw classify(e, this.limits);
    }
  }
  async exec(sql: string): Promise<void> {
    try {
      await this.run(() => this.client.query(sql));
    } catch (e) {
      throw classify(e, this.limits);
    }
  }
}

class PostgresDb extends ClientQueryable implements Db {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    limits: PostgresLimits,
  ) {
    super(pool, limits);
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw classify(e, this.limits);
    }
    // A checked-out client whose connection drops (the server restarted) emits 'error': without a
    // listener that would end the process. The failing query rejects too; the client is discarded below.
    let lost: unknown = null;
    const onError = (e: unknown) => (lost = e);
    client.on('error', onError);
    const tx = new ClientQueryable(client, this.limits);
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

/**
 * Opens a pool on a PostgreSQL server. With a statement timeout every connection starts with
 * statement_timeout set (the server cancels a statement past it, waiting for a lock included: the
 * transaction is rolled back); with an answer timeout the client gives a silent connection up.
 */
export async function openPostgres(connectionString: string, limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS): Promise<Db> {
  const statement = limits.statementTimeoutMs > 0 ? limits.statementTimeoutMs : undefined;
  const pool = new pg.Pool({
    connectionString,
    max: limits.maxConnections,
    connectionTimeoutMillis: limits.poolTimeoutMs,
    keepAlive: true,
    ...(statement ? { statement_timeout: statement } : {}),
    ...(limits.answerTimeoutMs ? { query_timeout: limits.answerTimeoutMs } : {}),
  });
  // A dropped idle connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new PostgresDb(pool, limits);
  try {
    await db.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return db;
}
