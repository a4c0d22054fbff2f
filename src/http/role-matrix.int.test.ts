/**
 * The role matrix: every operation of the API under /api/v1 (read from the OpenAPI document) has
 * an entry in an explicit table saying, for nobody and for each role, whether a representative
 * request is allowed (2xx), refused (403, the message naming what was refused) or
 * unauthenticated (401). Real targets of the demo data: a project of the cluster (UN1-2559-01), a
 * Chiang Mai project (CM-2559-01, owner 50) and a project of another cluster (C01-2558-01, owner
 * upper-central-1). A route the API has and the table lacks (or the reverse) fails the test.
 */
import fs from 'node:fs';
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
import { solidPng } from '../../test/support/png.ts';

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
/** The month whose progress report carries files (another month than the one reviewed). */
const FILE_MONTH: Record<string, string> = { [UN1]: '2016-03', [CM]: '2016-03', [C01]: '2015-07' };
const pngForm = () => fileForm('ภาพ.png', solidPng(2, 2, [0, 0, 255]));
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
  /** A new file on the (draft) progress report of FILE_MONTH of a project; its id. */
  async newReportFile(s: TestServer, code: string): Promise<string> {
    await admin.send(s, 'PUT', `/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}`, { percent: '10' });
    const res = await s.api(`/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}/files`, { method: 'POST', body: pngForm() });
    if (res.status !== 201) throw new Error(`prepare a report file on ${code}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
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

/** Monitoring visits and events of three owners: the matrix cluster, its province 50, another cluster. */
const VISIT_OF: Record<string, { provinces: string[]; projects: string[] }> = {
  'upper-north-1': { provinces: ['50'], projects: [UN1] },
  '50': { provinces: ['50'], projects: [CM] },
  'upper-central-1': { provinces: ['12'], projects: [C01] },
};
const PHOTO = fs.readFileSync(new URL('../../test/fixtures/visit-gps.jpg', import.meta.url));
const planWriteRows: Record<string, Row> = {
  'upper-north-1': [401, 'ok', 'ok', 403, 403, 403, 403],
  '50': [401, 'ok', 'ok', 'ok', 403, 403, 403],
  'upper-central-1': [401, 'ok', 403, 403, 403, 403, 403],
};
/** The cluster's committee members record what its visits found (its provinces' visits too). */
const resultWriteRows: Record<string, Row> = {
  'upper-north-1': [401, 'ok', 'ok', 403, 403, 'ok', 403],
  '50': [401, 'ok', 'ok', 'ok', 403, 'ok', 403],
  'upper-central-1': [401, 'ok', 403, 403, 403, 403, 403],
};
const ownerReadRows: Record<string, Row> = { 'upper-north-1': reportRow, 'upper-central-1': reportOtherCluster };

const monitoring = {
  /** A new visit plan of an owner (14-26 Jan 2559), optionally with its project visited on 15 Jan; its id. */
  async visit(s: TestServer, owner: string, visited = false): Promise<string> {
    const v = await admin.send<{ id: string }>(s, 'POST', '/api/v1/monitoring/visits', {
      owner,
      fiscalYear: 2559,
      committee: 'อ.ก.บ.ก. ด้านติดตามฯ',
      startDate: '2016-01-14',
      endDate: '2016-01-26',
      ...VISIT_OF[owner],
    });
    if (visited)
      await admin.send(s, 'PUT', `/api/v1/monitoring/visits/${v.id}/projects/${VISIT_OF[owner]!.projects[0]}`, { visitedOn: '2016-01-15' });
    return v.id;
  },
  async recommendation(s: TestServer, owner: string): Promise<{ id: string; version: number }> {
    const id = await monitoring.visit(s, owner, true);
    return admin.send(s, 'POST', `/api/v1/monitoring/visits/${id}/projects/${VISIT_OF[owner]!.projects[0]}/recommendations`, {
      text: 'ข้อเสนอแนะทดสอบ',
      responsible: 'หน่วยงานทดสอบ',
      dueDate: '2016-02-15',
    });
  },
  async photo(s: TestServer, owner: string): Promise<string> {
    const id = await monitoring.visit(s, owner, true);
    const res = await s.api(`/api/v1/monitoring/visits/${id}/projects/${VISIT_OF[owner]!.projects[0]}/photos`, {
      method: 'POST',
      body: fileForm('site.jpg', PHOTO),
    });
    if (res.status !== 201) throw new Error(`prepare photo: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  },
  async event(s: TestServer, owner: string): Promise<string> {
    const e = await admin.send<{ id: string }>(s, 'POST', '/api/v1/events', {
      owner,
      kind: 'meeting',
      title: 'ประชุมทดสอบสิทธิ์',
      startDate: '2016-01-20',
      provinces: VISIT_OF[owner]!.provinces,
    });
    return e.id;
  },
};

