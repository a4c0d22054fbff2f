import path from 'node:path';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPGlite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
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

/** Opens the database, applies pending migrations and loads the reference data if missing. */
export async function openDatabase(choice: DatabaseChoice): Promise<Db> {
  const db = choice.url ? await openPostgres(choice.url) : await openPGlite(choice.dataDir ?? null);
  try {
    await migrate(db);
    await seedReferenceData(db);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}
