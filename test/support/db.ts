/**
 * Test databases: every suite gets a fresh migrated database with the reference data, on
 * PGlite (always) and on PostgreSQL (when a server is available).
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import pg from 'pg';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPGlite, openPGliteFromDump } from '../../src/db/pglite.ts';
import { openPostgres, type PostgresLimits } from '../../src/db/postgres.ts';
import { seedReferenceData } from '../../src/features/reference/reference.seed.ts';
import { PG_ADMIN_URL, noteSkip } from './env.ts';

export type DbKind = 'pglite' | 'postgres';

let template: Promise<File | Blob> | null = null;

/** A migrated in-memory PGlite with reference data, copied from one dump per worker (fast). */
async function freshPGlite(): Promise<Db> {
  template ??= (async () => {
    const db = await openPGlite(null);
    await migrate(db);
    await seedReferenceData(db);
    const dump = await db.dump();
    await db.close();
    return dump;
  })();
  return openPGliteFromDump(await template);
}

/** A new database on the PostgreSQL server, dropped when closed; opened with `limits` once migrated, when given. */
async function freshPostgres(limits?: PostgresLimits): Promise<Db> {
  const adminUrl = PG_ADMIN_URL;
  if (!adminUrl) throw new Error('no PostgreSQL server for tests (PADME_TEST_PG_URL)');
  const name = `padme_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let db = await openPostgres(url.toString());
  await migrate(db);
  await seedReferenceData(db);
  if (limits) {
    await db.close();
    db = await openPostgres(url.toString(), limits);
  }
  const close = db.close.bind(db);
  return Object.assign(db, {
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  });
}

/** `postgres`: the pool's limits (statement and pool timeouts) on PostgreSQL; PGlite has none. */
export function freshDb(kind: DbKind, opts: { postgres?: PostgresLimits } = {}): Promise<Db> {
  return kind === 'pglite' ? freshPGlite() : freshPostgres(opts.postgres);
}

/** The database kinds this run covers; PostgreSQL is skipped (and said so) when no server is available. */
export function dbKinds(suite: string): DbKind[] {
  if (PG_ADMIN_URL) return ['pglite', 'postgres'];
  noteSkip(suite, 'PostgreSQL variant skipped: no PostgreSQL server (install postgresql; scripts/test.mjs starts one)');
  return ['pglite'];
}

/** Runs a suite once per database kind: describeEachDb('projects API', (kind) => { ... }). */
export function describeEachDb(name: string, fn: (kind: DbKind) => void): void {
  for (const kind of dbKinds(name)) describe(`${name} [${kind}]`, () => fn(kind));
}
