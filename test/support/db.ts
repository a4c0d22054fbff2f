/**
 * Test databases: every suite gets a fresh migrated database with the reference data, on
 * PGlite (always) and on PostgreSQL (when a server is available); freshDemoDb adds the demo data.
 *
 * Each is a copy of a template made once per run (test/support/run-cache.ts): on PGlite a dump
 * of the data dir, loaded into a new in-memory instance; on PostgreSQL a template database,
 * cloned by CREATE DATABASE … TEMPLATE. Migrating, seeding and loading the demo (through its
 * domain functions, as `padme demo` does) thus happen once per run instead of once per suite.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import pg from 'pg';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPGlite, openPGliteFromDump } from '../../src/db/pglite.ts';
import { openPostgres, type PostgresLimits } from '../../src/db/postgres.ts';
import { loadDemo, type DemoResult } from '../../src/features/demo/demo.load.ts';
import { seedReferenceData } from '../../src/features/reference/reference.seed.ts';
import { PG_ADMIN_URL, noteSkip } from './env.ts';
import { once, runId } from './run-cache.ts';

export type DbKind = 'pglite' | 'postgres';

/** What a template holds: migrations and reference data, plus the demo data (with its accounts or not). */
type Content = 'base' | 'demo' | 'demo-users';

interface Template {
  /** PGlite: the dump file; PostgreSQL: the template database. */
  where: string;
  demo: DemoResult | null;
}

async function fill(db: Db, content: Content): Promise<DemoResult | null> {
  if (content === 'base') {
    await migrate(db);
    await seedReferenceData(db);
    return null;
  }
  return loadDemo(db, { users: content === 'demo-users' });
}

// ---------------------------------------------------------------- PGlite: dumps of the data dir

const readDump = (file: string) => new Blob([fs.readFileSync(file)]);

function pgliteTemplate(content: Content): Promise<Template> {
  return once(`pglite-${content}`, async (dir) => {
    const db = content === 'base' ? await openPGlite(null) : await openPGliteFromDump(readDump((await pgliteTemplate('base')).where));
    try {
      const demo = await fill(db, content);
      const where = path.join(dir, `pglite-${content}.tar`);
      fs.writeFileSync(where, Buffer.from(await (await db.dump()).arrayBuffer()));
      return { where, demo };
    } finally {
      await db.close();
    }
  });
}

async function freshPGlite(content: Content): Promise<{ db: Db; demo: DemoResult | null }> {
  const t = await pgliteTemplate(content);
  return { db: await openPGliteFromDump(readDump(t.where)), demo: t.demo };
}

// ---------------------------------------------------------------- PostgreSQL: template databases

function adminUrl(): string {
  if (!PG_ADMIN_URL) throw new Error('no PostgreSQL server for tests (PADME_TEST_PG_URL)');
  return PG_ADMIN_URL;
}

function urlOf(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The prefix of this run's template databases (global-setup.ts drops them at the end). */
export const templatePrefix = () => `padme_tpl_${runId()}_`;

function postgresTemplate(content: Content): Promise<Template> {
  return once(`postgres-${content}`, async () => {
    const name = `${templatePrefix()}${content.replace('-', '_')}`;
    const from = content === 'base' ? null : (await postgresTemplate('base')).where;
    await admin((c) => c.query(`CREATE DATABASE ${name}${from ? ` TEMPLATE ${from}` : ''}`));
    const db = await openPostgres(urlOf(name));
    try {
      return { where: name, demo: await fill(db, content) };
    } finally {
      await db.close();
    }
  });
}

/** A new database on the PostgreSQL server, dropped when closed; its pool opened with `limits` when given. */
async function freshPostgres(content: Content, limits?: PostgresLimits): Promise<{ db: Db; demo: DemoResult | null }> {
  const t = await postgresTemplate(content);
  const name = `padme_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${t.where}`));
  const db = await openPostgres(urlOf(name), limits);
  const close = db.close.bind(db);
  return {
    db: Object.assign(db, {
      close: async () => {
        await close();
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    }),
    demo: t.demo,
  };
}

function fresh(kind: DbKind, content: Content, limits?: PostgresLimits) {
  return kind === 'pglite' ? freshPGlite(content) : freshPostgres(content, limits);
}

/** A new migrated database with the reference data; `postgres`: the pool's limits (statement and pool timeouts) on PostgreSQL, PGlite has none. */
export async function freshDb(kind: DbKind, opts: { postgres?: PostgresLimits } = {}): Promise<Db> {
  return (await fresh(kind, 'base', opts.postgres)).db;
}

/**
 * A new database holding what `loadDemo(db, { users })` loads into a fresh one, and what it
 * returned (the demo accounts with their passwords, the same in every copy of one run).
 */
export async function freshDemoDb(kind: DbKind, opts: { users?: boolean; postgres?: PostgresLimits } = {}): Promise<{ db: Db; demo: DemoResult }> {
  const { db, demo } = await fresh(kind, opts.users === false ? 'demo' : 'demo-users', opts.postgres);
  return { db, demo: demo! };
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
