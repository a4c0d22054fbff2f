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
