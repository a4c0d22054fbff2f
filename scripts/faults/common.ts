/**
 * What the fault checks share: a database to run against (PGlite data dir, or a database on a
 * throwaway PostgreSQL server), its setup through the domain functions, a real `padme serve`
 * process, and an HTTP client bound to its own loopback address.
 */
import { spawn, spawnSync, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { systemActor } from '../../src/core/context.ts';
import type { Db } from '../../src/db/db.ts';
import { openDatabase, type DatabaseChoice } from '../../src/db/open.ts';
import { insertProject } from '../../src/features/projects/project.service.ts';
import { insertUser } from '../../src/features/users/user.service.ts';
import { createToken } from '../../src/features/users/auth.service.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PADME_BIN = path.join(ROOT, 'bin', 'padme.mjs');

export type DbKind = 'pglite' | 'postgres';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- a throwaway PostgreSQL server

/** A PostgreSQL server of its own (temp dir, free port on 127.0.0.1, trust auth), run as the postgres user when we are root. */
export class ThrowawayPostgres {
  private constructor(
    readonly dir: string,
    readonly dataDir: string,
    readonly bin: string,
    readonly port: number,
    private readonly asPostgres: boolean,
  ) {}

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static findBin(): string | null {
    const base = '/usr/lib/postgresql';
    if (!fs.existsSync(base)) return null;
    const versions = fs
      .readdirSync(base)
      .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? path.join(base, versions[0]!, 'bin') : null;
  }

  static async start(): Promise<ThrowawayPostgres> {
    const bin = ThrowawayPostgres.findBin();
    if (!bin) throw new Error('no PostgreSQL server binaries in /usr/lib/postgresql (apt-get install postgresql)');
    const asPostgres = process.getuid?.() === 0;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-faults-pg-'));
    fs.mkdirSync(path.join(dir, 'socket'));
    if (asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      for (const p of [dir, path.join(dir, 'socket')]) fs.chownSync(p, uid, gid);
    }
    const dataDir = path.join(dir, 'data');
    const server = new ThrowawayPostgres(dir, dataDir, bin, await freePort(), asPostgres);
    const init = server.run('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
      '--no-instructions',
    ]);
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
    await server.pgCtlStart();
    return server;
  }

  private run(tool: string, args: string[]) {
    const cmd = path.join(this.bin, tool);
    return this.asPostgres
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
      : spawnSync(cmd, args, { encoding: 'utf8' });
  }

  /** pg_ctl without blocking the event loop (the load goes on while it runs). */
  private pgCtl(args: string[]): Promise<{ ok: boolean; out: string }> {
    const cmd = path.join(this.bin, 'pg_ctl');
    const [file, argv] = this.asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    return new Promise((resolve) =>
      execFile(file as string, argv as string[], (err, stdout, stderr) => resolve({ ok: !err, out: `${stdout}${stderr}` })),
    );
  }

  /** Starts the server (again, on the same port) and waits until it accepts connections. */
  async pgCtlStart(): Promise<void> {
    const options = [`-c listen_addresses=127.0.0.1`, `-p ${this.port}`, `-k ${path.join(this.dir, 'socket')}`, '-c max_connections=200'];
    const r = await this.pgCtl(['-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options.join(' '), 'start']);
    if (!r.ok) throw new Error(`pg_ctl start failed: ${r.out}${this.log()}`);
  }

  /** Stops the server: fast (sessions terminated, a clean shutdown) or immediate (like a crash). */
  async pgCtlStop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const r = await this.pgCtl(['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    if (!r.ok) throw new Error(`pg_ctl stop failed: ${r.out}`);
  }

  log(): string {
    const f = path.join(this.dir, 'server.log');
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  }

  /** A new, empty database on this server; its URL. */
  async createDatabase(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** Stops the server and removes its directory (synchronous: safe in exit handlers). */
  destroy(): void {
    if (fs.existsSync(path.join(this.dataDir, 'postmaster.pid')))
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the database under test

/** Where a check's data lives: a fresh PGlite data dir, or a fresh database on the throwaway server. */
export interface Target {
  kind: DbKind;
  choice: DatabaseChoice;
  /** The environment a padme process needs to open it. */
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export async function newTarget(kind: DbKind, label: string, pgServer: ThrowawayPostgres | null): Promise<Target> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.PADME_DATA;
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `padme-faults-${label}-`));
    const dataDir = path.join(dir, 'data');
    return { kind, choice: { dataDir }, env: { ...base, PADME_DATA: dataDir }, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgServer) throw new Error('no PostgreSQL server');
  const url = await pgServer.createDatabase(`padme_faults_${label.replace(/\W/g, '_')}`);
  return { kind, choice: { url }, env: { ...base, DATABASE_URL: url }, cleanup: () => {} };
}

export const FISCAL_YEAR = 2569;
/** Budget of each check's project: far above anything the checks disburse. */
export const PROJECT_BUDGET = 10_000_000_000_00n;

/** Projects PREFIX-001… of cluster upper-north-1, FY 2569, approved, and an administrator "faults-admin". */
export async function seed(choice: DatabaseChoice, prefix: string, projects: number, tokens: number): Promise<{ codes: string[]; tokens: string[] }> {
  const db = await openDatabase(choice);
  try {
    const actor = systemActor('faults');
    const codes = Array.from({ length: projects }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
    await db.transaction(async (tx) => {
      for (const code of codes) {
        await insertProject(
          tx,
          {
            code,
            fiscalYear: FISCAL_YEAR,
            owner: 'upper-north-1',
            nameTh: `โครงการทดสอบ ${code}`,
            budget: PROJECT_BUDGET,
            status: 'approved',
            statusDate: '2025-10-01',
          },
          actor,
        );
      }
      await insertUser(tx, actor, { username: 'faults-admin', role: 'admin', password: 'Faults-Check-Password-8813!' });
    });
    const out: string[] = [];
    for (let i = 0; i < tokens; i++) out.push((await createToken({ db, actor }, 'faults-admin', `faults-${i}`)).token);
    return { codes, tokens: out };
  } finally {
    await db.close();
  }
}

/** Opens the target's database, runs fn, closes it; the time the open took. */
export async function withReopened<T>(choice: DatabaseChoice, fn: (db: Db) => Promise<T>): Promise<{ value: T; openMs: number }> {
  const t0 = performance.now();
  const db = await openDatabase(choice);
  const openMs = performance.now() - t0;
  try {
    return { value: await fn(db), openMs };
  } finally {
    await db.close();
  }
}

/** Count and sum (satang) of the disbursements whose ref starts with prefix, by ref. */
export async function entriesWithPrefix(db: Db, prefix: string): Promise<Map<string, bigint>> {
  const rows = await db.query<{ ref: string; amount: bigint }>(
    "SELECT ref, amount FROM ledger_entries WHERE kind = 'disbursement' AND starts_with(ref, $1)",
    [prefix],
  );
  return new Map(rows.map((r) => [r.ref, r.amount]));
}

// ---------------------------------------------------------------- a padme process

export interface PadmeServer {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** Ends the process: SIGTERM (a clean stop) or SIGKILL; waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  alive(): boolean;
}

/** Starts `padme serve` on a free loopback port and waits until it serves. */
export async function startServe(target: Target): Promise<PadmeServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, [PADME_BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: target.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('PADME serving')) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`padme serve exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`padme serve did not start within 60 s:\n${out}`);
    }
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

// ---------------------------------------------------------------- HTTP

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

/**
 * A client as another machine would be: its own loopback address (127.0.0.N, so that the per-address
 * rate limit applies to each client as it would in an office), one keep-alive connection.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  constructor(
    private readonly base: string,
    private readonly token: string,
    readonly localAddress: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  }

  request(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, timeoutMs = 30_000): Promise<Reply> {
    const t0 = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve) => {
      const req = http.request(
        `${this.base}${pathAndQuery}`,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
          res.on('error', (e) => resolve({ status: 0, body: `response error: ${e.message}`, ms: performance.now() - t0 }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve({ status: 0, body: `request error: ${e.message}`, ms: performance.now() - t0 }));
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The loopback address of client i: 127.0.0.2 … 127.0.0.251, then again. */
export const loopbackOf = (i: number) => `127.0.0.${2 + (i % 250)}`;

/** Satang as baht "1234.56". */
export const baht = (satang: bigint) => `${satang / 100n}.${String(satang % 100n).padStart(2, '0')}`;

/** A deterministic pseudo-random generator (mulberry32), so that a run can be repeated with --seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
