/**
 * The database of a benchmark: the national data set at a scale, on PGlite (a data dir under
 * .tmp/bench, durable settings as `padme serve` uses) or on PostgreSQL (a database of its own on
 * the bench server). A data set already loaded at that scale and seed is reused (--fresh reloads).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/db/db.ts';
import { openDatabase, type DatabaseChoice } from '../../src/db/open.ts';
import { systemActor } from '../../src/core/context.ts';
import { loadNational } from '../../src/features/national/national.load.ts';
import { insertUser } from '../../src/features/users/user.service.ts';
import { createToken } from '../../src/features/users/auth.service.ts';
import { ensureDatabase, type PgServer } from './postgres.ts';
import { now, round } from './measure.ts';

export type BenchDbKind = 'pglite' | 'postgres';

export interface BenchDataset {
  kind: BenchDbKind;
  choice: DatabaseChoice;
  db: Db;
  /** seconds the load took; null when reused */
  loadSeconds: number | null;
  projects: number;
  ledgerEntries: number;
  token: string;
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function openDataset(
  kind: BenchDbKind,
  opts: { scale: number; seed: number; fresh: boolean; pg: PgServer | null; log: (s: string) => void },
): Promise<BenchDataset> {
  const tag = `s${String(opts.scale).replace('.', '_')}_seed${opts.seed}`;
  let choice: DatabaseChoice;
  if (kind === 'postgres') choice = { url: await ensureDatabase(opts.pg!.adminUrl, `padme_bench_${tag}`, opts.fresh) };
  else {
    const dataDir = path.join(ROOT, '.tmp', 'bench', `pglite_${tag}`);
    if (opts.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    choice = { dataDir };
  }
  let db = await openDatabase(choice);
  const [done] = await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'national_data_set'`);
  let loadSeconds: number | null = null;
  if (done!.n !== 10n) {
    if (done!.n > 0n) {
      // A load interrupted half-way: start again on an empty database.
      await db.close();
      if (kind === 'postgres') choice = { url: await ensureDatabase(opts.pg!.adminUrl, `padme_bench_${tag}`, true) };
      else fs.rmSync(choice.dataDir!, { recursive: true, force: true });
      db = await openDatabase(choice);
    }
    opts.log(`loading the national data set at scale ${opts.scale} (seed ${opts.seed}) on ${kind}…`);
    const t = now();
    await loadNational(db, {
      scale: opts.scale,
      seed: opts.seed,
      onYear: (fy, c) => opts.log(`  FY ${fy}: ${c.projects} projects, ${c.ledgerEntries} entries (${round((now() - t) / 1000, 1)} s)`),
    });
    loadSeconds = round((now() - t) / 1000, 1);
  }
  const [counts] = await db.query<{ p: bigint; e: bigint }>(
    'SELECT (SELECT count(*) FROM projects) AS p, (SELECT count(*) FROM ledger_entries) AS e',
  );
  const [user] = await db.query('SELECT 1 FROM users WHERE username = $1', ['bench-admin']);
  const system = systemActor('bench');
  if (!user)
    await db.transaction((tx) => insertUser(tx, system, { username: 'bench-admin', role: 'admin', password: randomBytes(24).toString('base64url') }));
  const { token } = await createToken({ db, actor: system }, 'bench-admin', `bench-${Date.now()}`);
  return { kind, choice, db, loadSeconds, projects: Number(counts!.p), ledgerEntries: Number(counts!.e), token };
}
