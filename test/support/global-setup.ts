/**
 * vitest globalSetup: the directory of the run's shared fixtures (run-cache.ts) and, at the end,
 * its removal with the PostgreSQL template databases made in it. Nothing is built here: a
 * fixture is built by the first test file that needs it, so a run of a few files stays quick.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export function setup(): () => Promise<void> {
  // scripts/test.mjs passes a directory of its own (removed even when vitest is killed).
  const given = process.env.PADME_TEST_CACHE;
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'padme-test-cache-'));
  fs.mkdirSync(dir, { recursive: true });
  const id = randomBytes(4).toString('hex');
  // Test files run in child processes started after this, with this environment.
  process.env.PADME_TEST_CACHE = dir;
  process.env.PADME_TEST_RUN_ID = id;
  return async () => {
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
    const url = process.env.PADME_TEST_PG_URL;
    if (!url) return;
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      const rows = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`padme_tpl_${id}_%`]);
      for (const { datname } of rows.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } catch {
      // The server may be gone already (scripts/test.mjs removes its throwaway one anyway).
    } finally {
      await c.end().catch(() => {});
    }
  };
}
