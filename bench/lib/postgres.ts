/**
 * The PostgreSQL server of a benchmark: DATABASE_URL (or PADME_BENCH_PG_URL), on which the bench
 * creates its own database, or else a throwaway server (as scripts/test.mjs starts one: a fresh
 * temp data dir, a free port on 127.0.0.1; durable settings, as in production), always stopped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** an admin URL (database postgres) */
  adminUrl: string;
  /** 'throwaway' or 'DATABASE_URL' */
  source: string;
  version: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPgServer(log: (s: string) => void): Promise<PgServer> {
  const url = process.env.PADME_BENCH_PG_URL ?? process.env.DATABASE_URL;
  if (url) return { adminUrl: url, source: 'DATABASE_URL', version: await serverVersion(url), stop: () => {} };
  const base = '/usr/lib/postgresql';
  const version = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version) throw new Error('No PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and no DATABASE_URL: use --db pglite');
  const bin = path.join(base, version, 'bin');
  const asPostgres = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asPostgres ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-bench-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  fs.mkdirSync(socketDir);
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const p of [dir, socketDir]) fs.chownSync(p, uid, gid);
  }
  const init = run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
  const port = await freePort();
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-k ${socketDir}`,
    `-p ${port}`,
    '-c max_connections=200',
    '-c shared_buffers=512MB',
    '-c max_wal_size=4GB',
  ];
  const start = run(path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    options.join(' '),
    'start',
  ]);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stdout}${start.stderr}`);
  const stop = () => {
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`throwaway PostgreSQL ${version} on 127.0.0.1:${port}`);
  return { adminUrl, source: 'throwaway', version: await serverVersion(adminUrl), stop };
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query<{ v: string }>('SHOW server_version');
  await c.end();
  return r.rows[0]!.v;
}

/** The URL of a database on the server, created when missing. */
export async function ensureDatabase(adminUrl: string, name: string, fresh: boolean): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  if (fresh) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
