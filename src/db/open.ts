import path from 'node:path';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPGlite } from './pglite.ts';
import { DEFAULT_POSTGRES_LIMITS, openPostgres, type PostgresLimits } from './postgres.ts';
import { seedReferenceData } from '../features/reference/reference.seed.ts';

export interface DatabaseChoice {
  /** postgres://… : a PostgreSQL server. Otherwise PGlite in dataDir. */
  url?: string | undefined;
  dataDir?: string | undefined;
}

/** DATABASE_URL wins; then --data / PADME_DATA; then ./data. */
export function chooseDatabase(opts: { data?: string | undefined }, env: NodeJS.ProcessEnv = process.env): DatabaseChoice {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: path.resolve(opts.data ?? env.PADME_DATA ?? 'data') };
}

/** What the database serves: `padme serve`'s requests, or one batch command (import, demo, backup, restore, report). */
export type DatabaseUse = 'serve' | 'batch';

const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const NO_ANSWER_MARGIN_MS = 5_000;

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`${name} must be a whole number of milliseconds (0: no limit), not "${raw}"`);
  return Number(raw);
}

/**
 * The PostgreSQL limits of a use. A server's requests get a statement timeout
 * (PADME_STATEMENT_TIMEOUT_MS, 30 s); batch commands none, since a national load, a large import,
 * a backup or a restore runs statements longer than any request's and its operator can stop it.
 * Both wait PADME_POOL_TIMEOUT_MS (10 s) at most for a connection.
 */
export function postgresLimits(use: DatabaseUse, env: NodeJS.ProcessEnv = process.env): PostgresLimits {
  const statementTimeoutMs = use === 'serve' ? milliseconds(env, 'PADME_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS) : 0;
  return {
    ...DEFAULT_POSTGRES_LIMITS,
    statementTimeoutMs,
    // A server that has not answered 5 s after it should have cancelled the statement is hung.
    answerTimeoutMs: statementTimeoutMs > 0 ? statementTimeoutMs + NO_ANSWER_MARGIN_MS : 0,
    poolTimeoutMs: milliseconds(env, 'PADME_POOL_TIMEOUT_MS', DEFAULT_POSTGRES_LIMITS.poolTimeoutMs),
  };
}

/**
 * Opens the database, applies pending migrations and loads the reference data if missing. PGlite
 * has no statement timeout: it runs in this process, one statement at a time, and cannot cancel one.
 */
export async function openDatabase(choice: DatabaseChoice, use: DatabaseUse = 'batch'): Promise<Db> {
  const db = choice.url ? await openPostgres(choice.url, postgresLimits(use)) : await openPGlite(choice.dataDir ?? null);
  try {
    await migrate(db);
    await seedReferenceData(db);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}