const byOwner = (rows: Record<string, Row>, refused: (owner: string) => string[], req: (owner: string, c: Ctx) => Req | Promise<Req>): Case[] =>
  Object.entries(rows).map(([owner, row]) => ({ target: `owner ${owner}`, expect: row, refused: refused(owner), req: (c) => req(owner, c) }));

function monitoringRows(): Record<string, Case[]> {
  const plan = (o: string) => [`may not plan monitoring visits of ${o}`];
  const results = (o: string) => [`may not record monitoring results of ${o}`];
  const readVisits = (o: string) => [`may not read the monitoring visits of ${o}`];
  const readEvents = (o: string) => [`may not read the events of ${o}`];
  const events = (o: string) => [`may not record events of ${o}`];
  const code = (o: string) => VISIT_OF[o]!.projects[0]!;
  return {
    'GET /api/v1/monitoring/visits': byOwner(ownerReadRows, readVisits, (o) => ({
      method: 'GET',
      path: `/api/v1/monitoring/visits?owner=${o}&fiscalYear=2559`,
    })),
    'POST /api/v1/monitoring/visits': byOwner(planWriteRows, plan, (o) => ({
      method: 'POST',
      path: '/api/v1/monitoring/visits',
      body: { owner: o, fiscalYear: 2559, committee: 'คณะทำงานทดสอบ', startDate: '2016-01-14', endDate: '2016-01-26', ...VISIT_OF[o] },
    })),
    'GET /api/v1/monitoring/visits/{id}': byOwner(ownerReadRows, readVisits, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o)}`,
    })),
    'PATCH /api/v1/monitoring/visits/{id}': byOwner(planWriteRows, plan, async (o, { s, n }) => ({
      method: 'PATCH',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o)}`,
      body: { version: 1, title: `รอบ ${n}` },
    })),
    'POST /api/v1/monitoring/visits/{id}/delete': byOwner(planWriteRows, plan, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o)}/delete`,
      body: { reason: 'ทดสอบสิทธิ์' },
    })),
    'PUT /api/v1/monitoring/visits/{id}/projects/{code}': byOwner(resultWriteRows, results, async (o, { s }) => ({
      method: 'PUT',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o)}/projects/${code(o)}`,
      body: { visitedOn: '2016-01-16', findings: ['ข้อค้นพบทดสอบ'] },
    })),
    'POST /api/v1/monitoring/visits/{id}/projects/{code}/recommendations': byOwner(resultWriteRows, results, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o, true)}/projects/${code(o)}/recommendations`,
      body: { text: 'ข้อเสนอแนะทดสอบ', responsible: 'หน่วยงานทดสอบ', dueDate: '2016-02-15' },
    })),
    'POST /api/v1/monitoring/visits/{id}/projects/{code}/photos': byOwner(resultWriteRows, results, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/monitoring/visits/${await monitoring.visit(s, o, true)}/projects/${code(o)}/photos`,
      form: fileForm('site.jpg', PHOTO),
    })),
    'GET /api/v1/monitoring/photos/{id}/image': byOwner(ownerReadRows, readVisits, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/monitoring/photos/${await monitoring.photo(s, o)}/image`,
    })),
    'GET /api/v1/monitoring/photos/{id}/thumbnail': byOwner(ownerReadRows, readVisits, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/monitoring/photos/${await monitoring.photo(s, o)}/thumbnail`,
    })),
    'POST /api/v1/monitoring/photos/{id}/delete': byOwner(resultWriteRows, results, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/monitoring/photos/${await monitoring.photo(s, o)}/delete`,
      body: { reason: 'ทดสอบสิทธิ์' },
    })),
    'PATCH /api/v1/monitoring/recommendations/{id}': byOwner(resultWriteRows, results, async (o, { s }) => {
      const r = await monitoring.recommendation(s, o);
      return { method: 'PATCH', path: `/api/v1/monitoring/recommendations/${r.id}`, body: { version: r.version, dueDate: '2016-02-20' } };
    }),
    'POST /api/v1/monitoring/recommendations/{id}/follow-ups': byOwner(resultWriteRows, results, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/monitoring/recommendations/${(await monitoring.recommendation(s, o)).id}/follow-ups`,
      body: { date: '2016-02-01', note: 'ติดตามทดสอบ', status: 'in_progress' },
    })),
    'GET /api/v1/monitoring/recommendations/overdue': byOwner(ownerReadRows, readVisits, (o) => ({
      method: 'GET',
      path: `/api/v1/monitoring/recommendations/overdue?owner=${o}&asOf=2016-03-01`,
    })),
    'GET /api/v1/events': byOwner(ownerReadRows, readEvents, (o) => ({
      method: 'GET',
      path: `/api/v1/events?owner=${o}&from=2015-10-01&to=2016-09-30`,
    })),
    'POST /api/v1/events': byOwner(planWriteRows, events, (o, { n }) => ({
      method: 'POST',
      path: '/api/v1/events',
      body: { owner: o, kind: 'training', title: `อบรมทดสอบ ${n}`, startDate: '2016-01-20', provinces: VISIT_OF[o]!.provinces },
    })),
    'GET /api/v1/events/{id}': byOwner(ownerReadRows, readEvents, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/events/${await monitoring.event(s, o)}`,
    })),
    'PATCH /api/v1/events/{id}': byOwner(planWriteRows, events, async (o, { s, n }) => ({
      method: 'PATCH',
      path: `/api/v1/events/${await monitoring.event(s, o)}`,
      body: { version: 1, title: `ประชุมทดสอบ ${n}` },
    })),
    'POST /api/v1/events/{id}/delete': byOwner(planWriteRows, events, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/events/${await monitoring.event(s, o)}/delete`,
      body: { reason: 'ทดสอบสิทธิ์' },
    })),
    'GET /api/v1/calendar': byOwner(ownerReadRows, readEvents, (o) => ({ method: 'GET', path: `/api/v1/calendar?owner=${o}&month=2016-01` })),
    'GET /api/v1/reports/events': byOwner(ownerReadRows, readEvents, (o) => ({
      method: 'GET',
      path: `/api/v1/reports/events?owner=${o}&from=2015-12-01&to=2016-02-29&asOf=2016-01-06`,
    })),
  };
}

