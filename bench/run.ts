/**
 * npm run bench [-- --scale 0.1 --db pglite|postgres|both --only NAME[,NAME] --seed 1 --fresh
 *                  --import-rows 100000,300000,1000000 --http-seconds 10 --runs 10]
 *
 * Loads (or reuses) the national data set at the scale on each database, then runs the
 * benchmarks: ranking, dashboard, project-list (API against its SQL; ranking and dashboard also
 * against a naive full scan), meeting (the monthly meeting report in each format against its SQL and
 * its rendering), request-cost (one request's fixed cost piece by piece), http (requests per second of a report against the bare route of the
 * same server, 100 clients, latency percentiles, server RSS at rest and under load) and import
 * (CSV through the real import against COPY, RSS at each size). Prints each figure with its
 * ratio to its limit and writes bench/results/<timestamp>.json. Never part of npm test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDataset, ROOT, type BenchDbKind } from './lib/dataset.ts';
import { startPgServer, type PgServer } from './lib/postgres.ts';
import { runReportBenchmarks } from './reports.bench.ts';
import { runHttpBenchmark } from './http.bench.ts';
import { runImportBenchmark } from './import.bench.ts';
import { runMeetingBenchmark } from './meeting.bench.ts';
import { runRequestCostBenchmark } from './request-cost.bench.ts';
import { openDatabase } from '../src/db/open.ts';

const NAMES = ['ranking', 'dashboard', 'project-list', 'meeting', 'request-cost', 'http', 'import'] as const;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string', default: 'both' },
    only: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'import-rows': { type: 'string', default: '100000,300000,1000000' },
    'http-seconds': { type: 'string', default: '10' },
    runs: { type: 'string', default: '21' },
  },
});

const fail = (msg: string): never => {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
};
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 10)) fail(`--scale must be above 0 and at most 10 (got ${values.scale})`);
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed) || seed < 0) fail(`--seed must be a whole number (got ${values.seed})`);
const kinds: BenchDbKind[] =
  values.db === 'both'
    ? ['pglite', 'postgres']
    : values.db === 'pglite' || values.db === 'postgres'
      ? [values.db]
      : fail(`--db must be pglite, postgres or both (got ${values.db})`);
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...NAMES];
for (const n of only) if (!(NAMES as readonly string[]).includes(n)) fail(`--only: unknown benchmark ${n} (known: ${NAMES.join(', ')})`);
const selected = (name: string) => only.includes(name);
const importRows = values['import-rows'].split(',').map(Number);
if (importRows.some((n) => !Number.isSafeInteger(n) || n < 1)) fail(`--import-rows must be whole numbers (got ${values['import-rows']})`);
const httpSeconds = Number(values['http-seconds']);
const runs = Number(values.runs);

const log = (s: string) => process.stdout.write(`${s}\n`);
/** The load average (1, 5, 15 min) of the shared machine, noted with every figure. */
const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
/** Runs one benchmark, noting the load average before and after it. */
async function noted<T>(fn: () => Promise<T>): Promise<{ loadBefore: number[]; loadAfter: number[]; figures: T }> {
  const loadBefore = loadAverage();
  const figures = await fn();
  const loadAfter = loadAverage();
  log(`  (load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after)`);
  return { loadBefore, loadAfter, figures };
}
const started = new Date();
const results: Record<string, unknown> = {
  startedAt: started.toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  options: { scale, seed, db: kinds, only, importRows, httpSeconds, runs },
  databases: {} as Record<string, unknown>,
};

const dir = path.join(ROOT, 'bench', 'results');
const file = path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
/** Written after every benchmark, so that a run stopped part-way keeps what it measured. */
const save = () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
};

let pgServer: PgServer | null = null;
try {
  for (const kind of kinds) {
    log(`\n== ${kind} (scale ${scale}, seed ${seed}) ==`);
    if (kind === 'postgres') pgServer ??= await startPgServer(log);
    let ds = await openDataset(kind, { scale, seed, fresh: values.fresh, pg: pgServer, log });
    log(
      `data set: ${ds.projects} projects, ${ds.ledgerEntries} ledger entries${ds.loadSeconds === null ? ' (reused)' : `, loaded in ${ds.loadSeconds} s`}`,
    );
    const entry: Record<string, unknown> = {
      server:
        kind === 'postgres'
          ? { version: pgServer!.version, source: pgServer!.source }
          : { version: 'PGlite 0.5.16 (PostgreSQL 18, WebAssembly, in process)' },
      projects: ds.projects,
      ledgerEntries: ds.ledgerEntries,
      loadSeconds: ds.loadSeconds,
    };
    (results.databases as Record<string, unknown>)[kind] = entry;
    if (['ranking', 'dashboard', 'project-list'].some(selected)) {
      save();
      entry.reports = await noted(() =>
        runReportBenchmarks(ds.db, ds.token, { runs, naiveRuns: Math.max(3, Math.ceil(runs / 3)), only: selected, log }),
      );
    }
    if (selected('meeting')) {
      save();
      entry.meeting = await noted(() => runMeetingBenchmark(ds.db, ds.token, { runs, log }));
    }
    if (selected('request-cost')) {
      save();
      entry.requestCost = await noted(() => runRequestCostBenchmark(ds.db, ds.token, { runs: Math.max(runs, 51), log }));
    }
    if (selected('http')) {
      // The server runs in its own process: PGlite's data dir takes one process at a time.
      await ds.db.close();
      save();
      entry.http = await noted(() => runHttpBenchmark(ds.choice, ds.token, { seconds: httpSeconds, log }));
      save();
      ds = { ...ds, db: await openDatabase(ds.choice) };
    }
    if (selected('import')) {
      entry.import = [];
      for (const n of importRows) {
        (entry.import as unknown[]).push(...(await runImportBenchmark(ds, { sizes: [n], log })));
        save();
      }
    }
    await ds.db.close();
  }
} finally {
  pgServer?.stop();
}
results.finishedAt = new Date().toISOString();
save();
log(`\nresults: ${path.relative(ROOT, file)}`);
