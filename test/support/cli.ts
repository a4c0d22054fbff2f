/**
 * Runs the real `padme` binary as a person does (a child process), for the CLI tests. The caller's
 * DATABASE_URL, PADME_DATA and PADME_USER are dropped unless given in `env`, so a test chooses its database
 * and user explicitly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from './run-cache.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'padme.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PADME_DATA;
  delete env.PADME_USER;
  return { ...env, ...extra };
}

/** Killed after `timeoutMs` (a loaded 2-core CI machine needs about a minute for `padme demo`; hooks allow 120 s). */
export function padme(args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: cliEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * `padme --data <dir> demo` for a test: the real command runs once per run (run-cache.ts) into a
 * data dir of the run, and `dir` gets a private copy of that data dir. Resolves to what that one
 * run printed (the demo accounts' passwords are therefore the same in every copy).
 */
export async function demoDataDir(dir: string): Promise<Run> {
  const made = await once('cli-demo', async (cache) => {
    const dataDir = path.join(cache, 'cli-demo');
    return { dataDir, run: await padme(['--data', dataDir, 'demo']) };
  });
  if (made.run.code === 0) fs.cpSync(made.dataDir, dir, { recursive: true });
  return made.run;
}
