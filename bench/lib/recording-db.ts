/**
 * A Db that records the statements it runs while recording is on: the API's own SQL for a
 * request, replayed afterwards directly on the database to measure the SQL alone.
 */
import type { Db, Queryable, SqlParam } from '../../src/db/db.ts';

export interface Statement {
  sql: string;
  params: readonly SqlParam[];
}

export interface RecordingDb extends Db {
  record(on: boolean): Statement[];
}

export function recordingDb(db: Db): RecordingDb {
  let log: Statement[] | null = null;
  const wrap = (q: Queryable): Queryable => ({
    query<T extends object>(sql: string, params?: readonly SqlParam[]) {
      log?.push({ sql, params: params ?? [] });
      return q.query<T>(sql, params);
    },
    exec(sql: string) {
      log?.push({ sql, params: [] });
      return q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    kind: db.kind,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
    record(on: boolean) {
      const done = log ?? [];
      log = on ? [] : null;
      return done;
    },
  };
}

/** Runs recorded statements again, in order, directly on the database. */
export async function replay(db: Queryable, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await db.query(s.sql, s.params);
}
