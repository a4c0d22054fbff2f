/**
 * The one database interface the features use: parameterised SQL in the PostgreSQL dialect.
 * Two drivers implement it (PGlite embedded, node-postgres for a server) with the same type
 * mapping: int8 -> bigint, numeric -> string, date -> ISO string 'YYYY-MM-DD'.
 */
export type SqlParam = string | number | bigint | boolean | null | Date | string[] | number[];

export interface Queryable {
  query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Serialises parameters identically for both drivers (bigint as text, which PostgreSQL casts). */
export function toDriverParams(params: readonly SqlParam[] = []): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
}

/**
 * The database server cannot be reached (down, restarting, refusing connections): the request
 * was not carried out, or its outcome could not be confirmed. Deliberately not an AppError, so
 * that nothing (an import's row checks, for one) mistakes it for a rule the data broke; the HTTP
 * error handler answers it with a 503.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database cannot be reached: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * The database did not answer in time: a statement ran past the statement timeout and the server
 * cancelled it (SQLSTATE 57014), or every connection of the pool stayed busy past the pool timeout.
 * The transaction was rolled back; the HTTP error handler answers it with a 503 the client may retry.
 */
export class DatabaseTimeoutError extends Error {
  constructor(
    readonly reason: 'statement' | 'pool',
    readonly limitMs: number,
    cause: unknown,
  ) {
    super(
      reason === 'statement'
        ? `The database cancelled a statement that ran longer than ${limitMs} ms`
        : `No database connection became free within ${limitMs} ms`,
      { cause },
    );
    this.name = 'DatabaseTimeoutError';
  }
}

/** SQLSTATE query_canceled: statement_timeout (or an administrator's pg_cancel_backend). */
export const QUERY_CANCELED = '57014';

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLSTATEs of a server going away or not ready: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Whether a driver error means the server is unreachable or going away (rather than a bad statement). */
export function isConnectionError(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (e instanceof AggregateError) return e.errors.some(isConnectionError);
  // node-postgres's own messages for a connection that ended or never came up (a wait for a busy
  // pool's free connection, "timeout exceeded when trying to connect", is a DatabaseTimeoutError).
  // "Query read timeout": no answer from the server within the client-side backstop (a hung server).
  return /^(Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable)/.test(
    e.message,
  );
}

/**
 * Runs reads that must agree with each other (a report's totals and their split) on one snapshot
 * of the database: a read-only REPEATABLE READ transaction, so that a write committed between two
 * of its queries is seen by neither or both.
 */
export function readSnapshot<T>(db: Db, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(tx);
  });
}
