/**
 * Import of disbursement rows from CSV through the real path (importFile: every row validated,
 * every rule of the ledger applied, audited, all or nothing in one transaction), against
 * PostgreSQL's COPY of the same rows into the same table (ledger_entries, in a transaction rolled
 * back), at growing file sizes, with the importing process's peak memory (RSS) at each size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import type { Actor } from '../src/core/context.ts';
import type { Db, SqlParam } from '../src/db/db.ts';
import { importFile } from '../src/features/imports/import.service.ts';
import { BULK_WRITE_SQL } from '../src/features/budget/disbursement.bulk.ts';
import type { BenchDataset } from './lib/dataset.ts';
import { copyText, disbursementRows, importTargets, writeDisbursementCsv } from './lib/csv.ts';
import { now, round, rssMiB, rssSampler, verdict } from './lib/measure.ts';
import { wrappedDb } from './lib/recording-db.ts';

export interface ImportFigures {
  rows: number;
  fileMiB: number;
  importSeconds: number;
  importRowsPerSecond: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  importVsCopy: ReturnType<typeof verdict>;
  /** the import's one statement writing the entries and their audit records (INSERT … SELECT from the staged rows) */
  writeSeconds: number;
  /** what the import could reach if reading, validating and checking every row cost nothing: COPY's time / the write's */
  writeCeiling: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

const COPY_SQL = 'COPY ledger_entries (project_id, kind, entry_date, amount, ref, created_by, category) FROM STDIN';

/** COPY of the text into ledger_entries, timed, then rolled back. */
async function timedCopy(ds: BenchDataset, text: string): Promise<number> {
  if (ds.kind === 'postgres') {
    const client = new pg.Client({ connectionString: ds.choice.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const t = now();
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(COPY_SQL));
        stream.on('finish', resolve);
        stream.on('error', reject);
        const chunk = 1 << 20;
        let i = 0;
        const write = () => {
          while (i < text.length) {
            const ok = stream.write(text.slice(i, (i += chunk)));
            if (!ok) return void stream.once('drain', write);
          }
          stream.end();
        };
        write();
      });
      const ms = now() - t;
      await client.query('ROLLBACK');
      return ms;
    } finally {
      await client.end();
    }
  }
  // PGlite: COPY FROM its /dev/blob device, on the same embedded database (the driver's PGlite instance).
  const lite = (ds.db as unknown as { pg: PGlite }).pg;
  let ms = 0;
  await lite.transaction(async (tx) => {
    const t = now();
    await tx.query(COPY_SQL.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([text]) });
    ms = now() - t;
    await tx.rollback();
  });
  return ms;
}

/** The database with the time spent in the import's write statement added up. */
function timingWrites(db: Db): { db: Db; writeMs: () => number } {
  let ms = 0;
  const timed = wrappedDb(db, (q) => ({
    async query<T extends object>(sql: string, params?: readonly SqlParam[]) {
      if (sql !== BULK_WRITE_SQL) return q.query<T>(sql, params);
      const t = now();
      try {
        return await q.query<T>(sql, params);
      } finally {
        ms += now() - t;
      }
    },
    exec: (sql) => q.exec(sql),
  }));
  return { db: timed, writeMs: () => ms };
}

export async function runImportBenchmark(ds: BenchDataset, opts: { sizes: number[]; log: (s: string) => void }): Promise<ImportFigures[]> {
  const actor: Actor = { username: 'bench-admin', role: 'admin', scopeCode: null, userId: null, via: 'cli' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-bench-import-'));
  const out: ImportFigures[] = [];
  try {
    for (const n of opts.sizes) {
      // What each project can still take, after the imports before this one.
      const targets = await importTargets(ds.db);
      const tag = `${n}-${Date.now().toString(36)}`;
      const file = path.join(dir, `disbursements-${n}.csv`);
      const size = writeDisbursementCsv(file, disbursementRows(targets, n, tag));
      const copyMs = await timedCopy(ds, copyText(disbursementRows(targets, n, tag), 'bench-admin'));
      global.gc?.();
      const rssBeforeMiB = rssMiB();
      const sampler = rssSampler();
      const timed = timingWrites(ds.db);
      const t = now();
      const r = await importFile({ db: timed.db, actor }, 'disbursements', path.basename(file), { path: file });
      const importMs = now() - t;
      const rssPeakMiB = sampler.stop();
      if (r.added !== n) throw new Error(`import of ${n} rows added ${r.added}`);
      const f: ImportFigures = {
        rows: n,
        fileMiB: round(size / 1048576, 1),
        importSeconds: round(importMs / 1000, 2),
        importRowsPerSecond: Math.round(n / (importMs / 1000)),
        copySeconds: round(copyMs / 1000, 2),
        copyRowsPerSecond: Math.round(n / (copyMs / 1000)),
        importVsCopy: verdict(copyMs / importMs, { atLeast: 0.5 }),
        writeSeconds: round(timed.writeMs() / 1000, 2),
        writeCeiling: round(copyMs / timed.writeMs(), 2),
        rssBeforeMiB,
        rssPeakMiB,
      };
      opts.log(
        `import ${n} rows (${f.fileMiB} MiB): ${f.importSeconds} s (${f.importRowsPerSecond} rows/s) vs COPY ${f.copySeconds} s (${f.copyRowsPerSecond} rows/s) → ${f.importVsCopy.ratio}x COPY (aim ${f.importVsCopy.aim}${f.importVsCopy.met ? ', met' : ', NOT met'}); of which the write of the entries and their audit records ${f.writeSeconds} s (${f.writeCeiling}x COPY at most); RSS ${rssBeforeMiB} → peak ${rssPeakMiB} MiB`,
      );
      out.push(f);
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
