/**
 * The audit trail through the real API: every write leaves exactly one record per changed entity
 * (actor, before/after, reason) in the same transaction; refused, invalid and no-op writes leave
 * none; records cannot be changed or deleted even with direct SQL; admins export them as CSV.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../core/dates.ts';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { auditCount, cookieClient, csv, fileForm, GOOD_PASSWORD, signIn, type ErrorBody } from '../../../test/support/roles.ts';

interface Rec {
  id: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

const ADMIN = 'test-admin (token test)';
const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describeEachDb('audit trail', (kind) => {
  let s: TestServer;
  let last = '0';
  /** The records written since the previous call. */
  const fresh = async (): Promise<Rec[]> => {
    const rows = await s.db.query<Rec>(
      `SELECT id::text AS id, actor, action, entity_type, entity_key, before, after, reason FROM audit_log WHERE audit_log.id > $1::bigint ORDER BY audit_log.id`,
      [last],
    );
    if (rows.length) last = rows[rows.length - 1]!.id;
    return rows;
  };
  const send = <T = unknown>(c: Client, method: string, p: string, body?: unknown) =>
    c.json<T>(p, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    await fresh();
  });
  afterAll(() => s.close());

  describe('projects', () => {
    const snap = {
      code: 'AU-1',
      fiscalYear: 2559,
      owner: '50',
      nameTh: 'โครงการตรวจสอบ',
      agency: 'หน่วยงาน ก',
      budget: '1000.00',
      status: 'proposed',
      version: 1,
      deleted: false,
    };

    it('create: one record with the after values and no before', async () => {
      const r = await send(s, 'POST', '/api/v1/projects', {
        code: 'AU-1',
        fiscalYear: 2559,
        owner: '50',
        nameTh: 'โครงการตรวจสอบ',
        agency: 'หน่วยงาน ก',
        budget: '1,000',
      });
      expect(r.status).toBe(201);
      expect(await fresh()).toEqual([
        {
          id: expect.any(String),
          actor: ADMIN,
          action: 'create',
          entity_type: 'project',
          entity_key: 'AU-1',
          before: null,
          after: snap,
          reason: null,
        },
      ]);
    });

    it('update: before and after; a stale version is 409 and leaves nothing', async () => {
      const r = await send(s, 'PATCH', '/api/v1/projects/AU-1', { version: 1, agency: 'หน่วยงาน ข', budget: '2000.00' });
      expect(r.status).toBe(200);
      expect(await fresh()).toEqual([
        {
          id: expect.any(String),
          actor: ADMIN,
          action: 'update',
          entity_type: 'project',
          entity_key: 'AU-1',
          before: snap,
          after: { ...snap, agency: 'หน่วยงาน ข', budget: '2000.00', version: 2 },
          reason: null,
        },
      ]);
      const stale = await send<ErrorBody>(s, 'PATCH', '/api/v1/projects/AU-1', { version: 1, agency: 'หน่วยงาน ค' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict');
      expect(stale.body.error.message).toContain('your version 1, now 2');
      expect(await fresh()).toEqual([]);
    });

    it('status change: needs a reason (400, nothing written); with one, the reason is recorded', async () => {
      for (const body of [{ status: 'approved' }, { status: 'approved', reason: '   ' }]) {
        const r = await send<ErrorBody>(s, 'POST', '/api/v1/projects/AU-1/status', body);
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('validation');
        expect(r.body.error.message).toContain('reason');
        expect(r.body.error.details?.issues?.map((i) => i.field)).toEqual(['reason']);
      }
      expect(await fresh()).toEqual([]);
      const ok = await send(s, 'POST', '/api/v1/projects/AU-1/status', { status: 'approved', reason: 'ผ่านมติที่ประชุม', date: todayIso() });
      expect(ok.status).toBe(200);
      const recs = await fresh();
      expect(recs).toHaveLength(1);
      expect(recs[0]).toMatchObject({ actor: ADMIN, action: 'status_change', entity_type: 'project', entity_key: 'AU-1', reason: 'ผ่านมติที่ประชุม' });
      expect(recs[0]!.before).toMatchObject({ status: 'proposed', version: 2 });
      expect(recs[0]!.after).toEqual({ ...snap, agency: 'หน่วยงาน ข', budget: '2000.00', status: 'approved', version: 3, statusDate: todayIso() });
    });

    it('delete and restore need a reason and record it', async () => {
      const none = await send<ErrorBody>(s, 'POST', '/api/v1/projects/AU-1/delete', {});
      expect(none.status).toBe(400);
      expect(none.body.error.message).toContain('reason');
      expect(await fresh()).toEqual([]);
      expect((await send(s, 'POST', '/api/v1/projects/AU-1/delete', { reason: 'ซ้ำกับโครงการอื่น' })).status).toBe(200);
      expect((await send(s, 'POST', '/api/v1/projects/AU-1/restore', { reason: 'ลบผิด' })).status).toBe(200);
      const recs = await fresh();
      expect(recs.map((r) => [r.action, r.entity_key, r.reason, r.before?.deleted, r.after?.deleted, r.after?.version])).toEqual([
        ['delete', 'AU-1', 'ซ้ำกับโครงการอื่น', false, true, 4],
        ['restore', 'AU-1', 'ลบผิด', true, false, 5],
      ]);
    });
  });

  describe('ledger', () => {
    let entryId = '';
    it('a disbursement: one record; the same again is a no-op and leaves none', async () => {
      const body = { date: '2016-01-11', amount: '100.50', ref: 'AU-D1', note: 'งวดที่ 1' };
      expect(await send(s, 'POST', '/api/v1/projects/AU-1/disbursements', body)).toEqual({ status: 201, body: { outcome: 'added' } });
      const recs = await fresh();
      entryId = String(recs[0]?.after?.id);
      expect(recs).toEqual([
        {
          id: expect.any(String),
          actor: ADMIN,
          action: 'create',
          entity_type: 'ledger_entry',
          entity_key: 'AU-1/disbursement/AU-D1',
          before: null,
          after: { id: entryId, project: 'AU-1', kind: 'disbursement', date: '2016-01-11', amount: '100.50', ref: 'AU-D1', note: 'งวดที่ 1', category: 'operating', commitment: null },
          reason: null,
        },
      ]);
      expect(await send(s, 'POST', '/api/v1/projects/AU-1/disbursements', body)).toEqual({ status: 200, body: { outcome: 'unchanged' } });
      expect(await fresh()).toEqual([]);
    });

    it('an adjustment needs a reason (its note), recorded as the reason', async () => {
      const none = await send<ErrorBody>(s, 'POST', '/api/v1/projects/AU-1/adjustments', { date: '2016-01-12', amount: '-10.00', ref: 'AU-A1' });
      expect(none.status).toBe(400);
      expect(none.body.error.details?.issues?.map((i) => i.field)).toEqual(['note']);
      expect(await fresh()).toEqual([]);
      const ok = await send(s, 'POST', '/api/v1/projects/AU-1/adjustments', {
        date: '2016-01-12',
        amount: '-10.00',
        ref: 'AU-A1',
        note: 'โอนไปโครงการอื่น',
      });
      expect(ok.status).toBe(201);
      const recs = await fresh();
      expect(recs).toHaveLength(1);
      expect(recs[0]).toMatchObject({
        actor: ADMIN,
        action: 'create',
        entity_key: 'AU-1/adjustment/AU-A1',
        reason: 'โอนไปโครงการอื่น',
        after: { kind: 'adjustment', amount: '-10.00', note: 'โอนไปโครงการอื่น' },
      });
    });

    it('a correction, a deletion and a restore: one record each, with before, after and reason', async () => {
      const c = await send(s, 'PATCH', `/api/v1/projects/AU-1/ledger/${entryId}`, { version: 1, amount: '90.00', reason: 'ใบสำคัญแก้ไข' });
      expect(c.status).toBe(200);
      const bad = await send<ErrorBody>(s, 'PATCH', `/api/v1/projects/AU-1/ledger/${entryId}`, { version: 1, amount: '80.00', reason: 'ซ้ำ' });
      expect(bad.status).toBe(409);
      expect((await send(s, 'POST', `/api/v1/projects/AU-1/ledger/${entryId}/delete`, { reason: 'เอกสารยกเลิก' })).status).toBe(200);
      expect((await send(s, 'POST', `/api/v1/projects/AU-1/ledger/${entryId}/restore`, { reason: 'ยกเลิกผิด' })).status).toBe(200);
      const recs = await fresh();
      expect(recs.map((r) => [r.actor, r.action, r.entity_key, r.reason])).toEqual([
        [ADMIN, 'update', 'AU-1/disbursement/AU-D1', 'ใบสำคัญแก้ไข'],
        [ADMIN, 'delete', 'AU-1/disbursement/AU-D1', 'เอกสารยกเลิก'],
        [ADMIN, 'restore', 'AU-1/disbursement/AU-D1', 'ยกเลิกผิด'],
      ]);
      expect(recs[0]!.before).toMatchObject({ id: entryId, amount: '100.50', version: 1 });
      expect(recs[0]!.after).toMatchObject({ id: entryId, amount: '90.00', version: 2, updatedBy: 'test-admin' });
      expect([recs[1]!.before?.deleted, recs[1]!.after?.deleted, recs[2]!.before?.deleted, recs[2]!.after?.deleted]).toEqual([
        false,
        true,
        true,
        false,
      ]);
    });

    it('the project history lists the records of the project and its entries, in order', async () => {
      const h = await s.json<{ action: string; entityKey: string }[]>('/api/v1/projects/AU-1/history');
      expect(h.status).toBe(200);
      expect(h.body.map((r) => `${r.action} ${r.entityKey}`)).toEqual([
        'create AU-1',
        'update AU-1',
        'status_change AU-1',
        'delete AU-1',
        'restore AU-1',
        'create AU-1/disbursement/AU-D1',
        'create AU-1/adjustment/AU-A1',
        'update AU-1/disbursement/AU-D1',
        'delete AU-1/disbursement/AU-D1',
        'restore AU-1/disbursement/AU-D1',
      ]);
    });
  });

  describe('accounts, tokens, settings, sign-in', () => {
    it('users: create, update (password shown only as changed), delete and restore; no hash in any record', async () => {
      const c = await send(s, 'POST', '/api/v1/users', {
        username: 'au-user',
        displayName: 'ผู้ใช้ตรวจสอบ',
        role: 'province_officer',
        scope: 'TH-50',
        password: GOOD_PASSWORD,
      });
      expect(c.status).toBe(201);
      const created = {
        username: 'au-user',
        displayName: 'ผู้ใช้ตรวจสอบ',
        role: 'province_officer',
        scope: '50',
        projects: [],
        version: 1,
        createdAt: iso,
        deleted: false,
      };
      expect(await fresh()).toEqual([
        {
          id: expect.any(String),
          actor: ADMIN,
          action: 'create',
          entity_type: 'user',
          entity_key: 'au-user',
          before: null,
          after: created,
          reason: null,
        },
      ]);
      expect((await send(s, 'PATCH', '/api/v1/users/au-user', { version: 1, password: 'Another-Long-Pass-77' })).status).toBe(200);
      const [u] = await fresh();
      expect(u).toMatchObject({ action: 'update', entity_key: 'au-user', before: created, after: { ...created, version: 2, password: 'changed' } });
      expect((await send(s, 'POST', '/api/v1/users/au-user/delete', { reason: 'ย้ายหน่วยงาน' })).status).toBe(200);
      expect((await send(s, 'POST', '/api/v1/users/au-user/restore', { reason: 'กลับมาทำงาน' })).status).toBe(200);
      expect((await fresh()).map((r) => [r.action, r.entity_key, r.reason, r.after?.deleted])).toEqual([
        ['delete', 'au-user', 'ย้ายหน่วยงาน', true],
        ['restore', 'au-user', 'กลับมาทำงาน', false],
      ]);
      const hashes = await s.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_log WHERE before::text ~ 'scrypt' OR after::text ~ 'scrypt' OR after::text ~ 'Another-Long'`,
      );
      expect(hashes[0]!.n).toBe('0');
    });

    it('tokens: creation and revocation are recorded without the secret; a write with a token names it', async () => {
      const t = await send<{ id: string; token: string; name: string }>(s, 'POST', '/api/v1/users/au-user/tokens', { name: 'ci-bot' });
      expect(t.status).toBe(201);
      const [created] = await fresh();
      expect(created).toMatchObject({ actor: ADMIN, action: 'create', entity_type: 'api_token', entity_key: `au-user/${t.body.id}`, before: null });
      expect(created!.after).toEqual({
        id: t.body.id,
        name: 'ci-bot',
        prefix: t.body.token.split('_')[1],
        createdAt: iso,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(JSON.stringify(created)).not.toContain(t.body.token);
      const bot: Client = {
        api: (p, init = {}) => fetch(`${s.url}${p}`, { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${t.body.token}` } }),
        json: async (p, init = {}) => {
          const res = await fetch(`${s.url}${p}`, {
            ...init,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${t.body.token}` },
          });
          return { status: res.status, body: await res.json() };
        },
      };
      const d = await send(bot, 'POST', '/api/v1/projects/CM-2559-01/disbursements', { date: '2016-01-20', amount: '1.00', ref: 'AU-BOT' });
      expect(d.status).toBe(201);
      expect((await fresh()).map((r) => [r.actor, r.action, r.entity_key])).toEqual([
        ['au-user (token ci-bot)', 'create', 'CM-2559-01/disbursement/AU-BOT'],
      ]);
      const rv = await send(s, 'POST', `/api/v1/users/au-user/tokens/${t.body.id}/revoke`);
      expect(rv.status).toBe(200);
      const [revoked] = await fresh();
      expect(revoked).toMatchObject({
        actor: ADMIN,
        action: 'revoke',
        entity_key: `au-user/${t.body.id}`,
        before: { revokedAt: null },
        after: { revokedAt: iso },
      });
      // Revoking again changes nothing and records nothing.
      expect((await send(s, 'POST', `/api/v1/users/au-user/tokens/${t.body.id}/revoke`)).status).toBe(200);
      expect(await fresh()).toEqual([]);
    });

    it('settings: one record per changed key, none for a value that stays the same', async () => {
      expect((await send(s, 'PATCH', '/api/v1/settings', { publicReports: true })).status).toBe(200);
      expect((await send(s, 'PATCH', '/api/v1/settings', { publicReports: true })).status).toBe(200);
      expect((await send(s, 'PATCH', '/api/v1/settings', { publicReports: false })).status).toBe(200);
      expect((await fresh()).map((r) => [r.actor, r.action, r.entity_type, r.entity_key, r.before, r.after])).toEqual([
        [ADMIN, 'update', 'setting', 'publicReports', { value: false }, { value: true }],
        [ADMIN, 'update', 'setting', 'publicReports', { value: true }, { value: false }],
      ]);
    });

    it('sign-in leaves a sign_in record; a failed one none; a cookie write is recorded under the plain username', async () => {
      expect((await signIn(s.url, 'au-user', 'wrong-password-123')).status).toBe(401);
      expect(await fresh()).toEqual([]);
      const si = await signIn(s.url, 'au-user', 'Another-Long-Pass-77');
      expect(si.status).toBe(200);
      expect(await fresh()).toEqual([
        {
          id: expect.any(String),
          actor: 'au-user',
          action: 'sign_in',
          entity_type: 'user',
          entity_key: 'au-user',
          before: null,
          after: null,
          reason: null,
        },
      ]);
      const c = cookieClient(s.url, si.cookie, si.csrfToken);
      expect((await send(c, 'POST', '/api/v1/projects/CM-2559-01/disbursements', { date: '2016-01-21', amount: '1.00', ref: 'AU-CK' })).status).toBe(
        201,
      );
      expect((await fresh()).map((r) => r.actor)).toEqual(['au-user']);
    });
  });

  describe('imports', () => {
    it('an import of N rows leaves N records with action import; a re-import none; a rejected file none', async () => {
      const projects = csv([
        ['code', 'fiscal_year', 'owner', 'name', 'budget', 'status'],
        ['AU-I1', '2559', '50', 'นำเข้าหนึ่ง', '100', 'approved'],
        ['AU-I2', '2559', '51', 'นำเข้าสอง', '200', 'proposed'],
        ['AU-I3', '2559', 'upper-north-1', 'นำเข้าสาม', '300', 'revising'],
      ]);
      const up = (name: string, content: string, kindOf: string) =>
        s.json(`/api/v1/imports/${kindOf}`, { method: 'POST', body: fileForm(name, content) });
      expect((await up('p.csv', projects, 'projects')).status).toBe(200);
      const recs = await fresh();
      expect(recs.map((r) => [r.actor, r.action, r.entity_type, r.entity_key, r.after?.status])).toEqual([
        [ADMIN, 'import', 'project', 'AU-I1', 'approved'],
        [ADMIN, 'import', 'project', 'AU-I2', 'proposed'],
        [ADMIN, 'import', 'project', 'AU-I3', 'revising'],
      ]);
      expect((await up('p.csv', projects, 'projects')).status).toBe(200);
      expect(await fresh()).toEqual([]);
      const disb = csv([
        ['project_code', 'date', 'amount', 'ref'],
        ['AU-I1', '2016-01-05', '10', 'AU-ID1'],
        ['AU-I1', '2016-01-06', '20', 'AU-ID2'],
      ]);
      expect((await up('d.csv', disb, 'disbursements')).status).toBe(200);
      expect((await fresh()).map((r) => [r.action, r.entity_key, r.after?.amount])).toEqual([
        ['import', 'AU-I1/disbursement/AU-ID1', '10.00'],
        ['import', 'AU-I1/disbursement/AU-ID2', '20.00'],
      ]);
      const bad = csv([
        ['project_code', 'date', 'amount', 'ref'],
        ['AU-I1', '2016-01-07', '5', 'AU-ID3'],
        ['AU-I1', '2016-01-07', '99999', 'AU-ID4'],
      ]);
      expect((await up('d.csv', bad, 'disbursements')).status).toBe(422);
      expect(((await up('d.csv', bad.replace('99999', '1'), 'disbursements')) as { status: number }).status).toBe(200);
      expect((await fresh()).map((r) => r.entity_key)).toEqual(['AU-I1/disbursement/AU-ID3', 'AU-I1/disbursement/AU-ID4']);
    });
  });

  describe('append-only', () => {
    it.each([
      ['UPDATE', "UPDATE audit_log SET actor = 'someone else'"],
      ['UPDATE one row', "UPDATE audit_log SET reason = 'x' WHERE id = (SELECT min(id) FROM audit_log)"],
      ['DELETE', 'DELETE FROM audit_log'],
      ['DELETE one row', 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)'],
      ['TRUNCATE', 'TRUNCATE audit_log'],
    ])('%s on audit_log is refused by the trigger, even with direct SQL', async (_label, sql) => {
      const before = await s.db.query('SELECT * FROM audit_log ORDER BY id');
      await expect(s.db.query(sql)).rejects.toThrow('audit records cannot be changed or deleted');
      expect(await s.db.query('SELECT * FROM audit_log ORDER BY id')).toEqual(before);
    });

    it('a failed write inside a transaction leaves no record (the record is in the same transaction)', async () => {
      const n = await auditCount(s);
      const over = await send<ErrorBody>(s, 'POST', '/api/v1/projects/AU-I2/disbursements', { date: '2016-01-05', amount: '201.00', ref: 'AU-OVER' });
      expect(over.status).toBe(422);
      expect(await auditCount(s)).toBe(n);
    });
  });

  describe('export', () => {
    it('GET /audit filters; format=csv exports every record with a header; non-admins get 403', async () => {
      const j = await s.json<{ action: string; entityKey: string; actor: string; reason: string | null }[]>(
        '/api/v1/audit?entityType=project&entityKey=AU-1',
      );
      expect(j.status).toBe(200);
      expect(j.body.map((r) => r.action)).toEqual(['create', 'update', 'status_change', 'delete', 'restore']);
      const all = await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
      const res = await s.api('/api/v1/audit?format=csv&limit=100000');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = (await res.text()).replace(/^\uFEFF/, '');
      const lines = text.trimEnd().split(/\r?\n/);
      expect(lines[0]).toBe('id,at,actor,action,entity_type,entity_key,before,after,reason');
      expect(lines.length - 1).toBe(Number(all[0]!.n));
      expect(lines.some((l) => l.includes(`${ADMIN},status_change,project,AU-1,`) && l.endsWith(',ผ่านมติที่ประชุม'))).toBe(true);
      for (const who of [
        { username: 'au-viewer', role: 'viewer' as const },
        { username: 'au-officer', role: 'cluster_officer' as const, scope: 'upper-north-1' },
      ]) {
        const c = await s.as(who);
        for (const p of ['/api/v1/audit', '/api/v1/audit?format=csv']) {
          const r = await c.json<ErrorBody>(p);
          expect(r.status).toBe(403);
          expect(r.body.error.message).toBe(
            `${who.username} (${who.role === 'viewer' ? 'viewer' : 'cluster officer of upper-north-1'}) may not read the audit trail`,
          );
        }
      }
      expect((await s.anonymous.json('/api/v1/audit?format=csv')).status).toBe(401);
    });
  });
});

// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'padme.mjs');

function padme(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.PADME_DATA;
    delete env.PADME_USER;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('audit trail of CLI commands', { timeout: 120_000 }, () => {
  let tmp: string;
  let data: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-audit-'));
    data = path.join(tmp, 'data');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('user add, token create and import are recorded under the acting user; audit --format csv exports them; a non-admin is refused', async () => {
    const root = await padme(['--data', data, 'user', 'add', '--username', 'root', '--role', 'admin', '--password-stdin'], GOOD_PASSWORD);
    expect(root).toMatchObject({ code: 0, stdout: 'Created root (admin)\n' });
    const bob = await padme(
      ['--data', data, '--as', 'root', 'user', 'add', '--username', 'bob', '--role', 'viewer', '--display-name', 'บ๊อบ', '--password-stdin'],
      GOOD_PASSWORD,
    );
    expect(bob).toMatchObject({ code: 0, stdout: 'Created bob (viewer)\n' });
    const tok = await padme(['--data', data, 'token', 'create', '--username', 'bob', '--name', 'laptop']);
    expect(tok.code).toBe(0);
    expect(tok.stdout).toMatch(/^padme_[0-9a-f]{8}_\S+\n$/);
    const file = path.join(tmp, 'projects.csv');
    fs.writeFileSync(
      file,
      csv([
        ['code', 'fiscal_year', 'owner', 'name', 'budget', 'status'],
        ['CLI-1', '2559', '50', 'หนึ่ง', '1', 'approved'],
        ['CLI-2', '2559', '50', 'สอง', '2', 'approved'],
      ]),
    );
    const imp = await padme(['--data', data, '--as', 'root', 'import', 'projects', file]);
    expect(imp).toMatchObject({ code: 0, stdout: 'projects.csv: 2 rows imported: 2 added, 0 already present\n' });

    const out = await padme(['--data', data, '--as', 'root', 'audit', '--format', 'csv']);
    expect(out.code).toBe(0);
    const lines = out.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    expect(lines[0]).toBe('id,at,actor,action,entity_type,entity_key,before,after,reason');
    const cols = lines.slice(1).map((l) => l.split(',').slice(2, 6).join(' '));
    expect(cols).toEqual([
      'cli:setup create user root',
      'root create user bob',
      'bob create api_token bob/1',
      'root import project CLI-1',
      'root import project CLI-2',
    ]);
    expect(out.stdout).not.toContain(tok.stdout.trim());

    const json = await padme(['--data', data, '--as', 'root', 'audit', '--entity', 'project:CLI-2']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { actor: string; action: string; entityKey: string }[]).map((r) => [r.actor, r.action, r.entityKey])).toEqual([
      ['root', 'import', 'CLI-2'],
    ]);

    const refused = await padme(['--data', data, '--as', 'bob', 'audit', '--format', 'csv']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('padme: bob (viewer) may not read the audit trail\n');
  });
});
