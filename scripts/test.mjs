#!/usr/bin/env node
/**
 * `npm test`: runs every test suite with vitest, on PGlite and, when possible, on PostgreSQL.
 *
 * - Without PADME_TEST_PG_URL, and when PostgreSQL server binaries are installed
 *   (/usr/lib/postgresql/<newest>/bin), starts a throwaway server (fresh temp data dir, free port on
 *   127.0.0.1, its own socket dir, trust auth, fsync off) for the run, and always stops it and
 *   removes its directory afterwards (also on failure, SIGINT and SIGTERM).
 * - Suites that skip something say so in PADME_SKIP_LOG (test/support/env.ts noteSkip); after the
 *   run this prints a "Skipped:" block. With CI=true any skip fails the run: CI never skips.
 *   PADME_TEST_PG=off runs on PGlite only (quicker; a skip, so a failure under CI).
 * - Extra arguments go to vitest: `npm test -- src/features/projects`.
 * - The last line of output is always "tests: N passed, N failed, N skipped"
 *   (test/support/summary-reporter.ts). The exit code is vitest's, or 1 for a skip under CI.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = path.join(ROOT, 'node_modules', '.bin', 'vitest');
const REPORTER = './test/support/summary-reporter.ts';
const CI = /^(true|1)$/i.test(process.env.CI ?? '');

const say = (msg) => process.stderr.write(`[test] ${msg}\n`);

// ---------------------------------------------------------------- temp files and cleanup

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-test-'));
const skipLog = path.join(workDir, 'skips.log');
const summaryFile = path.join(workDir, 'summary.txt');
fs.writeFileSync(skipLog, '');

/** @type {null | { dir: string, dataDir: string, bin: string, asPostgres: boolean }} */
let pgServer = null;
let cleanedUp = false;

/** Stops the throwaway server and removes its directory. Synchronous and idempotent. */
function stopPostgres() {
  if (pgServer) {
    const { dir, dataDir, bin, asPostgres } = pgServer;
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      runAs(asPostgres, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], { stdio: 'ignore' });
    }
    fs.rmSync(dir, { recursive: true, force: true });
    pgServer = null;
  }
}

/** Synchronous, idempotent: safe from signal handlers and the exit hook. */
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  stopPostgres();
  fs.rmSync(workDir, { recursive: true, force: true });
}

process.on('exit', cleanup);

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    if (child && child.exitCode === null) child.kill(signal);
    cleanup();
    process.exit(code);
  });
}

// ---------------------------------------------------------------- throwaway PostgreSQL

function runAs(asPostgres, cmd, args, opts = {}) {
  return asPostgres ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : spawnSync(cmd, args, opts);
}

/** The bin dir of the newest installed PostgreSQL server, or null. */
function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter(
      (v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')) && fs.existsSync(path.join(base, v, 'bin', 'initdb')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? { version: versions[0], bin: path.join(base, versions[0], 'bin') } : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startPostgres({ version, bin }) {
  const started = Date.now();
  const asPostgres = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const logFile = path.join(dir, 'server.log');
  fs.mkdirSync(socketDir);
  pgServer = { dir, dataDir, bin, asPostgres };
  if (asPostgres) {
    // PostgreSQL refuses to run as root: the postgres user owns the directory and runs the server.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const p of [dir, socketDir]) fs.chownSync(p, uid, gid);
  }
  const init = runAs(
    asPostgres,
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-k ${socketDir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ];
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const start = runAs(
      asPostgres,
      path.join(bin, 'pg_ctl'),
      ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', [...options, `-p ${port}`].join(' '), 'start'],
      { encoding: 'utf8' },
    );
    if (start.status === 0) {
      say(`PostgreSQL ${version} test server on 127.0.0.1:${port} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    }
    lastError = `${start.stdout}${start.stderr}${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`;
  }
  throw new Error(`pg_ctl start failed:\n${lastError}`);
}

// ---------------------------------------------------------------- the run

function readSkips() {
  if (!fs.existsSync(skipLog)) return [];
  const lines = fs
    .readFileSync(skipLog, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...new Set(lines)];
}

function whatWasMissing(skips) {
  const missing = new Set();
  for (const s of skips) {
    if (/postgres/i.test(s)) missing.add('a PostgreSQL server (apt-get install postgresql, or set PADME_TEST_PG_URL)');
    else if (/browser|chromium/i.test(s)) missing.add('a browser (apt-get install chromium, or set PADME_CHROMIUM)');
    else if (/soffice|libreoffice/i.test(s)) missing.add('LibreOffice (apt-get install --no-install-recommends libreoffice-writer-nogui)');
    else if (/pdftotext|poppler/i.test(s)) missing.add('pdftotext (apt-get install poppler-utils)');
    else missing.add(`what this suite needs: ${s}`);
  }
  return [...missing];
}

function runVitest(args, env) {
  return new Promise((resolve) => {
    child = spawn(VITEST, ['run', ...args], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', (e) => {
      say(`cannot run vitest (${VITEST}): ${e.message}. Run npm ci first.`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const userArgs = process.argv.slice(2);
  // The run's shared test fixtures (test/support/run-cache.ts) live in workDir, removed at the end whatever happens.
  const env = { ...process.env, PADME_SKIP_LOG: skipLog, PADME_SUMMARY_FILE: summaryFile, PADME_TEST_CACHE: path.join(workDir, 'fixtures') };

  if (env.PADME_TEST_PG === 'off') {
    say('PADME_TEST_PG=off: the PostgreSQL variants will be skipped');
    delete env.PADME_TEST_PG_URL;
  } else if (!env.PADME_TEST_PG_URL) {
    const pgBin = findPostgresBin();
    if (pgBin) {
      try {
        env.PADME_TEST_PG_URL = await startPostgres(pgBin);
      } catch (e) {
        say(`could not start a PostgreSQL test server: ${e.message}`);
        stopPostgres();
      }
    } else {
      say('no PostgreSQL server binaries in /usr/lib/postgresql: the PostgreSQL variants will be skipped');
    }
  }

  // The summary reporter comes from vitest.config.ts; a --reporter argument replaces the
  // configured ones, so add it back.
  const args = userArgs.some((a) => a === '--reporter' || a.startsWith('--reporter=')) ? [...userArgs, `--reporter=${REPORTER}`] : userArgs;
  const started = Date.now();
  const vitestCode = await runVitest(args, env);
  let code = vitestCode;
  child = null;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const skips = readSkips();
  const summary = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8').trim() : null;
  // Stop the server and remove the temp files before the last lines, so nothing prints after them.
  const pgWasUsed = pgServer !== null;
  cleanup();

  const out = [];
  if (skips.length) {
    out.push('', 'Skipped:');
    for (const s of skips) out.push(`  - ${s}`);
  }
  if (CI && skips.length) {
    out.push('', `CI FAILURE: ${skips.length} skip(s) above; CI never skips. Missing: ${whatWasMissing(skips).join('; ')}.`);
    if (code === 0) code = 1;
  }
  if (!summary) out.push('', `vitest did not finish its run (exit code ${code}).`);
  out.push(
    '',
    `[test] vitest ${vitestCode === 0 ? 'passed' : `failed (exit code ${vitestCode})`} in ${seconds} s${pgWasUsed ? ' (throwaway PostgreSQL stopped and removed)' : ''}`,
  );
  out.push(summary ?? 'tests: 0 passed, 0 failed, 0 skipped');
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = summary ? code : code || 1;
}

main().catch((e) => {
  say(e?.stack ?? String(e));
  cleanup();
  process.stdout.write('tests: 0 passed, 0 failed, 0 skipped\n');
  process.exit(1);
});
