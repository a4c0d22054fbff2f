import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable, SqlParam } from './db.ts';
import { toDriverParams } from './db.ts';
import { acquireDataDirLock } from './lock.ts';

const parsers = {
  20: (v: string) => BigInt(v),
  1082: (v: string) => v,
};

/** PGlite's own defaults minus -F, so that fsync is on and an OS crash loses nothing committed. */
const DURABLE_START_PARAMS = [
  '--single',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];

class PGliteQueryable implements Queryable {
  constructor(protected readonly target: Pick<PGlite, 'query' | 'exec'>) {}
  async query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    const result = await this.target.query<T>(sql, toDriverParams(params));
    return result.rows;
  }
  async exec(sql: string): Promise<void> {
    await this.target.exec(sql);
  }
}

class PGliteDb extends PGliteQueryable implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly pg: PGlite,
    private readonly release: () => void,
  ) {
    super(pg);
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(new PGliteQueryable(tx)));
  }
  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
    this.release();
  }
  /** A snapshot of the whole database (tests start each suite from a migrated one). */
  dump(): Promise<File | Blob> {
    return this.pg.dumpDataDir('none');
  }
}

export type { PGliteDb };

/** An in-memory PGlite holding a copy of a dump. */
export async function openPGliteFromDump(dump: File | Blob): Promise<PGliteDb> {
  return new PGliteDb(await PGlite.create({ loadDataDir: dump, parsers, extensions: { pg_trgm } }), () => {});
}

/** Opens PGlite on a data dir (locked against other processes), or in memory when dataDir is null. */
export async function openPGlite(dataDir: string | null): Promise<PGliteDb> {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
  try {
    const pg = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      parsers,
      extensions: { pg_trgm },
      ...(dataDir ? { startParams: DURABLE_START_PARAMS } : {}),
    });
    return new PGliteDb(pg, release);
  } catch (e) {
    release();
    throw e;
  }
}
