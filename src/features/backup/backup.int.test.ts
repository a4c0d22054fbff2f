/**
 * Backup and restore of a whole database: demo data, accounts, tokens, sessions, soft-deleted
 * rows, settings and the audit trail come back identical, row by row, in a fresh PGlite and
 * (when available) a fresh PostgreSQL database, across kinds too; a database that holds data is
 * refused; sequences continue after the restore; and once through the CLI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { demoDataDir } from '../../../test/support/cli.ts';
import { fileForm, GOOD_PASSWORD, signIn } from '../../../test/support/roles.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { openDatabase } from '../../db/open.ts';
import { systemActor, type Actor } from '../../core/context.ts';
import { buildApp } from '../../http/app.ts';
import { createProject } from '../projects/project.service.ts';
import { restoreBackup, writeBackup } from './backup.service.ts';

const ADMIN: Actor = { username: 'test-admin', role: 'admin', scopeCode: null, userId: null, via: 'cli' };

async function backupToBuffer(db: Db, actor: Actor = ADMIN): Promise<{ data: Buffer; tables: number; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const r = await writeBackup(db, actor, out);
  return { data: Buffer.concat(chunks), ...r };
}

/** Every table, every row, every value as text, in a stable order (read from the catalogue here, not by the code under test). */
async function dumpTables(q: Queryable): Promise<Record<string, (string | null)[][]>> {
  const tables = await q.query<{ table_name: string }>(
    "SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, (string | null)[][]> = {};
  for (const { table_name: t } of tables) {
    const columns = (
      await q.query<{ c: string }>(
        'SELECT column_name::text AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
        ['public', t],
      )
    ).map((r) => r.c);
    const cols = columns.map((c) => `"${c}"::text AS "${c}"`).join(', ');
    const order = columns.map((_, i) => i + 1).join(', ');
    const rows = await q.query<Record<string, string | null>>(`SELECT ${cols} FROM "${t}" ORDER BY ${order}`);
    out[t] = rows.map((r) => columns.map((c) => r[c] ?? null));
  }
  return out;
}

const count = async (q: Queryable, sql: string) => Number((await q.query<{ n: string }>(`SELECT (${sql})::text AS n`))[0]!.n);

/** Builds a database with everything a backup must carry. */
async function populate(s: TestServer): Promise<{ token: string; revokedToken: string }> {
  const send = async (method: string, p: string, body?: unknown) => {
    const r = await s.json(p, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(r.status, `${method} ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body as Record<string, string>;
  };
  await send('POST', '/api/v1/users', {
    username: 'bk-officer',
    displayName: 'เจ้าหน้าที่ "สำรอง"',
    role: 'cluster_officer',
    scope: 'upper-north-1',
    password: GOOD_PASSWORD,
  });
  await send('POST', '/api/v1/users', { username: 'bk-reporter', role: 'agency_reporter', projects: ['UN1-2559-01'], password: GOOD_PASSWORD });
  await send('POST', '/api/v1/users', { username: 'bk-gone', role: 'viewer', password: GOOD_PASSWORD });
  await send('POST', '/api/v1/users/bk-gone/delete', { reason: 'ลาออก' });
  const token = (await send('POST', '/api/v1/users/bk-officer/tokens', { name: 'ci' })).token!;
  const revoked = await send('POST', '/api/v1/users/bk-officer/tokens', { name: 'old' });
  await send('POST', `/api/v1/users/bk-officer/tokens/${revoked.id}/revoke`);
  await send('POST', '/api/v1/projects', {
    code: 'BK-1',
    fiscalYear: 2559,
    owner: '50',
    nameTh: "โครงการ'; DROP TABLE x; --",
    agency: '%_\\',
    budget: '1000.25',
  });
  await send('POST', '/api/v1/projects/BK-1/disbursements', { date: '2016-01-05', amount: '100.10', ref: 'BK-D1', note: 'หมายเหตุ\nสองบรรทัด' });
  await send('POST', '/api/v1/projects/BK-1/adjustments', { date: '2016-01-06', amount: '-0.25', ref: 'BK-A1', note: 'โอนออก' });
  await send('POST', '/api/v1/projects/BK-1/status', { status: 'approved', reason: 'อนุมัติ' });
  const [entry] = await s.db.query<{ id: string }>("SELECT id::text AS id FROM ledger_entries WHERE ref = 'BK-D1'");
  await send('POST', `/api/v1/projects/BK-1/ledger/${entry!.id}/delete`, { reason: 'ซ้ำ' });
  await send('POST', '/api/v1/projects', { code: 'BK-2', fiscalYear: 2559, owner: 'upper-north-1', nameTh: 'โครงการที่ถูกลบ', budget: '5.00' });
  await send('POST', '/api/v1/projects/BK-2/delete', { reason: 'ยกเลิก' });
  // A photo (bytea) of the demo visit's first project.
  const [visit] = await s.db.query<{ id: string }>('SELECT id::text AS id FROM monitoring_visits ORDER BY id LIMIT 1');
  const photo = await s.api(`/api/v1/monitoring/visits/${visit!.id}/projects/UN1-2559-01/photos`, {
    method: 'POST',
    body: fileForm('site.jpg', fs.readFileSync(new URL('../../../test/fixtures/visit-gps.jpg', import.meta.url))),
  });
  expect(photo.status).toBe(201);
  await send('PATCH', '/api/v1/settings', { publicReports: true });
  // Every byte value in a file kept as bytea (the evidence of the demo's first indicator result).
  const [kpi] = await s.db.query<{ id: string }>("SELECT id::text AS id FROM indicators WHERE code = 'KPI-1'");
  const evidence = await s.api(`/api/v1/indicators/${kpi!.id}/results/Q1/evidence`, {
    method: 'POST',
    body: fileForm('หลักฐาน.bin', Buffer.from(Array.from({ length: 256 }, (_, i) => i))),
  });
  expect(evidence.status).toBe(200);
  expect((await signIn(s.url, 'bk-officer', GOOD_PASSWORD)).status).toBe(200);
  expect((await signIn(s.url, 'bk-officer', 'wrong-password-xx')).status).toBe(401);
  return { token, revokedToken: revoked.token! };
}

// Regression: node-postgres once returned the name[] of the dependency query as a string.

for (const source of dbKinds('backup and restore')) {
  describe(`backup and restore from ${source}`, () => {
    let s: TestServer;
    let tokens: { token: string; revokedToken: string };
    let backup: { data: Buffer; tables: number; rows: number };
    let original: Record<string, (string | null)[][]>;

    beforeAll(async () => {
      s = await startServer(source, { demo: true, demoUsers: true });
      tokens = await populate(s);
      backup = await backupToBuffer(s.db);
      original = await dumpTables(s.db);
    });
    afterAll(() => s.close());

    it('the source holds what the backup must carry', async () => {
      expect(Object.keys(original).sort()).toEqual(
        [
          'api_tokens',
          'agreement_status_history',
          'agreements',
          'audit_log',
          'cluster_memberships',
          'cluster_schemes',
          'clusters',
          'commitments',
          'disbursement_targets',
          'events',
          'indicator_change_requests',
          'indicator_components',
          'indicator_files',
          'indicator_links',
          'indicator_results',
          'indicator_targets',
          'indicator_versions',
          'indicators',
          'ledger_entries',
          'login_throttle',
          'meeting_agenda_items',
          'meetings',
          'monitoring_follow_ups',
          'monitoring_photos',
          'monitoring_recommendations',
          'monitoring_visit_projects',
          'monitoring_visits',
          'plan_milestones',
          'plan_months',
          'plan_physical',
          'plan_versions',
          'project_budget_lines',
          'project_milestones',
          'project_status_history',
          'progress_report_files',
          'progress_reports',
          'projects',
          'provinces',
          'schema_migrations',
          'sessions',
          'settings',
          'user_projects',
          'users',
        ].sort(),
      );
      expect(backup.tables).toBe(Object.keys(original).length);
      expect(backup.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));
      expect(await count(s.db, 'SELECT count(*) FROM projects WHERE deleted_at IS NOT NULL')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM ledger_entries WHERE deleted_at IS NOT NULL')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM users WHERE deleted_at IS NOT NULL')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM api_tokens WHERE revoked_at IS NOT NULL')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM sessions')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM login_throttle')).toBe(1);
      expect(await count(s.db, 'SELECT count(*) FROM monitoring_photos')).toBe(1);
      expect(original.audit_log!.length).toBeGreaterThan(300);
      expect(original.users!.length).toBe(1 + 6 + 3);
      const bytes = `\\x${Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex')}`;
      expect(original.indicator_files!.map((r) => r.includes(bytes))).toEqual([true]);
    });

    it('only an administrator may back up', async () => {
      const viewer: Actor = { username: 'bk-viewer', role: 'viewer', scopeCode: null, userId: null, via: 'cli' };
      await expect(backupToBuffer(s.db, viewer)).rejects.toThrow('bk-viewer (viewer) may not back up the database');
    });

    for (const target of dbKinds('backup and restore')) {
      describe(`into a fresh ${target} database`, () => {
        let db: Db;
        beforeAll(async () => {
          db = await freshDb(target);
        });
        afterAll(() => db.close());

        it('restores every table row by row', async () => {
          const r = await restoreBackup(db, systemActor('test'), Readable.from(backup.data));
          expect(r).toEqual({ tables: backup.tables, rows: backup.rows });
          const restored = await dumpTables(db);
          for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table]);
          expect(Object.keys(restored).sort()).toEqual(Object.keys(original).sort());
        });

        it('refuses a second restore: the database holds data now', async () => {
          const before = await dumpTables(db);
          await expect(restoreBackup(db, systemActor('test'), Readable.from(backup.data))).rejects.toThrow(
            /^Restore needs an empty database, but the table \w+ holds data: restore into a new --data directory or database$/,
          );
          expect(await dumpTables(db)).toEqual(before);
        });

        it('sequences continue after the restore, and the audit trail stays append-only', async () => {
          const maxId = await count(db, 'SELECT max(id) FROM projects');
          const maxAudit = await count(db, 'SELECT max(id) FROM audit_log');
          await createProject(
            { db, actor: systemActor('test') },
            { code: 'BK-NEW', fiscalYear: 2559, owner: '50', nameTh: 'ใหม่', budget: 100n, status: 'proposed' },
          );
          expect(await count(db, "SELECT id FROM projects WHERE code = 'BK-NEW'")).toBe(maxId + 1);
          expect(await count(db, "SELECT id FROM audit_log WHERE entity_key = 'BK-NEW'")).toBe(maxAudit + 1);
          await expect(db.query('DELETE FROM audit_log')).rejects.toThrow('audit records cannot be changed or deleted');
        });

        it('the restored database serves the same accounts: tokens, revocations, deletions, settings', async () => {
          const app = await buildApp({ db });
          await app.listen({ port: 0, host: '127.0.0.1' });
          const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
          try {
            const me = await fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tokens.token}` } });
            expect(me.status).toBe(200);
            expect(await me.json()).toMatchObject({ username: 'bk-officer', role: 'cluster_officer', scope: 'upper-north-1' });
            expect((await fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tokens.revokedToken}` } })).status).toBe(401);
            expect((await signIn(url, 'bk-officer', GOOD_PASSWORD)).status).toBe(200);
            expect((await signIn(url, 'bk-gone', GOOD_PASSWORD)).status).toBe(401);
            expect((await fetch(`${url}/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05`)).status).toBe(200);
            const p = await fetch(`${url}/api/v1/projects/BK-1`, { headers: { authorization: `Bearer ${tokens.token}` } });
            expect(await p.json()).toMatchObject({
              nameTh: "โครงการ'; DROP TABLE x; --",
              agency: '%_\\',
              budget: '1000.25',
              allocated: '1000.00',
              disbursed: '0.00',
              status: 'approved',
            });
          } finally {
            await app.close();
          }
        });
      });
    }

    it('refuses to restore into the (non-empty) source, changing nothing', async () => {
      await expect(restoreBackup(s.db, systemActor('test'), Readable.from(backup.data))).rejects.toThrow('Restore needs an empty database');
      expect(await dumpTables(s.db)).toEqual(original);
    });

    it('refuses a database with a single account, and a file that is not a backup', async () => {
      const db = await freshDb(source);
      try {
        const { createUserToken } = await import('../../../test/support/server.ts');
        await createUserToken(db, { username: 'lonely', role: 'viewer' });
        await expect(restoreBackup(db, systemActor('test'), Readable.from(backup.data))).rejects.toThrow('holds data');
      } finally {
        await db.close();
      }
      const empty = await freshDb(source);
      try {
        const { createGzip } = await import('node:zlib');
        const gz = await new Promise<Buffer>((resolve) => {
          const chunks: Buffer[] = [];
          const z = createGzip();
          z.on('data', (c: Buffer) => chunks.push(c));
          z.on('end', () => resolve(Buffer.concat(chunks)));
          z.end('{"format":"something-else","version":1}\n');
        });
        await expect(restoreBackup(empty, systemActor('test'), Readable.from(gz))).rejects.toThrow(
          'This file is not a PADME backup (or of an unknown version)',
        );
        expect(await count(empty, 'SELECT count(*) FROM provinces')).toBe(77);
      } finally {
        await empty.close();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'padme.mjs');

function padme(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.PADME_DATA;
    delete env.PADME_USER;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('backup and restore through the CLI', { timeout: 180_000 }, () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-backup-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('padme backup FILE, then padme restore FILE into a new --data directory: identical tables', async () => {
    const src = path.join(tmp, 'src');
    const dst = path.join(tmp, 'dst');
    const file = path.join(tmp, 'padme.backup.gz');
    expect((await demoDataDir(src)).code).toBe(0);
    const refused = await padme(['--data', src, '--as', 'viewer', 'backup', file]);
    expect(refused).toMatchObject({ code: 1, stderr: 'padme: viewer (viewer) may not back up the database\n' });
    expect(fs.existsSync(file)).toBe(false);

    const b = await padme(['--data', src, '--as', 'admin', 'backup', file]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const m = /^Backup written to (.+): (\d+) tables, (\d+) rows\n$/.exec(b.stdout);
    expect(m?.[1]).toBe(file);
    const r = await padme(['--data', dst, 'restore', file]);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: `Restored ${file}: ${m![2]} tables, ${m![3]} rows\n` });
    // A second restore into the now non-empty directory is refused.
    const again = await padme(['--data', dst, '--as', 'admin', 'restore', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^padme: Restore needs an empty database, but the table \w+ holds data/);

    const a = await openDatabase({ dataDir: src });
    const tablesA = await dumpTables(a);
    await a.close();
    const c = await openDatabase({ dataDir: dst });
    const tablesB = await dumpTables(c);
    await c.close();
    expect(Object.keys(tablesB).sort()).toEqual(Object.keys(tablesA).sort());
    for (const t of Object.keys(tablesA)) expect(tablesB[t], t).toEqual(tablesA[t]);
    expect(tablesA.users!.length).toBe(6);
    expect(Number(m![3])).toBe(Object.values(tablesA).reduce((n, rows) => n + rows.length, 0));

    const exportA = await padme(['--data', src, '--as', 'admin', 'audit', '--format', 'csv']);
    const exportB = await padme(['--data', dst, '--as', 'admin', 'audit', '--format', 'csv']);
    expect(exportB.code).toBe(0);
    expect(exportB.stdout).toBe(exportA.stdout);
  });
});

// Regression: a refused backup once left an empty FILE.partial behind.
describe('a refused backup leaves no FILE.partial', { timeout: 120_000 }, () => {
  it('leaves neither FILE nor FILE.partial', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-backup-bug-'));
    try {
      const src = path.join(tmp, 'src');
      const file = path.join(tmp, 'out.gz');
      expect((await demoDataDir(src)).code).toBe(0);
      expect((await padme(['--data', src, '--as', 'viewer', 'backup', file])).code).toBe(1);
      expect(fs.readdirSync(tmp).sort()).toEqual(['src']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