/** Meetings of the three owners, each prepared as the administrator with one narrative topic; numbered 1.. in B.E. 2559. */
let meetingNo = 0;
const meetings = {
  async create(s: TestServer, owner: string): Promise<{ id: string; no: number; itemId: string }> {
    const no = (meetingNo++ % 999) + 1;
    const m = await admin.send<{ id: string }>(s, 'POST', '/api/v1/meetings', {
      owner,
      no,
      year: 2559,
      month: '2016-01',
      date: '2016-02-03',
      startTime: '09:00',
      cutOff: '2016-01-31',
      organizer: 'OSM',
    });
    const withItem = await admin.send<{ agenda: { id: string }[] }>(s, 'POST', `/api/v1/meetings/${m.id}/agenda`, {
      division: 'administration',
      topic: 'เรื่องทดสอบ',
      items: [{ kind: 'text', text: 'ข้อความทดสอบ' }],
    });
    return { id: m.id, no, itemId: withItem.agenda[0]!.id };
  },
};

function meetingRows(): Record<string, Case[]> {
  const read = (o: string) => [`may not read the meetings of ${o}`];
  const hold = (o: string) => [`may not hold meetings of ${o}`];
  return {
    'GET /api/v1/meetings': byOwner(ownerReadRows, read, async (o, { s }) => {
      await meetings.create(s, o);
      return { method: 'GET', path: `/api/v1/meetings?owner=${o}&year=2559` };
    }),
    'POST /api/v1/meetings': byOwner(planWriteRows, hold, (o) => ({
      method: 'POST',
      path: '/api/v1/meetings',
      body: { owner: o, no: (meetingNo++ % 999) + 1, year: 2559, month: '2016-01', date: '2016-02-03', cutOff: '2016-01-31', organizer: 'OSM' },
    })),
    'GET /api/v1/meetings/by-number': byOwner(ownerReadRows, read, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/meetings/by-number?owner=${o}&no=${(await meetings.create(s, o)).no}&year=2559`,
    })),
    'GET /api/v1/meetings/by-number/report': byOwner(ownerReadRows, read, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/meetings/by-number/report?owner=${o}&no=${(await meetings.create(s, o)).no}&year=2559&format=text`,
    })),
    'GET /api/v1/meetings/{id}': byOwner(ownerReadRows, read, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}`,
    })),
    'PATCH /api/v1/meetings/{id}': byOwner(planWriteRows, hold, async (o, { s }) => ({
      method: 'PATCH',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}`,
      body: { version: 2, startTime: '10:00' },
    })),
    'POST /api/v1/meetings/{id}/delete': byOwner(planWriteRows, hold, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}/delete`,
      body: { reason: 'ทดสอบสิทธิ์' },
    })),
    'POST /api/v1/meetings/{id}/close': byOwner(planWriteRows, hold, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}/close`,
    })),
    'POST /api/v1/meetings/{id}/agenda': byOwner(planWriteRows, hold, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}/agenda`,
      body: { division: 'strategy', topic: 'เรื่องเพิ่ม', items: [{ kind: 'text', text: 'ข้อความ' }] },
    })),
    'POST /api/v1/meetings/{id}/agenda/reorder': byOwner(planWriteRows, hold, async (o, { s }) => {
      const m = await meetings.create(s, o);
      return { method: 'POST', path: `/api/v1/meetings/${m.id}/agenda/reorder`, body: { version: 2, division: 'administration', items: [m.itemId] } };
    }),
    'PATCH /api/v1/meetings/{id}/agenda/{itemId}': byOwner(planWriteRows, hold, async (o, { s }) => {
      const m = await meetings.create(s, o);
      return { method: 'PATCH', path: `/api/v1/meetings/${m.id}/agenda/${m.itemId}`, body: { version: 1, topic: 'เรื่องแก้ไข' } };
    }),
    'POST /api/v1/meetings/{id}/agenda/{itemId}/delete': byOwner(planWriteRows, hold, async (o, { s }) => {
      const m = await meetings.create(s, o);
      return { method: 'POST', path: `/api/v1/meetings/${m.id}/agenda/${m.itemId}/delete`, body: { reason: 'ทดสอบสิทธิ์' } };
    }),
    'GET /api/v1/meetings/{id}/report': byOwner(ownerReadRows, read, async (o, { s }) => ({
      method: 'GET',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}/report?format=json`,
    })),
    'POST /api/v1/meetings/{id}/regenerate': byOwner(ownerReadRows, read, async (o, { s }) => ({
      method: 'POST',
      path: `/api/v1/meetings/${(await meetings.create(s, o)).id}/regenerate`,
    })),
  };
}

