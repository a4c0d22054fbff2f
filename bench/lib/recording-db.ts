/**
 * A Db that records the statements it runs while recording is on: the API's own SQL for a
 * request, replayed afterwards directly on the database to measure the SQL alone. Statements run
 * in a transaction (a report read in one snapshot) are replayed in a transaction too: its BEGIN
 * and COMMIT are round trips the API pays, and so does its SQL.
 */
import type { Db, Queryable, SqlParam } from '../../src/db/db.ts';

export interface Statement {
  sql: string;
  params: readonly SqlParam[];
  /** the transaction it ran in (a number per transaction of the recording), if any */
  transaction?: number;
  /** run by exec (no parameters, no rows) */
  exec?: true;
}

export interface RecordingDb extends Db {
  record(on: boolean): Statement[];
}

/** A Db whose statements all go through wrap: on the database itself, or in a transaction (numbered from 1). */
export function wrappedDb(db: Db, wrap: (q: Queryable, transaction?: number) => Queryable): Db {
  let transactions = 0;
  const base = wrap(db);
  return {
    kind: db.kind,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => {
      const id = ++transactions;
      return db.transaction((tx) => fn(wrap(tx, id)));
    },
    close: () => db.close(),
  };
}

export function recordingDb(db: Db): RecordingDb {
  let log: Statement[] | null = null;
  const wrapped = wrappedDb(db, (q, transaction) => ({
    query<T extends object>(sql: string, params?: readonly SqlParam[]) {
      log?.push({ sql, params: params ?? [], transaction });
      return q.query<T>(sql, params);
    },
    exec(sql: string) {
      log?.push({ sql, params: [], transaction, exec: true });
      return q.exec(sql);
    },
  }));
  return {
    ...wrapped,
    record(on: boolean) {
      const done = log ?? [];
      log = on ? [] : null;
      return done;
    },
  };
}

const run = (q: Queryable, s: Statement) => (s.exec ? q.exec(s.sql) : q.query(s.sql, s.params));

/** Runs recorded statements again, in order, directly on the database (those of one transaction in one transaction). */
export async function replay(db: Db, statements: readonly Statement[]): Promise<void> {
  for (let i = 0; i < statements.length;) {
    const s = statements[i]!;
    if (s.transaction === undefined) {
      await run(db, s);
      i++;
      continue;
    }
    let end = i;
    while (end < statements.length && statements[end]!.transaction === s.transaction) end++;
    const group = statements.slice(i, end);
    await db.transaction(async (tx) => {
      for (const g of group) await run(tx, g);
    });
    i = end;
  }
}
