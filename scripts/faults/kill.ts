/**
 * kill -9 during a large import: `padme import disbursements BIG.csv` is killed (SIGKILL) at a
 * random moment, round after round, on one database. After each kill the database must reopen
 * (the killed process's lock file on a PGlite data dir must not block it) and hold either every
 * row of that round's file or none of them, and every earlier round as it was.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PADME_BIN, ROOT, baht, entriesWithPrefix, newTarget, rng, seed, withReopened, type DbKind, type ThrowawayPostgres } from './common.ts';

export interface KillOptions {
  rounds: number;
  rows: number;
  /** Projects the rows of one file are spread over. */
  projects: number;
  seed: number;
}

export interface KillRound {
  round: number;
  killAfterMs: number;
  /** The import ended by itself before the kill. */
  finishedFirst: boolean;
  exit: string;
  lockLeft: boolean;
  reopenMs: number;
  stored: number;
  storedSum: bigint;
  outcome: 'none' | 'whole' | 'PARTIAL' | 'WRONG SUM' | 'EARLIER ROUNDS CHANGED' | 'REOPEN FAILED';
  detail?: string;
}

export interface KillResult {
  kind: DbKind;
  rows: number;
  fileBytes: number;
  fullImportMs: number;
  rounds: KillRound[];
  ok: boolean;
}

