/**
 * The role matrix: every operation of the API under /api/v1 (read from the OpenAPI document) has
 * an entry in an explicit table saying, for nobody and for each role, whether a representative
 * request is allowed (2xx), refused (403, the message naming what was refused) or
 * unauthenticated (401). Real targets of the demo data: a project of the cluster (UN1-2559-01), a
 * Chiang Mai project (CM-2559-01, owner 50) and a project of another cluster (C01-2558-01, owner
 * upper-central-1). A route the API has and the table lacks (or the reverse) fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../test/support/server.ts';
import {
  auditCount,
  csv,
  fileForm,
  GOOD_PASSWORD,
  MATRIX_USERS,
  roleClients,
  STACK_OR_SQL,
  WHO,
  type ErrorBody,
  type Who,
} from '../../test/support/roles.ts';
import { ALL_DEMO_PROJECTS } from '../features/demo/demo.data.ts';

type Exp = 'ok' | 401 | 403 | 422;
/** Expectations in the order of WHO: anonymous, admin, cluster_officer, province_officer, agency_reporter, committee_member, viewer. */
type Row = [Exp, Exp, Exp, Exp, Exp, Exp, Exp];

interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: unknown;
  form?: FormData;
}

interface Ctx {
  s: TestServer;
  who: Who;
  /** A number unique to this request, for codes, refs and names. */
  n: number;
}

interface Case {
  /** What the request targets, for the test name. */
  target: string;
  expect: Row;
  /** Texts every 403 message of this case must contain (what was refused). */
  refused?: string[];
  /** Builds the request (preparing the target as the administrator when needed). */
  req: (c: Ctx) => Req | Promise<Req>;
}

const UN1 = 'UN1-2559-01';
const CM = 'CM-2559-01';
const C01 = 'C01-2558-01';
const FY_OF: Record<string, number> = { [UN1]: 2559, [CM]: 2559, [C01]: 2558 };
const DATE_OF: Record<string, string> = { [UN1]: '2016-02-01', [CM]: '2016-02-01', [C01]: '2015-08-01' };
const MONTH_OF: Record<string, string> = { [UN1]: '2016-02', [CM]: '2016-02', [C01]: '2015-08' };
const SCRATCH_USER = 'm-scratch';

