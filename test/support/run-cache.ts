/**
 * Fixtures built once per test run and shared by every test file and worker process: the migrated
 * database, the demo data, the built web UI. vitest runs each file in a fresh process, so a
 * module-level cache would be rebuilt per file; this one lives in a directory of the run
 * (PADME_TEST_CACHE, made and removed by test/support/global-setup.ts).
 *
 * once(key, build): the first process to need `key` builds it while holding a lock (an exclusive
 * mkdir); the others wait for its result (JSON) and then use the same one. A failed build is
 * recorded, so the waiters fail at once with its message instead of waiting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const POLL_MS = 100;
const WAIT_MS = 10 * 60_000;

const inProcess = new Map<string, Promise<unknown>>();

/** The run's cache directory, or null when the tests run without the global setup (then nothing is shared between files). */
export function runCacheDir(): string | null {
  const dir = process.env.PADME_TEST_CACHE;
  return dir && fs.existsSync(dir) ? dir : null;
}

/** The run's cache directory, or a directory private to this process. */
export function fixtureDir(): string {
  const dir = runCacheDir();
  if (dir) return dir;
  privateDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'padme-fixtures-'));
  return privateDir;
}
let privateDir: string | null = null;
process.on('exit', () => {
  if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true });
});

/** A short identifier of the run, for names outside the cache directory (PostgreSQL template databases). */
export function runId(): string {
  return process.env.PADME_TEST_RUN_ID ?? `p${process.pid}`;
}

/** `build`'s result for `key`, built once per run (JSON-serialisable); files it makes go in `dir`. */
export function once<T>(key: string, build: (dir: string) => Promise<T>): Promise<T> {
  let p = inProcess.get(key) as Promise<T> | undefined;
  if (!p) {
    p = shared(key, build);
    inProcess.set(key, p);
  }
  return p;
}

async function shared<T>(key: string, build: (dir: string) => Promise<T>): Promise<T> {
  const root = runCacheDir();
  if (!root) return build(fixtureDir());
  const result = path.join(root, `${key}.json`);
  const failure = path.join(root, `${key}.failed`);
  const lock = path.join(root, `${key}.lock`);
  let mine = false;
  try {
    fs.mkdirSync(lock);
    mine = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (mine) {
    try {
      const value = await build(root);
      fs.writeFileSync(`${result}.tmp`, JSON.stringify(value));
      fs.renameSync(`${result}.tmp`, result);
      return value;
    } catch (e) {
      fs.writeFileSync(failure, e instanceof Error ? (e.stack ?? e.message) : String(e));
      throw e;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (fs.existsSync(result)) return JSON.parse(fs.readFileSync(result, 'utf8')) as T;
    if (fs.existsSync(failure)) throw new Error(`the shared test fixture ${key} failed in another process:\n${fs.readFileSync(failure, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`the shared test fixture ${key} was not ready after ${WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