/** A disbursement CSV of `rows` rows over the projects of one round, refs K{round}-{i}; its sum in satang. */
function writeFile(file: string, round: number, rows: number, codes: string[], seedNo: number): bigint {
  const random = rng(seedNo * 7919 + round);
  const lines = ['project_code,date,amount,ref'];
  let sum = 0n;
  for (let i = 0; i < rows; i++) {
    const amount = BigInt(1 + Math.floor(random() * 99_999_99));
    sum += amount;
    const day = 1 + Math.floor(random() * 28);
    lines.push(`${codes[i % codes.length]},${day}/${1 + (i % 9)}/2569,${baht(amount)},K${round}-${i}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return sum;
}

function lockFileOf(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), `.${path.basename(dataDir)}.padme.lock`);
}

function runImport(
  env: NodeJS.ProcessEnv,
  file: string,
  killAfterMs: number | null,
): Promise<{ ms: number; finishedFirst: boolean; exit: string; output: string }> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [PADME_BIN, '--as', 'faults-admin', 'import', 'disbursements', file], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let killed = false;
  const timer = killAfterMs === null ? null : setTimeout(() => ((killed = true), proc.kill('SIGKILL')), killAfterMs);
  return new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ ms: performance.now() - t0, finishedFirst: !killed, exit: signal ?? `exit ${code}`, output });
    });
  });
}

export async function runKillRounds(
  kind: DbKind,
  opts: KillOptions,
  pgServer: ThrowawayPostgres | null,
  log: (s: string) => void = () => {},
): Promise<KillResult> {
  const target = await newTarget(kind, `kill_${kind}`, pgServer);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-faults-files-'));
  try {
    // Round 0 is the calibration (not killed); each round has its own projects, so that rounds do not slow each other.
    const { codes } = await seed(target.choice, 'KILL', (opts.rounds + 1) * opts.projects, 0);
    const codesOf = (round: number) => codes.slice(round * opts.projects, (round + 1) * opts.projects);
    const expected = new Map<string, { count: number; sum: bigint }>();

    const file0 = path.join(dir, 'round-0.csv');
    const sum0 = writeFile(file0, 0, opts.rows, codesOf(0), opts.seed);
    const full = await runImport(target.env, file0, null);
    if (full.exit !== 'exit 0') throw new Error(`the uninterrupted import failed (${full.exit}):\n${full.output}`);
    expected.set('K0-', { count: opts.rows, sum: sum0 });
    log(`kill [${kind}]: an uninterrupted import of ${opts.rows} rows (${fs.statSync(file0).size} bytes) took ${(full.ms / 1000).toFixed(1)} s`);

    const random = rng(opts.seed);
    const rounds: KillRound[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const file = path.join(dir, `round-${round}.csv`);
      const sum = writeFile(file, round, opts.rows, codesOf(round), opts.seed);
      // From the start of the process to a little past the end of a whole import.
      const killAfterMs = Math.round(full.ms * (0.3 + 0.8 * random()));
      const run = await runImport(target.env, file, killAfterMs);
      const lockLeft = kind === 'pglite' && fs.existsSync(lockFileOf(target.choice.dataDir!));
      let r: KillRound;
      try {
        const { value, openMs } = await withReopened(target.choice, async (db) => {
          const mine = await entriesWithPrefix(db, `K${round}-`);
          const earlier: string[] = [];
          for (const [prefix, e] of expected) {
            const got = await entriesWithPrefix(db, prefix);
            const gotSum = [...got.values()].reduce((a, b) => a + b, 0n);
            if (got.size !== e.count || gotSum !== e.sum)
              earlier.push(`${prefix}: ${got.size} rows, ${baht(gotSum)} instead of ${e.count}, ${baht(e.sum)}`);
          }
          return { mine, earlier };
        });
        const storedSum = [...value.mine.values()].reduce((a, b) => a + b, 0n);
        const stored = value.mine.size;
        const outcome: KillRound['outcome'] = value.earlier.length
          ? 'EARLIER ROUNDS CHANGED'
          : stored === 0
            ? 'none'
            : stored !== opts.rows
              ? 'PARTIAL'
              : storedSum !== sum
                ? 'WRONG SUM'
                : 'whole';
        r = { round, killAfterMs, finishedFirst: run.finishedFirst, exit: run.exit, lockLeft, reopenMs: openMs, stored, storedSum, outcome };
        if (value.earlier.length) r.detail = value.earlier.join('; ');
        if (outcome === 'whole') expected.set(`K${round}-`, { count: opts.rows, sum });
        else if (outcome === 'none') expected.set(`K${round}-`, { count: 0, sum: 0n });
      } catch (e) {
        r = {
          round,
          killAfterMs,
          finishedFirst: run.finishedFirst,
          exit: run.exit,
          lockLeft,
          reopenMs: 0,
          stored: -1,
          storedSum: 0n,
          outcome: 'REOPEN FAILED',
          detail: (e as Error).message,
        };
      }
      if (run.finishedFirst && run.exit !== 'exit 0') r.detail = `${r.detail ?? ''} the import failed by itself: ${run.output.slice(-500)}`.trim();
      log(
        `  round ${round}: ${run.finishedFirst ? `finished by itself (${run.exit}) before` : 'killed at'} ${(killAfterMs / 1000).toFixed(2)} s; ${
          lockLeft ? 'lock file left; ' : ''
        }reopened in ${r.reopenMs.toFixed(0)} ms: ${r.stored} of ${opts.rows} rows → ${r.outcome}${r.detail ? ` (${r.detail})` : ''}`,
      );
      rounds.push(r);
    }
    return {
      kind,
      rows: opts.rows,
      fileBytes: fs.statSync(file0).size,
      fullImportMs: full.ms,
      rounds,
      ok:
        rounds.length === opts.rounds &&
        rounds.every((r) => (r.outcome === 'none' || r.outcome === 'whole') && (!r.finishedFirst || r.exit === 'exit 0')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    target.cleanup();
  }
}

export function describeKill(r: KillResult): string {
  const count = (o: KillRound['outcome']) => r.rounds.filter((x) => x.outcome === o).length;
  const bad = r.rounds.filter((x) => x.outcome !== 'none' && x.outcome !== 'whole');
  const reopen = r.rounds.map((x) => x.reopenMs).sort((a, b) => a - b);
  return [
    `kill -9 [${r.kind}] ${r.ok ? 'PASS' : 'FAIL'}: ${r.rounds.length} rounds of a ${r.rows}-row import (${(r.fileBytes / 1e6).toFixed(1)} MB, ${(r.fullImportMs / 1000).toFixed(1)} s uninterrupted): reopened ${r.rounds.filter((x) => x.outcome !== 'REOPEN FAILED').length}/${r.rounds.length}, none ${count('none')}, whole ${count('whole')} (${r.rounds.filter((x) => x.finishedFirst).length} finished before the kill), partial or wrong ${bad.length}; lock file left by ${r.rounds.filter((x) => x.lockLeft).length} kills; reopening took ${reopen[0]?.toFixed(0)}–${reopen.at(-1)?.toFixed(0)} ms`,
    ...bad.map((x) => `  round ${x.round}: ${x.outcome} ${x.detail ?? ''}`),
  ].join('\n');
}