/** Admin helpers used to prepare targets. */
const admin = {
  async send<T = unknown>(s: TestServer, method: string, path: string, body?: unknown) {
    const r = await s.json<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (r.status >= 300) throw new Error(`prepare ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  },
  async projectVersion(s: TestServer, code: string): Promise<number> {
    const [r] = await s.db.query<{ version: number }>('SELECT version FROM projects WHERE code = $1', [code]);
    return r!.version;
  },
  async ensureProjectDeleted(s: TestServer, code: string, deleted: boolean) {
    const [r] = await s.db.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM projects WHERE code = $1', [code]);
    if (r!.deleted !== deleted) await admin.send(s, 'POST', `/api/v1/projects/${code}/${deleted ? 'delete' : 'restore'}`, { reason: 'matrix setup' });
  },
  async ensureUserDeleted(s: TestServer, username: string, deleted: boolean) {
    const [r] = await s.db.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM users WHERE username = $1', [username]);
    if (r!.deleted !== deleted)
      await admin.send(s, 'POST', `/api/v1/users/${username}/${deleted ? 'delete' : 'restore'}`, { reason: 'matrix setup' });
  },
  /** A new disbursement of 1.00 on a project; its id. */
  async newEntry(s: TestServer, code: string, n: number, deleted = false): Promise<string> {
    const ref = `PREP-${n}`;
    await admin.send(s, 'POST', `/api/v1/projects/${code}/disbursements`, { date: DATE_OF[code], amount: '1.00', ref });
    const [e] = await s.db.query<{ id: string }>(
      `SELECT e.id::text AS id FROM ledger_entries e JOIN projects p ON p.id = e.project_id WHERE p.code = $1 AND e.ref = $2 AND e.deleted_at IS NULL`,
      [code, ref],
    );
    if (deleted) await admin.send(s, 'POST', `/api/v1/projects/${code}/ledger/${e!.id}/delete`, { reason: 'matrix setup' });
    return e!.id;
  },
};

/** Cases of a project route for the three targets, with their rows. */
const onProjects = (rows: Record<string, Row>, refused: (code: string) => string[], req: (code: string, c: Ctx) => Req | Promise<Req>): Case[] =>
  Object.entries(rows).map(([code, row]) => ({ target: code, expect: row, refused: refused(code), req: (c) => req(code, c) }));

const OWNER_OF: Record<string, string> = { [UN1]: 'upper-north-1', [CM]: '50', [C01]: 'upper-central-1' };
const readRows: Record<string, Row> = {
  [UN1]: [401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  [CM]: [401, 'ok', 'ok', 'ok', 403, 'ok', 'ok'],
  [C01]: [401, 'ok', 'ok', 'ok', 403, 403, 'ok'],
};
const projectWriteRows: Record<string, Row> = {
  [UN1]: [401, 'ok', 'ok', 403, 403, 403, 403],
  [CM]: [401, 'ok', 'ok', 'ok', 403, 403, 403],
  [C01]: [401, 'ok', 403, 403, 403, 403, 403],
};
const disbursementRows: Record<string, Row> = {
  [UN1]: [401, 'ok', 'ok', 403, 'ok', 403, 403],
  [CM]: [401, 'ok', 'ok', 'ok', 403, 403, 403],
  [C01]: [401, 'ok', 403, 403, 403, 403, 403],
};
const adminOnly: Row = [401, 'ok', 403, 403, 403, 403, 403];
const anyUser: Row = [401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const everyone: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const reportRow: Row = [401, 'ok', 'ok', 'ok', 403, 'ok', 'ok'];
const reportOtherCluster: Row = [401, 'ok', 'ok', 'ok', 403, 403, 'ok'];

const usernameOf = (who: Who) => (who === 'anonymous' ? MATRIX_USERS.admin.username : MATRIX_USERS[who].username);
const projectsCsv = (code: string, owner: string) =>
  csv([
    ['code', 'fiscal_year', 'owner', 'name', 'budget', 'status'],
    [code, '2559', owner, 'โครงการนำเข้าทดสอบสิทธิ์', '1000.00', 'approved'],
  ]);
const disbursementsCsv = (code: string, ref: string) =>
  csv([
    ['project_code', 'date', 'amount', 'ref'],
    [code, DATE_OF[code]!, '1.00', ref],
  ]);

const TABLE: Record<string, Case[]> = {
  'GET /api/v1/meta': [{ target: '-', expect: everyone, req: () => ({ method: 'GET', path: '/api/v1/meta' }) }],
  'POST /api/v1/auth/sign-in': [
    {
      target: 'own account',
      expect: everyone,
      req: ({ who }) => ({ method: 'POST', path: '/api/v1/auth/sign-in', body: { username: usernameOf(who), password: GOOD_PASSWORD } }),
    },
  ],
  'POST /api/v1/auth/sign-out': [{ target: '-', expect: everyone, req: () => ({ method: 'POST', path: '/api/v1/auth/sign-out' }) }],
  'GET /api/v1/auth/me': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/auth/me' }) }],
  'GET /api/v1/auth/setup': [{ target: '-', expect: everyone, req: () => ({ method: 'GET', path: '/api/v1/auth/setup' }) }],
  'POST /api/v1/auth/setup': [
    {
      target: 'second administrator',
      expect: [403, 403, 403, 403, 403, 403, 403],
      refused: ['An administrator exists already'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/auth/setup', body: { username: `m-root-${n}`, password: GOOD_PASSWORD } }),
    },
  ],
  'GET /api/v1/users': [
    { target: '-', expect: adminOnly, refused: ['may not list accounts'], req: () => ({ method: 'GET', path: '/api/v1/users' }) },
  ],
  'POST /api/v1/users': [
    {
      target: 'new viewer',
      expect: adminOnly,
      refused: ['may not create accounts'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/users', body: { username: `m-new-${n}`, role: 'viewer', password: GOOD_PASSWORD } }),
    },
  ],
  'PATCH /api/v1/users/{username}': [
    {
      target: SCRATCH_USER,
      expect: adminOnly,
      refused: ['may not change accounts'],
      req: async ({ s, n }) => {
        const [u] = await s.db.query<{ version: number }>('SELECT version FROM users WHERE username = $1', [SCRATCH_USER]);
        return { method: 'PATCH', path: `/api/v1/users/${SCRATCH_USER}`, body: { version: u!.version, displayName: `Scratch ${n}` } };
      },
    },
  ],
  'POST /api/v1/users/{username}/delete': [
    {
      target: SCRATCH_USER,
      expect: adminOnly,
      refused: ['may not delete accounts'],
      req: async ({ s }) => {
        await admin.ensureUserDeleted(s, SCRATCH_USER, false);
        return { method: 'POST', path: `/api/v1/users/${SCRATCH_USER}/delete`, body: { reason: 'matrix' } };
      },
    },
  ],
  'POST /api/v1/users/{username}/restore': [
    {
      target: SCRATCH_USER,
      expect: adminOnly,
      refused: ['may not restore accounts'],
      req: async ({ s }) => {
        await admin.ensureUserDeleted(s, SCRATCH_USER, true);
        return { method: 'POST', path: `/api/v1/users/${SCRATCH_USER}/restore`, body: { reason: 'matrix' } };
      },
    },
  ],
  'GET /api/v1/users/{username}/tokens': [
    {
      target: "another user's",
      expect: adminOnly,
      refused: ['may not manage the tokens of test-admin'],
      req: () => ({ method: 'GET', path: '/api/v1/users/test-admin/tokens' }),
    },
  ],
  'POST /api/v1/users/{username}/tokens': [
    {
      target: "another user's",
      expect: adminOnly,
      refused: ['may not manage the tokens of test-admin'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/users/test-admin/tokens', body: { name: `matrix ${n}` } }),
    },
  ],
  'POST /api/v1/users/{username}/tokens/{id}/revoke': [
    {
      target: "another user's",
      expect: adminOnly,
      refused: ['may not manage the tokens of test-admin'],
      req: async ({ s, n }) => {
        const t = await admin.send<{ id: string }>(s, 'POST', '/api/v1/users/test-admin/tokens', { name: `to revoke ${n}` });
        return { method: 'POST', path: `/api/v1/users/test-admin/tokens/${t.id}/revoke` };
      },
    },
  ],
  'GET /api/v1/audit': [
    { target: '-', expect: adminOnly, refused: ['may not read the audit trail'], req: () => ({ method: 'GET', path: '/api/v1/audit?limit=5' }) },
  ],
  'GET /api/v1/settings': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/settings' }) }],
  'PATCH /api/v1/settings': [
    {
      target: 'publicReports',
      expect: adminOnly,
      refused: ['may not change settings'],
      req: () => ({ method: 'PATCH', path: '/api/v1/settings', body: { publicReports: false } }),
    },
  ],
  'GET /api/v1/reference/provinces': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/reference/provinces' }) }],
  'GET /api/v1/reference/clusters': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/reference/clusters' }) }],
  'GET /api/v1/projects': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/projects?fiscalYear=2559' }) }],
  'GET /api/v1/projects/export.xlsx': [
    { target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/projects/export.xlsx?fiscalYear=2559' }) },
  ],
  'POST /api/v1/projects': [
    ...(
      [
        ['upper-north-1', [401, 'ok', 'ok', 403, 403, 403, 403]],
        ['50', [401, 'ok', 'ok', 'ok', 403, 403, 403]],
        ['upper-central-1', [401, 'ok', 403, 403, 403, 403, 403]],
      ] as [string, Row][]
    ).map(([owner, row]): Case => ({
      target: `owner ${owner}`,
      expect: row,
      refused: ['may not create project', `(owner ${owner})`],
      req: ({ n }) => ({
        method: 'POST',
        path: '/api/v1/projects',
        body: { code: `M-NEW-${n}`, fiscalYear: 2559, owner, nameTh: 'โครงการทดสอบสิทธิ์', budget: '1000.00' },
      }),
    })),
  ],
  'GET /api/v1/projects/{code}': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}` }),
  ),
  'PATCH /api/v1/projects/{code}': onProjects(
    projectWriteRows,
    (code) => [`may not update project ${code} (owner ${OWNER_OF[code]})`],
    async (code, { s, n }) => ({
      method: 'PATCH',
      path: `/api/v1/projects/${code}`,
      body: { version: await admin.projectVersion(s, code), agency: `หน่วยงานทดสอบ ${n}` },
    }),
  ),
  'POST /api/v1/projects/{code}/status': onProjects(
    projectWriteRows,
    (code) => [`may not change status of project ${code}`],
    async (code, { s }) => {
      const [p] = await s.db.query<{ status: string }>('SELECT status FROM projects WHERE code = $1', [code]);
      const next = { approved: 'revising', revising: 'approved', in_progress: 'completed' }[p!.status];
      return { method: 'POST', path: `/api/v1/projects/${code}/status`, body: { status: next ?? 'approved', reason: 'ทดสอบสิทธิ์' } };
    },
  ),
  'GET /api/v1/projects/{code}/status-history': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/status-history` }),
  ),
  'POST /api/v1/projects/{code}/delete': onProjects(
    projectWriteRows,
    (code) => [`may not delete project ${code}`],
    async (code, { s }) => {
      await admin.ensureProjectDeleted(s, code, false);
      return { method: 'POST', path: `/api/v1/projects/${code}/delete`, body: { reason: 'ทดสอบการลบ' } };
    },
  ),
  'POST /api/v1/projects/{code}/restore': onProjects(
    { [UN1]: adminOnly, [CM]: adminOnly },
    (code) => [`may not restore project ${code}`],
    async (code, { s }) => {
      await admin.ensureProjectDeleted(s, code, true);
      return { method: 'POST', path: `/api/v1/projects/${code}/restore`, body: { reason: 'ทดสอบการกู้คืน' } };
    },
  ),
  'GET /api/v1/projects/{code}/history': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/history` }),
  ),
  'GET /api/v1/projects/{code}/ledger': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/ledger` }),
  ),
  'POST /api/v1/projects/{code}/disbursements': onProjects(
    disbursementRows,
    (code) => [`may not record disbursements on project ${code}`],
    (code, { n }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/disbursements`,
      body: { date: DATE_OF[code], amount: '1.00', ref: `M-D-${n}`, note: 'ทดสอบสิทธิ์' },
    }),
  ),
  'POST /api/v1/projects/{code}/adjustments': onProjects(
    projectWriteRows,
    (code) => [`may not adjust the budget of project ${code}`],
    (code, { n }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/adjustments`,
      body: { date: DATE_OF[code], amount: '1.00', ref: `M-A-${n}`, note: 'โอนงบประมาณทดสอบ' },
    }),
  ),
  'POST /api/v1/projects/{code}/ledger/{id}/delete': onProjects(
    disbursementRows,
    (code) => [`may not record disbursements on project ${code}`],
    async (code, { s, n }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/ledger/${await admin.newEntry(s, code, n)}/delete`,
      body: { reason: 'บันทึกซ้ำ' },
    }),
  ),
  'PATCH /api/v1/projects/{code}/ledger/{id}': onProjects(
    disbursementRows,
    (code) => [`may not record disbursements on project ${code}`],
    async (code, { s, n }) => ({
      method: 'PATCH',
      path: `/api/v1/projects/${code}/ledger/${await admin.newEntry(s, code, n)}`,
      body: { version: 1, amount: '2.00', note: 'แก้ไขจำนวนเงิน', reason: 'แก้ไขตามเอกสาร' },
    }),
  ),
  'POST /api/v1/projects/{code}/ledger/{id}/restore': onProjects(
    { [UN1]: adminOnly, [CM]: adminOnly },
    (code) => [`may not restore ledger entries of project ${code}`],
    async (code, { s, n }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/ledger/${await admin.newEntry(s, code, n, true)}/restore`,
      body: { reason: 'ลบผิด' },
    }),
  ),
  'GET /api/v1/projects/{code}/budget-lines': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/budget-lines` }),
  ),
  'PUT /api/v1/projects/{code}/budget-lines': onProjects(
    projectWriteRows,
    (code) => [`may not update project ${code} (owner ${OWNER_OF[code]})`],
    async (code, { s }) => {
      // The same budget as one operating line: allowed or not, nothing changes in the figures.
      const [p] = await s.db.query<{ budget: bigint }>('SELECT budget FROM projects WHERE code = $1', [code]);
      const amount = `${p!.budget / 100n}.${String(p!.budget % 100n).padStart(2, '0')}`;
      return {
        method: 'PUT',
        path: `/api/v1/projects/${code}/budget-lines`,
        body: { lines: [{ category: 'operating', amount }], reason: 'ทดสอบสิทธิ์' },
      };
    },
  ),
  'GET /api/v1/projects/{code}/commitments': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/commitments` }),
  ),
  'POST /api/v1/projects/{code}/commitments': onProjects(
    projectWriteRows,
    (code) => [`may not record commitments on project ${code}`],
    (code, { n }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/commitments`,
      body: { number: `M-C-${n}`, date: DATE_OF[code], vendor: 'ผู้รับจ้างทดสอบสิทธิ์', amount: '1.00' },
    }),
  ),
  'POST /api/v1/projects/{code}/commitments/{number}/delete': onProjects(
    projectWriteRows,
    (code) => [`may not record commitments on project ${code}`],
    async (code, { s, n }) => {
      await admin.send(s, 'POST', `/api/v1/projects/${code}/commitments`, {
        number: `M-CP-${n}`,
        date: DATE_OF[code],
        vendor: 'ผู้รับจ้าง',
        amount: '1.00',
      });
      return { method: 'POST', path: `/api/v1/projects/${code}/commitments/M-CP-${n}/delete`, body: { reason: 'ยกเลิกสัญญา' } };
    },
  ),
  'PATCH /api/v1/projects/{code}/commitments/{number}': onProjects(
    projectWriteRows,
    (code) => [`may not record commitments on project ${code}`],
    async (code, { s, n }) => {
      await admin.send(s, 'POST', `/api/v1/projects/${code}/commitments`, {
        number: `M-CC-${n}`,
        date: DATE_OF[code],
        vendor: 'ผู้รับจ้าง',
        amount: '1.00',
      });
      return {
        method: 'PATCH',
        path: `/api/v1/projects/${code}/commitments/M-CC-${n}`,
        body: { version: 1, reason: 'แก้ไขชื่อผู้รับจ้าง', vendor: 'ผู้รับจ้างใหม่' },
      };
    },
  ),
  'POST /api/v1/projects/{code}/commitments/{number}/cancel': onProjects(
    projectWriteRows,
    (code) => [`may not record commitments on project ${code}`],
    async (code, { s, n }) => {
      await admin.send(s, 'POST', `/api/v1/projects/${code}/commitments`, {
        number: `M-CX-${n}`,
        date: DATE_OF[code],
        vendor: 'ผู้รับจ้าง',
        amount: '1.00',
      });
      return { method: 'POST', path: `/api/v1/projects/${code}/commitments/M-CX-${n}/cancel`, body: { date: DATE_OF[code], reason: 'บอกเลิกสัญญา' } };
    },
  ),
  'GET /api/v1/projects/{code}/plan': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    async (code, { s }) => {
      // A plan in force on the date asked (the project's first plan holds from the fiscal year's start).
      const [has] = await s.db.query('SELECT 1 FROM plan_versions v JOIN projects p ON p.id = v.project_id WHERE p.code = $1', [code]);
      if (!has) await admin.send(s, 'POST', `/api/v1/projects/${code}/plans`, { months: [{ month: MONTH_OF[code], amount: '1.00' }] });
      return { method: 'GET', path: `/api/v1/projects/${code}/plan?asOf=2099-12-31` };
    },
  ),
  'GET /api/v1/projects/{code}/plans': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/plans` }),
  ),
  'POST /api/v1/projects/{code}/plans': onProjects(
    projectWriteRows,
    (code) => [`may not plan project ${code}`],
    (code) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/plans`,
      body: { reason: 'ทดสอบสิทธิ์', months: [{ month: MONTH_OF[code], amount: '1.00' }] },
    }),
  ),
  'POST /api/v1/projects/{code}/milestones/{key}/actual': onProjects(
    projectWriteRows,
    (code) => [`may not plan project ${code}`],
    async (code, { s, n }) => {
      const key = `M-MS-${n}`;
      await admin.send(s, 'POST', `/api/v1/projects/${code}/plans`, {
        reason: 'เพิ่มกิจกรรม',
        months: [{ month: MONTH_OF[code], amount: '1.00' }],
        milestones: [{ key, name: 'กิจกรรมทดสอบ', plannedStart: DATE_OF[code], plannedEnd: DATE_OF[code] }],
      });
      return { method: 'POST', path: `/api/v1/projects/${code}/milestones/${key}/actual`, body: { actualStart: DATE_OF[code] } };
    },
  ),
  'GET /api/v1/projects/{code}/progress-reports': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    (code) => ({ method: 'GET', path: `/api/v1/projects/${code}/progress-reports` }),
  ),
  'PUT /api/v1/projects/{code}/progress-reports/{month}': onProjects(
    disbursementRows,
    (code) => [`may not report progress of project ${code}`],
    (code) => ({ method: 'PUT', path: `/api/v1/projects/${code}/progress-reports/${MONTH_OF[code]}`, body: { percent: '10', done: 'ทดสอบสิทธิ์' } }),
  ),
  'POST /api/v1/projects/{code}/progress-reports/{month}/review': onProjects(
    projectWriteRows,
    (code) => [`may not review progress reports of project ${code}`],
    async (code, { s }) => {
      // A submitted report to review (the administrator resubmits it when the previous case returned or accepted it).
      await s.db.query('DELETE FROM progress_reports WHERE project_id = (SELECT id FROM projects WHERE code = $1)', [code]);
      await admin.send(s, 'PUT', `/api/v1/projects/${code}/progress-reports/${MONTH_OF[code]}`, { percent: '10', submit: true });
      return {
        method: 'POST',
        path: `/api/v1/projects/${code}/progress-reports/${MONTH_OF[code]}/review`,
        body: { decision: 'return', reason: 'ขอข้อมูลเพิ่ม' },
      };
    },
  ),
  'GET /api/v1/progress-reports/overdue': [
    ['upper-north-1', 2559, reportRow],
    ['upper-central-1', 2558, reportOtherCluster],
  ].map(([owner, fy, row]): Case => ({
    target: `owner ${owner}`,
    expect: row as Row,
    refused: [`may not read the figures of ${owner}`],
    req: () => ({ method: 'GET', path: `/api/v1/progress-reports/overdue?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05` }),
  })),
  'GET /api/v1/targets': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/targets?fiscalYear=2559' }) }],
  'PUT /api/v1/targets': [
    {
      target: 'cabinet 2560',
      expect: adminOnly,
      refused: ["may not set the cabinet's disbursement targets"],
      req: () => ({
        method: 'PUT',
        path: '/api/v1/targets',
        body: { fiscalYear: 2560, targets: [{ quarter: 1, percent: '30' }], reason: 'ทดสอบสิทธิ์' },
      }),
    },
    ...(
      [
        ['upper-north-1', 2559, [401, 'ok', 'ok', 403, 403, 403, 403]],
        ['50', 2559, [401, 'ok', 'ok', 'ok', 403, 403, 403]],
        ['upper-central-1', 2558, adminOnly],
      ] as const
    ).map(([owner, fy, row]): Case => ({
      target: `owner ${owner}`,
      expect: row as Row,
      refused: [`may not set the disbursement targets of ${owner} for fiscal year ${fy}`],
      req: () => ({
        method: 'PUT',
        path: '/api/v1/targets',
        body: { fiscalYear: fy, owner, targets: [{ quarter: 1, percent: '25' }], reason: 'ทดสอบสิทธิ์' },
      }),
    })),
  ],
  'GET /api/v1/progress/settings': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/progress/settings' }) }],
  'PUT /api/v1/progress/settings': [
    {
      target: '-',
      expect: adminOnly,
      refused: ['may not change the progress warning settings'],
      req: () => ({ method: 'PUT', path: '/api/v1/progress/settings', body: { behindPlanPoints: '10', noCommitmentDays: 60 } }),
    },
  ],
  'GET /api/v1/reports/progress': [
    ['upper-north-1', 2559, reportRow],
    ['upper-central-1', 2558, reportOtherCluster],
  ].map(([owner, fy, row]): Case => ({
    target: `owner ${owner}`,
    expect: row as Row,
    refused: [`may not read the figures of ${owner}`],
    req: () => ({ method: 'GET', path: `/api/v1/reports/progress?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05` }),
  })),
  'GET /api/v1/reports/disbursement': [
    ['upper-north-1', 2559, reportRow],
    ['50', 2559, reportRow],
    ['upper-central-1', 2558, reportOtherCluster],
  ].map(([owner, fy, row]): Case => ({
    target: `owner ${owner}`,
    expect: row as Row,
    refused: [`may not read the figures of ${owner}`],
    req: () => ({ method: 'GET', path: `/api/v1/reports/disbursement?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05` }),
  })),
  'GET /api/v1/reports/ranking': [
    {
      target: 'clusters 2559',
      expect: reportRow,
      refused: ['may not read the ranking'],
      req: () => ({ method: 'GET', path: '/api/v1/reports/ranking?fiscalYear=2559&asOf=2016-01-05' }),
    },
  ],
  'GET /api/v1/reports/dashboard': [
    ['upper-north-1', 2559, reportRow],
    ['upper-central-1', 2558, reportOtherCluster],
  ].map(([owner, fy, row]): Case => ({
    target: `owner ${owner}`,
    expect: row as Row,
    refused: [`may not read the figures of ${owner}`],
    req: () => ({ method: 'GET', path: `/api/v1/reports/dashboard?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05` }),
  })),
  'POST /api/v1/imports/{kind}': [
    {
      target: 'projects of province 50',
      expect: [401, 'ok', 'ok', 'ok', 403, 403, 403],
      refused: ['may not import projects'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/imports/projects', form: fileForm('p.csv', projectsCsv(`M-IMP-${n}`, '50')) }),
    },
    {
      // The role may import projects, but not this row: the file is rejected (422), the row naming what was refused.
      target: 'projects of upper-central-1',
      expect: [401, 'ok', 422, 422, 403, 403, 403],
      refused: ['may not import projects'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/imports/projects', form: fileForm('p.csv', projectsCsv(`M-IMP-${n}`, 'upper-central-1')) }),
    },
    {
      target: `disbursements on ${UN1}`,
      expect: [401, 'ok', 'ok', 422, 'ok', 403, 403],
      refused: ['may not import disbursements'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/imports/disbursements', form: fileForm('d.csv', disbursementsCsv(UN1, `M-I-${n}`)) }),
    },
    {
      target: `disbursements on ${CM}`,
      expect: [401, 'ok', 'ok', 'ok', 422, 403, 403],
      refused: ['may not import disbursements'],
      req: ({ n }) => ({ method: 'POST', path: '/api/v1/imports/disbursements', form: fileForm('d.csv', disbursementsCsv(CM, `M-I-${n}`)) }),
    },
  ],
};

/** The 422 of a row-level refusal in an import: which row message must appear. */
const ROW_REFUSAL: Record<string, string> = {
  'projects of upper-central-1': 'may not create project M-IMP-',
  [`disbursements on ${UN1}`]: `may not record disbursements on project ${UN1}`,
  [`disbursements on ${CM}`]: `may not record disbursements on project ${CM}`,
};

async function send(client: Client, r: Req): Promise<{ status: number; text: string }> {
  const init: RequestInit = { method: r.method };
  if (r.form) init.body = r.form;
  else if (r.body !== undefined) {
    init.body = JSON.stringify(r.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await client.api(r.path, init);
  return { status: res.status, text: await res.text() };
}

describeEachDb('role matrix', (kind) => {
  let s: TestServer;
  let clients: Record<Who, Client>;
  let counter = 0;

  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    clients = await roleClients(s);
    await admin.send(s, 'POST', '/api/v1/users', { username: SCRATCH_USER, role: 'viewer', password: GOOD_PASSWORD });
  });
  afterAll(() => s.close());

  it('the table names exactly the operations of the OpenAPI document', async () => {
    const doc = await s.json<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(doc.status).toBe(200);
    const ops = Object.entries(doc.body.paths)
      .filter(([p]) => p.startsWith('/api/v1/'))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(ops.length).toBe(59);
    expect(Object.keys(TABLE).sort()).toEqual(ops);
  });

  describe('read scope', () => {
    const codesOf = async (c: Client, query: string) => {
      const r = await c.json<{ total: number; items: { code: string }[] }>(`/api/v1/projects?limit=1000&${query}`);
      expect(r.status).toBe(200);
      return r.body.items.map((p) => p.code).sort();
    };

    it('an agency reporter lists only its project; a committee member its cluster and its provinces; a viewer everything', async () => {
      const all = ALL_DEMO_PROJECTS();
      expect(await codesOf(clients.agency_reporter, '')).toEqual([UN1]);
      const cluster = all.filter((p) => ['upper-north-1', '50', '51', '52', '58'].includes(p.owner)).map((p) => p.code);
      expect(cluster.length).toBe(15 + 12 + 4);
      expect(await codesOf(clients.committee_member, '')).toEqual(cluster.sort());
      expect((await codesOf(clients.viewer, '')).length).toBe(all.length);
      expect(await codesOf(clients.cluster_officer, '')).toEqual(all.map((p) => p.code).sort());
    });

    it("a committee member's search cannot reach another cluster's project", async () => {
      expect(await codesOf(clients.committee_member, 'q=C01-2558')).toEqual([]);
      expect(await codesOf(clients.viewer, 'q=C01-2558')).toEqual([C01, 'C01-2558-02']);
      expect(await codesOf(clients.agency_reporter, `q=${CM}`)).toEqual([]);
    });
  });

  describe('public reports (the publicReports setting)', () => {
    const anon = () => s.anonymous;
    const disbursement = '/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05';
    const reportPaths = [
      disbursement,
      '/api/v1/reports/ranking?fiscalYear=2559&asOf=2016-01-05',
      '/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05',
      '/api/v1/reference/provinces',
      '/api/v1/reference/clusters',
    ];
    const closedPaths = [
      '/api/v1/projects',
      `/api/v1/projects/${UN1}`,
      `/api/v1/projects/${UN1}/ledger`,
      '/api/v1/settings',
      '/api/v1/audit',
      '/api/v1/users',
    ];
    const writes: Req[] = [
      { method: 'POST', path: '/api/v1/projects', body: { code: 'PUB-1', fiscalYear: 2559, owner: '50', nameTh: 'สาธารณะ', budget: '1.00' } },
      { method: 'POST', path: `/api/v1/projects/${UN1}/disbursements`, body: { date: '2016-02-01', amount: '1.00', ref: 'PUB-D' } },
      { method: 'PATCH', path: '/api/v1/settings', body: { publicReports: false } },
      { method: 'POST', path: `/api/v1/projects/${UN1}/status`, body: { status: 'revising', reason: 'x' } },
    ];

    it('is off by default: the anonymous disbursement report is 401', async () => {
      expect((await s.json('/api/v1/settings')).body).toEqual({ publicReports: false });
      for (const p of reportPaths) expect((await anon().json(p)).status, p).toBe(401);
    });

    it('once on, the aggregate reports and reference data are open; projects, settings and every write stay closed (401)', async () => {
      const on = await s.json('/api/v1/settings', { method: 'PATCH', body: JSON.stringify({ publicReports: true }) });
      expect(on).toEqual({ status: 200, body: { publicReports: true } });
      const r = await anon().json<Record<string, unknown>>(disbursement);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ owner: 'upper-north-1', projectCount: 15, allocated: '359420700.00', disbursed: '1421593.29' });
      for (const p of reportPaths) expect((await anon().json(p)).status, p).toBe(200);
      for (const p of closedPaths) expect((await anon().json(p)).status, p).toBe(401);
      const before = await auditCount(s);
      for (const w of writes) {
        const res = await send(anon(), w);
        expect(res.status, `${w.method} ${w.path}`).toBe(401);
      }
      expect(await auditCount(s)).toBe(before);
      expect((await s.json('/api/v1/settings')).body).toEqual({ publicReports: true });
    });

    it('off again: 401 again', async () => {
      const off = await s.json('/api/v1/settings', { method: 'PATCH', body: JSON.stringify({ publicReports: false }) });
      expect(off).toEqual({ status: 200, body: { publicReports: false } });
      for (const p of reportPaths) expect((await anon().json(p)).status, p).toBe(401);
    });
  });

  for (const [key, cases] of Object.entries(TABLE)) {
    for (const c of cases) {
      it(`${key} [${c.target}]`, async () => {
        for (const [i, who] of WHO.entries()) {
          const expected = c.expect[i]!;
          const r = await c.req({ s, who, n: ++counter });
          const before = await auditCount(s);
          const res = await send(clients[who], r);
          const where = `${who}: ${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.text, where).not.toMatch(STACK_OR_SQL);
          if (expected === 'ok') {
            expect(res.status >= 200 && res.status < 300, where).toBe(true);
          } else {
            expect(res.status, where).toBe(expected);
            const body = JSON.parse(res.text) as ErrorBody;
            if (expected === 401) {
              expect(body.error.code, where).toBe('unauthorized');
              expect(body.error.message, where).toContain('Sign in first');
            } else if (expected === 403) {
              expect(body.error.code, where).toBe('forbidden');
              for (const text of c.refused ?? []) expect(body.error.message, where).toContain(text);
              if (who !== 'anonymous' && key !== 'POST /api/v1/auth/setup') expect(body.error.message, where).toContain(MATRIX_USERS[who].username);
            } else {
              expect(body.error.code, where).toBe('import_rejected');
              const rows = (body.error.details as { errors: { row: number; message: string }[] }).errors;
              expect(rows.length, where).toBe(1);
              expect(rows[0]!.row, where).toBe(2);
              expect(rows[0]!.message, where).toContain(ROW_REFUSAL[c.target]!);
            }
            // A refused request changes nothing, so it leaves no audit record either.
            expect(await auditCount(s), where).toBe(before);
          }
          // Every case starts from live targets.
          for (const code of [UN1, CM, C01]) await admin.ensureProjectDeleted(s, code, false);
        }
      });
    }
  }
});