/** Indicators: scratch indicators of the three owners (so that the demo's stay as they are), prepared as the administrator. */
const IND_OWNER: Record<string, [string, number]> = { [UN1]: ['upper-north-1', 2559], [CM]: ['50', 2559], [C01]: ['upper-central-1', 2558] };
const indicatorBody = (owner: string, fiscalYear: number, code: string) => ({
  owner,
  fiscalYear,
  code,
  nameTh: 'ตัวชี้วัดทดสอบสิทธิ์',
  unit: 'ร้อยละ',
  direction: 'higher',
  weight: '10',
  scale: { levels: ['10', '20', '30', '40', '50'] },
  targets: [{ period: 'annual', value: '30' }],
});
const ind = {
  /** The scratch indicator of a project's owner (created once); its id. */
  async id(s: TestServer, code: string): Promise<string> {
    const [owner, fy] = IND_OWNER[code]!;
    const [r] = await s.db.query<{ id: string }>(
      "SELECT i.id::text AS id FROM indicators i JOIN agreements a ON a.id = i.agreement_id WHERE a.owner_code = $1 AND a.fiscal_year = $2 AND i.code = 'M-SCRATCH'",
      [owner, fy],
    );
    if (r) return r.id;
    return (await admin.send<{ id: string }>(s, 'POST', '/api/v1/indicators', indicatorBody(owner, fy, 'M-SCRATCH'))).id;
  },
  /** An open change request of the scratch indicator (others closed first); its id. */
  async openRequest(s: TestServer, code: string): Promise<string> {
    const id = await ind.id(s, code);
    await s.db.query(
      "UPDATE indicator_change_requests SET decision = 'rejected', decided_on = requested_on, decided_by = 'matrix' WHERE indicator_id = $1 AND decision IS NULL",
      [id],
    );
    const body = { kind: 'change', nameTh: 'ชื่อใหม่', reason: 'ทดสอบสิทธิ์', requestedOn: '2016-01-05' };
    return (await admin.send<{ id: string }>(s, 'POST', `/api/v1/indicators/${id}/change-requests`, body)).id;
  },
  /** A result of the scratch indicator with a file as evidence; the file's id. */
  async file(s: TestServer, code: string): Promise<string> {
    const id = await ind.id(s, code);
    const [, fy] = IND_OWNER[code]!;
    await admin.send(s, 'PUT', `/api/v1/indicators/${id}/results/Q1`, { value: '1', date: fy === 2559 ? '2016-01-05' : '2015-01-05' });
    const res = await s.api(`/api/v1/indicators/${id}/results/Q1/evidence`, { method: 'POST', body: fileForm('e.pdf', 'หลักฐาน') });
    if (res.status !== 200) throw new Error(`prepare evidence: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { evidenceFile: { id: string } }).evidenceFile.id;
  },
};
const dateIn = (code: string) => (IND_OWNER[code]![1] === 2559 ? '2016-01-05' : '2015-01-05');
const ownerReads = (path: (owner: string, fy: number) => string): Case[] =>
  (
    [
      ['upper-north-1', 2559, reportRow],
      ['upper-central-1', 2558, reportOtherCluster],
    ] as [string, number, Row][]
  ).map(([owner, fy, row]) => ({
    target: `owner ${owner}`,
    expect: row,
    refused: [`may not read the figures of ${owner}`],
    req: () => ({ method: 'GET', path: path(owner, fy) }),
  }));
const onIndicators = (action: string, req: (code: string, c: Ctx) => Req | Promise<Req>): Case[] =>
  onProjects(projectWriteRows, (code) => [`may not ${action} ${IND_OWNER[code]![0]} (fiscal year ${IND_OWNER[code]![1]})`], req);

const INDICATOR_CASES: Record<string, Case[]> = {
  'GET /api/v1/agreements': ownerReads((owner, fy) => `/api/v1/agreements?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05`),
  'POST /api/v1/agreements/{owner}/{fiscalYear}/status': [
    {
      target: 'agreement of 52, 2559',
      expect: adminOnly,
      refused: ['may not propose the agreement of 52 (fiscal year 2559)'],
      req: async ({ s }) => {
        // A draft each time: the scratch agreement of Lampang goes back to its draft.
        const [a] = await s.db.query<{ id: string }>("SELECT id::text AS id FROM agreements WHERE owner_code = '52' AND fiscal_year = 2559");
        if (!a) await admin.send(s, 'POST', '/api/v1/indicators', indicatorBody('52', 2559, 'M-LP'));
        else await s.db.query("DELETE FROM agreement_status_history WHERE agreement_id = $1 AND status <> 'draft'", [a.id]);
        return { method: 'POST', path: '/api/v1/agreements/52/2559/status', body: { status: 'proposed', date: '2016-01-05' } };
      },
    },
  ],
  'POST /api/v1/indicators': (
    [
      ['upper-north-1', [401, 'ok', 'ok', 403, 403, 403, 403]],
      ['50', [401, 'ok', 'ok', 'ok', 403, 403, 403]],
      ['upper-central-1', [401, 'ok', 403, 403, 403, 403, 403]],
    ] as [string, Row][]
  ).map(([owner, row]): Case => ({
    target: `owner ${owner}`,
    expect: row,
    refused: [`may not edit the indicators of ${owner}`],
    req: ({ n }) => ({ method: 'POST', path: '/api/v1/indicators', body: indicatorBody(owner, 2559, `M-NEW-${n}`) }),
  })),
  'GET /api/v1/indicators/warnings': ownerReads((owner, fy) => `/api/v1/indicators/warnings?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05`),
  'GET /api/v1/indicators/{id}': onProjects(
    { [UN1]: reportRow, [C01]: reportOtherCluster },
    (code) => [`may not read the figures of ${IND_OWNER[code]![0]}`],
    async (code, { s }) => ({ method: 'GET', path: `/api/v1/indicators/${await ind.id(s, code)}?asOf=2016-01-05` }),
  ),
  'PUT /api/v1/indicators/{id}': onIndicators('edit the indicators of', async (code, { s, n }) => {
    const { owner: _o, fiscalYear: _f, code: _c, ...def } = indicatorBody('-', 0, '-');
    return { method: 'PUT', path: `/api/v1/indicators/${await ind.id(s, code)}`, body: { ...def, weight: String(n) } };
  }),
  'PUT /api/v1/indicators/{id}/results/{period}': onIndicators('enter indicator results of', async (code, { s, n }) => ({
    method: 'PUT',
    path: `/api/v1/indicators/${await ind.id(s, code)}/results/Q1`,
    body: { value: String(n), date: dateIn(code), source: 'ทดสอบสิทธิ์' },
  })),
  'POST /api/v1/indicators/{id}/results/{period}/evidence': onIndicators('enter indicator results of', async (code, { s }) => {
    await ind.file(s, code);
    return { method: 'POST', path: `/api/v1/indicators/${await ind.id(s, code)}/results/Q1/evidence`, form: fileForm('ผล.pdf', 'หลักฐาน') };
  }),
  'PUT /api/v1/indicators/{id}/links': onIndicators('link projects to the indicators of', async (code, { s }) => ({
    method: 'PUT',
    path: `/api/v1/indicators/${await ind.id(s, code)}/links`,
    body: { links: [], reason: 'ทดสอบสิทธิ์' },
  })),
  'POST /api/v1/indicators/{id}/change-requests': onIndicators('request changes to the indicators of', async (code, { s }) => {
    const id = await ind.id(s, code);
    await s.db.query(
      "UPDATE indicator_change_requests SET decision = 'rejected', decided_on = requested_on, decided_by = 'matrix' WHERE indicator_id = $1 AND decision IS NULL",
      [id],
    );
    return { method: 'POST', path: `/api/v1/indicators/${id}/change-requests`, body: { kind: 'change', nameTh: 'ชื่อใหม่', reason: 'ทดสอบสิทธิ์' } };
  }),
  'POST /api/v1/indicator-change-requests/{id}/file': onIndicators('request changes to the indicators of', async (code, { s }) => ({
    method: 'POST',
    path: `/api/v1/indicator-change-requests/${await ind.openRequest(s, code)}/file`,
    form: fileForm('หนังสือ.pdf', 'หนังสือ'),
  })),
  'POST /api/v1/indicator-change-requests/{id}/decision': onProjects(
    { [UN1]: adminOnly, [CM]: adminOnly },
    () => ['may not decide indicator change requests'],
    async (code, { s }) => ({
      method: 'POST',
      path: `/api/v1/indicator-change-requests/${await ind.openRequest(s, code)}/decision`,
      body: { decision: 'rejected', note: 'ทดสอบสิทธิ์' },
    }),
  ),
  'GET /api/v1/indicator-files/{id}': onProjects(
    { [UN1]: reportRow, [C01]: reportOtherCluster },
    (code) => [`may not read the figures of ${IND_OWNER[code]![0]}`],
    async (code, { s }) => ({ method: 'GET', path: `/api/v1/indicator-files/${await ind.file(s, code)}` }),
  ),
  'GET /api/v1/reports/indicators': ownerReads((owner, fy) => `/api/v1/reports/indicators?owner=${owner}&fiscalYear=${fy}&asOf=2016-01-05`),
  'GET /api/v1/reports/indicator-ranking': [
    {
      target: 'clusters 2559',
      expect: reportRow,
      refused: ['may not read the indicator ranking'],
      req: () => ({ method: 'GET', path: '/api/v1/reports/indicator-ranking?fiscalYear=2559&asOf=2016-01-05' }),
    },
  ],
};

const TABLE: Record<string, Case[]> = {
  ...INDICATOR_CASES,
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
      await s.db.query('DELETE FROM progress_reports WHERE project_id = (SELECT id FROM projects WHERE code = $1) AND month = $2', [
        code,
        MONTH_OF[code]!,
      ]);
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
  'GET /api/v1/progress-reports': [{ target: '-', expect: anyUser, req: () => ({ method: 'GET', path: '/api/v1/progress-reports' }) }],
  'POST /api/v1/projects/{code}/progress-reports/{month}/files': onProjects(
    disbursementRows,
    (code) => [`may not report progress of project ${code}`],
    async (code, { s }) => {
      await admin.send(s, 'PUT', `/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}`, { percent: '10' });
      return { method: 'POST', path: `/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}/files`, form: pngForm() };
    },
  ),
  'GET /api/v1/projects/{code}/progress-reports/{month}/files/{id}': onProjects(
    readRows,
    (code) => [`may not read project ${code}`],
    async (code, { s }) => ({
      method: 'GET',
      path: `/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}/files/${await admin.newReportFile(s, code)}`,
    }),
  ),
  'POST /api/v1/projects/{code}/progress-reports/{month}/files/{id}/delete': onProjects(
    disbursementRows,
    (code) => [`may not report progress of project ${code}`],
    async (code, { s }) => ({
      method: 'POST',
      path: `/api/v1/projects/${code}/progress-reports/${FILE_MONTH[code]}/files/${await admin.newReportFile(s, code)}/delete`,
    }),
  ),
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
      refused: [`may not set the disbursement targets of ${owner} (fiscal year ${fy})`],
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
    {
      target: 'indicator results of upper-north-1',
      expect: [401, 'ok', 'ok', 422, 403, 403, 403],
      refused: ['may not import results'],
      req: ({ n }) => ({
        method: 'POST',
        path: '/api/v1/imports/results',
        form: fileForm(
          'r.csv',
          csv([
            ['owner', 'fiscal_year', 'indicator', 'period', 'value', 'date'],
            ['upper-north-1', '2559', 'KPI-1', 'Q2', String(n), '2016-01-05'],
          ]),
        ),
      }),
    },
  ],

  ...monitoringRows(),
  ...meetingRows(),
};

/** The 422 of a row-level refusal in an import: which row message must appear. */
const ROW_REFUSAL: Record<string, string> = {
  'projects of upper-central-1': 'may not create project M-IMP-',
  [`disbursements on ${UN1}`]: `may not record disbursements on project ${UN1}`,
  [`disbursements on ${CM}`]: `may not record disbursements on project ${CM}`,
  'indicator results of upper-north-1': 'may not enter indicator results of upper-north-1 (fiscal year 2559)',
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
    // Thousands of requests within a minute (the rate limit has its own test in hardening.int.test.ts).
    s = await startServer(kind, { demo: true, app: { rateLimitPerMinute: 100_000 } });
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
    expect(ops.length).toBe(113);
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
