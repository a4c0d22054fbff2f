/**
 * Performance-agreement indicators through the HTTP API: definitions and their scale, targets and
 * results with evidence, the agreement's status, change requests and versions (a report as of a
 * date before an approved change shows the old target), links and warnings, the weighted score
 * and the ranking of clusters, the report. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { auditCount, fileForm } from '../../../test/support/roles.ts';
import type {
  Agreement,
  ChangeRequest,
  Indicator,
  IndicatorDetail,
  IndicatorRanking,
  IndicatorReport,
  Link,
  Result,
  Warnings,
} from './indicators.schema.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string; issues?: { field: string; message: string }[] } };
}

const AGRI = {
  owner: 'upper-north-1',
  fiscalYear: 2559,
  code: 'KPI-2',
  nameTh: 'มูลค่าผลผลิตทางการเกษตรสำคัญ',
  unit: 'ล้านบาท',
  direction: 'higher',
  weight: '30',
  baseline: '9800.5',
  dataSource: 'สำนักงานเศรษฐกิจการเกษตร',
  components: [
    { key: 'longan', nameTh: 'ลำไย' },
    { key: 'garlic', nameTh: 'กระเทียม' },
    { key: 'soybean', nameTh: 'ถั่วเหลือง' },
  ],
  scale: { levels: ['9500', '10000', '10500', '11000', '11500'] },
  targets: [
    { period: 'annual', value: '10500' },
    { period: 'Q1', value: '2000' },
    { component: 'longan', period: 'annual', value: '9000' },
    { component: 'garlic', period: 'annual', value: '1200' },
    { component: 'soybean', period: 'annual', value: 300 },
  ],
};

describeEachDb('indicators API', (kind) => {
  let s: TestServer;
  let officer: Client;
  let province: Client;
  let reporter: Client;
  let committee: Client;
  let agri: Indicator;
  const send = <T>(c: Client, method: string, path: string, body?: unknown) =>
    c.json<T & ErrorBody>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const Q = (asOf: string) => `owner=upper-north-1&fiscalYear=2559&asOf=${asOf}`;

  const ids = new Map<string, string>();
  const define = async (owner: string, code: string, direction: string, weight: string, levels: string[]) => {
    const c = await send<Indicator>(s, 'POST', '/api/v1/indicators', {
      owner,
      fiscalYear: 2559,
      code,
      nameTh: `ผลผลิต ${code}`,
      unit: 'หน่วย',
      direction,
      weight,
      scale: { levels },
      targets: [{ period: 'annual', value: levels[2] }],
    });
    expect(c.status).toBe(201);
    ids.set(code, c.body.id);
  };
  const annual = async (code: string, value: string) => {
    const r = await send(s, 'PUT', `/api/v1/indicators/${ids.get(code)}/results/annual`, { value, date: '2016-10-10' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  beforeAll(async () => {
    s = await startServer(kind);
    officer = await s.as({ username: 'officer-un1', role: 'cluster_officer', scope: 'upper-north-1' });
    province = await s.as({ username: 'officer-cm', role: 'province_officer', scope: '50' });
    committee = await s.as({ username: 'kbk-un2', role: 'committee_member', scope: 'upper-north-2' });
    for (const [code, owner, fy] of [
      ['P-LONGAN', 'upper-north-1', 2559],
      ['P-TOUR', '50', 2559],
      ['P-OTHER', 'upper-central-1', 2559],
      ['P-OLD', 'upper-north-1', 2558],
    ] as const) {
      const r = await send(s, 'POST', '/api/v1/projects', { code, fiscalYear: fy, owner, nameTh: `โครงการ ${code}`, budget: '1000000.00' });
      expect(r.status).toBe(201);
    }
    reporter = await s.as({ username: 'reporter-1', role: 'agency_reporter', projects: ['P-LONGAN'] });
  });
  afterAll(() => s.close());

  describe('1. indicators per owner and fiscal year', () => {
    it('an officer of the cluster creates one with components, a scale and targets; the values come back exact', async () => {
      const before = await auditCount(s);
      const r = await send<Indicator>(officer, 'POST', '/api/v1/indicators', AGRI);
      expect(r.status).toBe(201);
      agri = r.body;
      expect(r.body).toMatchObject({
        code: 'KPI-2',
        owner: 'upper-north-1',
        fiscalYear: 2559,
        version: 1,
        effectiveFrom: '2015-10-01',
        removed: false,
        weight: '30',
        baseline: '9800.5',
        scale: { levels: ['9500', '10000', '10500', '11000', '11500'], below: '0.0000', above: '5.0000' },
      });
      expect(r.body.targets).toEqual([
        { component: null, period: 'Q1', periodEnd: '2015-12-31', value: '2000' },
        { component: null, period: 'annual', periodEnd: '2016-09-30', value: '10500' },
        { component: 'longan', period: 'annual', periodEnd: '2016-09-30', value: '9000' },
        { component: 'garlic', period: 'annual', periodEnd: '2016-09-30', value: '1200' },
        { component: 'soybean', period: 'annual', periodEnd: '2016-09-30', value: '300' },
      ]);
      expect(await auditCount(s)).toBe(before + 1);
      const [a] = await s.db.query<{ entity_key: string; actor: string }>(
        "SELECT entity_key, actor FROM audit_log WHERE entity_type = 'indicator' ORDER BY id DESC LIMIT 1",
      );
      expect(a).toEqual({ entity_key: 'upper-north-1/2559/KPI-2', actor: 'officer-un1 (token test)' });
      const ag = await send<Agreement>(committee, 'GET', `/api/v1/agreements?${Q('2016-01-05')}`);
      expect(ag.status).toBe(403);
      const mine = await send<Agreement>(officer, 'GET', `/api/v1/agreements?${Q('2016-01-05')}`);
      expect(mine.body).toMatchObject({ status: 'draft', ownerNameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1' });
      expect(mine.body.indicators.map((i) => i.code)).toEqual(['KPI-2']);
      // The cluster's other two indicators (their results come in part 5).
      await define('upper-north-1', 'KPI-1', 'higher', '40', ['10', '20', '30', '40', '50']);
      await define('upper-north-1', 'KPI-3', 'lower', '30', ['45', '40', '35', '30', '25']);
    });

    it('bad definitions are refused naming the field, and change nothing', async () => {
      const before = await auditCount(s);
      const cases: [unknown, number, string][] = [
        [
          { ...AGRI, code: 'KPI-X', scale: { levels: ['9500', '10000', '10000', '11000', '11500'] } },
          400,
          'the value of level 3 must be greater than that of level 2',
        ],
        [{ ...AGRI, code: 'KPI-X', direction: 'lower' }, 400, 'the value of level 2 must be less than that of level 1'],
        [{ ...AGRI, code: 'KPI-X', scale: { levels: ['1', '2', '3', '4'] } }, 400, 'exactly 5 levels'],
        [{ ...AGRI, code: 'KPI-X', scale: { ...AGRI.scale, above: '6' } }, 400, 'a score is between 0 and 5'],
        [{ ...AGRI, code: 'KPI-X', targets: [{ component: 'rice', period: 'annual', value: '1' }] }, 400, 'the indicator has no component rice'],
        [{ ...AGRI, code: 'KPI-X', targets: [{ period: '2016-10', value: '1' }] }, 400, '2016-10 is not a month of fiscal year 2559'],
        [{ ...AGRI, code: 'KPI-X', weight: '0' }, 400, 'a weight is greater than 0'],
        [{ ...AGRI, code: 'KPI-X', baseline: '12.34567' }, 400, 'is not a number'],
        [{ ...AGRI }, 409, 'Indicator KPI-2 of upper-north-1 for fiscal year 2559 exists already'],
      ];
      for (const [body, status, message] of cases) {
        const r = await send(officer, 'POST', '/api/v1/indicators', body);
        expect(r.status, message).toBe(status);
        expect(r.body.error.message).toContain(message);
      }
      const refused = await send(province, 'POST', '/api/v1/indicators', { ...AGRI, code: 'KPI-P' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('officer-cm (province officer of 50) may not edit the indicators of upper-north-1 (fiscal year 2559)');
      expect(await auditCount(s)).toBe(before);
    });

    it("a province officer creates its province's indicators; edits replace the draft, audited", async () => {
      const r = await send<Indicator>(province, 'POST', '/api/v1/indicators', {
        ...AGRI,
        owner: 'TH-50',
        code: 'CM-1',
        components: [],
        targets: [{ period: 'annual', value: '1' }],
      });
      expect(r.status).toBe(201);
      const { owner: _o, fiscalYear: _f, code: _c, ...def } = { ...AGRI, owner: '50', code: 'CM-1', components: [], targets: [] };
      const u = await send<Indicator>(province, 'PUT', `/api/v1/indicators/${r.body.id}`, {
        ...def,
        nameTh: 'มูลค่าผลผลิตเชียงใหม่',
        weight: '12.5',
        revision: 1,
      });
      expect(u.status).toBe(200);
      expect(u.body).toMatchObject({ revision: 2, version: 1, nameTh: 'มูลค่าผลผลิตเชียงใหม่', weight: '12.5', targets: [] });
      const stale = await send(province, 'PUT', `/api/v1/indicators/${r.body.id}`, { ...def, revision: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe('Indicator CM-1 changed meanwhile (revision 2, not 1): reload it');
      const [a] = await s.db.query<{ action: string; before: { weight: string }; after: { weight: string } }>(
        "SELECT action, before, after FROM audit_log WHERE entity_type = 'indicator' ORDER BY id DESC LIMIT 1",
      );
      expect([a!.action, a!.before.weight, a!.after.weight]).toEqual(['update', '30', '12.5']);
    });
  });

  describe('2. targets and results', () => {
    it('results per period with date, source and a link; the same again changes nothing; a correction is audited', async () => {
      const path = `/api/v1/indicators/${agri.id}/results/Q1`;
      const body = { value: '1900.25', date: '2016-01-04', source: 'สศก.', evidenceUrl: 'https://example.org/q1.pdf' };
      const r = await send<Result>(officer, 'PUT', path, body);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        component: null,
        period: 'Q1',
        periodEnd: '2015-12-31',
        value: '1900.25',
        date: '2016-01-04',
        enteredBy: 'officer-un1',
      });
      const before = await auditCount(s);
      expect((await send<Result>(officer, 'PUT', path, body)).status).toBe(200);
      expect(await auditCount(s)).toBe(before);
      const longan = await send<Result>(officer, 'PUT', `/api/v1/indicators/${agri.id}/results/2015-12`, {
        component: 'longan',
        value: 850,
        date: '2016-01-10',
      });
      expect(longan.body).toMatchObject({ component: 'longan', period: '2015-12', periodEnd: '2015-12-31', value: '850', evidenceUrl: null });
      const bad: [string, unknown, number, string][] = [
        [path, { ...body, date: '2999-01-01' }, 400, 'is in the future'],
        [path, { ...body, component: 'rice' }, 400, 'Indicator KPI-2 has no component rice'],
        [path, { ...body, evidenceUrl: 'javascript:alert(1)' }, 400, 'evidenceUrl must be an http(s) link'],
        [`/api/v1/indicators/${agri.id}/results/2016-10`, body, 400, '2016-10 is not a month of fiscal year 2559'],
        [`/api/v1/indicators/${agri.id}/results/Q5`, body, 400, 'a period is annual, Q1 to Q4'],
      ];
      for (const [p, b, status, message] of bad) {
        const x = await send(officer, 'PUT', p, b);
        expect(x.status, message).toBe(status);
        expect(x.body.error.message).toContain(message);
      }
      const refused = await send(reporter, 'PUT', path, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('reporter-1 (agency reporter) may not enter indicator results of upper-north-1 (fiscal year 2559)');
      expect(await auditCount(s)).toBe(before + 1);
    });

    it('a file as evidence is stored in the database and downloads byte for byte; the committee of another cluster cannot read it', async () => {
      const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80, ...Buffer.from('หลักฐาน')]);
      const res = await officer.api(`/api/v1/indicators/${agri.id}/results/Q1/evidence`, { method: 'POST', body: fileForm('ผล-q1.pdf', bytes) });
      expect(res.status).toBe(200);
      const r = (await res.json()) as Result;
      expect(r.evidenceUrl).toBeNull();
      expect(r.evidenceFile).toMatchObject({ name: 'ผล-q1.pdf', size: bytes.length });
      const dl = await officer.api(`/api/v1/indicator-files/${r.evidenceFile!.id}`);
      expect(dl.status).toBe(200);
      expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
      expect(dl.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('ผล-q1.pdf')}`);
      expect((await committee.api(`/api/v1/indicator-files/${r.evidenceFile!.id}`)).status).toBe(403);
      const none = await officer.api(`/api/v1/indicators/${agri.id}/results/Q2/evidence`, { method: 'POST', body: fileForm('x.pdf', bytes) });
      expect(none.status).toBe(404);
    });
  });

  describe('3. agreement status, change requests and versions', () => {
    let cr: ChangeRequest;
    it('only an administrator proposes and agrees, one step at a time, dated', async () => {
      const path = '/api/v1/agreements/upper-north-1/2559/status';
      const refused = await send(officer, 'POST', path, { status: 'proposed', date: '2015-12-20' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'officer-un1 (cluster officer of upper-north-1) may not propose the agreement of upper-north-1 (fiscal year 2559)',
      );
      const skip = await send(s, 'POST', path, { status: 'agreed', date: '2015-12-20' });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toContain('cannot go from draft to agreed');
      const p = await send<Agreement>(s, 'POST', path, { status: 'proposed', date: '2015-12-20', reason: 'เสนอ ก.พ.ร.' });
      expect(p.status).toBe(200);
      expect(p.body.status).toBe('proposed');
      expect(p.body.statusHistory.map((h) => [h.status, h.by])).toEqual([
        ['draft', 'officer-un1'],
        ['proposed', 'test-admin'],
      ]);
      const early = await send<Agreement>(s, 'GET', `/api/v1/agreements?${Q('2015-12-19')}`);
      expect(early.body.status).toBe('draft');
      const { owner: _o, fiscalYear: _f, code: _c, ...def } = AGRI;
      const edit = await send(officer, 'PUT', `/api/v1/indicators/${agri.id}`, def);
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toBe(
        'The agreement is proposed: an indicator changes only through a change request, which an administrator decides',
      );
    });

    it('an officer requests a change with a reason and a supporting file; one open request at a time', async () => {
      const r = await send<ChangeRequest>(officer, 'POST', `/api/v1/indicators/${agri.id}/change-requests`, {
        kind: 'change',
        nameTh: 'มูลค่าผลผลิตลำไย',
        components: [{ key: 'longan', nameTh: 'ลำไย' }],
        targets: [
          { period: 'annual', value: '9500' },
          { component: 'longan', period: 'annual', value: '9500' },
        ],
        reason: 'กลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง',
        requestedOn: '2015-12-28',
      });
      expect(r.status).toBe(201);
      cr = r.body;
      expect(cr).toMatchObject({ indicator: 'KPI-2', kind: 'change', requestedBy: 'officer-un1', decision: null, version: null });
      const again = await send(officer, 'POST', `/api/v1/indicators/${agri.id}/change-requests`, { kind: 'remove', reason: 'ยกเลิก' });
      expect(again.status).toBe(409);
      const empty = await send(officer, 'POST', `/api/v1/indicators/${agri.id}/change-requests`, { kind: 'change', reason: 'x' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('a change names a new name, components or targets');
      const f = await officer.api(`/api/v1/indicator-change-requests/${cr.id}/file`, { method: 'POST', body: fileForm('หนังสือ.pdf', 'หนังสือขอเปลี่ยน') });
      expect(f.status).toBe(200);
      expect(((await f.json()) as ChangeRequest).file).toMatchObject({ name: 'หนังสือ.pdf', size: Buffer.byteLength('หนังสือขอเปลี่ยน') });
    });

    it('an administrator approves it: a new version from the decision date; a report as of a date before it shows the old target', async () => {
      const path = `/api/v1/indicator-change-requests/${cr.id}/decision`;
      const refused = await send(officer, 'POST', path, { decision: 'approved', date: '2016-03-01' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('officer-un1 (cluster officer of upper-north-1) may not decide indicator change requests');
      const early = await send(s, 'POST', path, { decision: 'approved', date: '2015-12-01' });
      expect(early.status).toBe(400);
      const ok = await send<ChangeRequest>(s, 'POST', path, { decision: 'approved', date: '2016-03-01', note: 'อนุมัติตามที่เสนอ' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ decision: 'approved', decidedOn: '2016-03-01', decidedBy: 'test-admin', version: 2 });
      expect((await send(s, 'POST', path, { decision: 'rejected' })).status).toBe(409);
      const trail = await s.db.query<{ actor: string; action: string; entity_type: string; entity_key: string; reason: string | null }>(
        "SELECT actor, action, entity_type, entity_key, reason FROM audit_log WHERE entity_type IN ('agreement', 'indicator_change_request') ORDER BY id",
      );
      expect(trail.map((t) => [t.actor.split(' ')[0], t.action, t.entity_type, t.entity_key, t.reason])).toEqual([
        ['test-admin', 'propose', 'agreement', 'upper-north-1/2559', 'เสนอ ก.พ.ร.'],
        ['officer-un1', 'request change', 'indicator_change_request', cr.id, 'กลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง'],
        ['officer-un1', 'attach file', 'indicator_change_request', cr.id, null],
        ['test-admin', 'approve', 'indicator_change_request', cr.id, 'อนุมัติตามที่เสนอ'],
      ]);

      const before = await send<IndicatorReport>(s, 'GET', `/api/v1/reports/indicators?${Q('2016-01-05')}`);
      const old = before.body.indicators.find((i) => i.code === 'KPI-2')!;
      expect([old.version, old.nameTh, old.annualTarget, old.components.length, old.openChangeRequests.map((c) => c.id)]).toEqual([
        1,
        'มูลค่าผลผลิตทางการเกษตรสำคัญ',
        '10500',
        3,
        [cr.id],
      ]);
      const after = await send<IndicatorReport>(s, 'GET', `/api/v1/reports/indicators?${Q('2016-03-01')}`);
      const now = after.body.indicators.find((i) => i.code === 'KPI-2')!;
      expect([now.version, now.nameTh, now.annualTarget, now.components, now.openChangeRequests]).toEqual([
        2,
        'มูลค่าผลผลิตลำไย',
        '9500',
        [{ key: 'longan', nameTh: 'ลำไย' }],
        [],
      ]);
      const d = await send<IndicatorDetail>(officer, 'GET', `/api/v1/indicators/${agri.id}?asOf=2016-03-01`);
      expect(
        d.body.versions.map((v) => [
          v.version,
          v.effectiveFrom,
          v.changeRequest,
          v.targets.map((t) => `${t.component ?? '-'}/${t.period}=${t.value}`),
        ]),
      ).toEqual([
        [1, '2015-10-01', null, ['-/Q1=2000', '-/annual=10500', 'longan/annual=9000', 'garlic/annual=1200', 'soybean/annual=300']],
        [2, '2016-03-01', cr.id, ['-/Q1=2000', '-/annual=9500', 'longan/annual=9500']],
      ]);
      expect(d.body.series).toEqual([
        { component: null, period: 'Q1', periodEnd: '2015-12-31', target: '2000', result: '1900.25' },
        { component: null, period: 'annual', periodEnd: '2016-09-30', target: '9500', result: null },
        { component: 'longan', period: '2015-12', periodEnd: '2015-12-31', target: null, result: '850' },
        { component: 'longan', period: 'annual', periodEnd: '2016-09-30', target: '9500', result: null },
      ]);
    });
  });

  describe('3b. removal', () => {
    it('an approved removal drops the indicator from reports from its date, and refuses results dated after it', async () => {
      const cm = (await send<Agreement>(province, 'GET', '/api/v1/agreements?owner=50&fiscalYear=2559&asOf=2016-01-05')).body;
      const id = cm.indicators[0]!.id;
      const r = await send<ChangeRequest>(province, 'POST', `/api/v1/indicators/${id}/change-requests`, {
        kind: 'remove',
        reason: 'ไม่มีข้อมูลรายจังหวัด',
        requestedOn: '2016-01-20',
      });
      expect(r.status).toBe(201);
      const d = await send<ChangeRequest>(s, 'POST', `/api/v1/indicator-change-requests/${r.body.id}/decision`, {
        decision: 'approved',
        date: '2016-02-01',
      });
      expect(d.body).toMatchObject({ decision: 'approved', version: 2 });
      const codes = async (asOf: string) =>
        (await send<IndicatorReport>(province, 'GET', `/api/v1/reports/indicators?owner=50&fiscalYear=2559&asOf=${asOf}`)).body.indicators.map(
          (i) => i.code,
        );
      expect(await codes('2016-01-31')).toEqual(['CM-1']);
      expect(await codes('2016-02-01')).toEqual([]);
      const late = await send(province, 'PUT', `/api/v1/indicators/${id}/results/Q2`, { value: '1', date: '2016-04-01' });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe('Indicator CM-1 was removed from the agreement on 2016-02-01');
      const again = await send(province, 'POST', `/api/v1/indicators/${id}/change-requests`, { kind: 'change', nameTh: 'x', reason: 'x' });
      expect(again.status).toBe(409);
    });
  });

  describe('4. links and warnings', () => {
    it("links carry the share of a project's budget; a project serves at most 100 %, of its owner and fiscal year", async () => {
      const path = `/api/v1/indicators/${agri.id}/links`;
      const r = await send<Link[]>(officer, 'PUT', path, {
        links: [
          { project: 'P-LONGAN', component: 'longan', share: '62.5' },
          { project: 'P-TOUR', share: '10' },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual([
        { project: 'P-TOUR', projectNameTh: 'โครงการ P-TOUR', component: null, share: '10.00', projectBudget: '1000000.00', amount: '100000.00' },
        {
          project: 'P-LONGAN',
          projectNameTh: 'โครงการ P-LONGAN',
          component: 'longan',
          share: '62.50',
          projectBudget: '1000000.00',
          amount: '625000.00',
        },
      ]);
      const over = await send(officer, 'PUT', `/api/v1/indicators/${ids.get('KPI-1')}/links`, { links: [{ project: 'P-TOUR', share: '90.01' }] });
      expect(over.status).toBe(400);
      expect(over.body.error.message).toBe("links.0: the shares of project P-TOUR's budget linked to indicators would total 100.01 %, more than 100");
      for (const [project, message] of [
        ['P-OTHER', "links.0: project P-OTHER (owner upper-central-1) is not one of upper-north-1's"],
        ['P-OLD', 'links.0: project P-OLD is of fiscal year 2558, not 2559'],
        ['NOPE', 'links.0: project NOPE not found'],
      ]) {
        const x = await send(officer, 'PUT', path, { links: [{ project, share: '1' }] });
        expect(x.status).toBe(400);
        expect(x.body.error.message).toBe(message);
      }
      expect((await send(officer, 'PUT', path, { links: [{ project: 'P-LONGAN', component: 'garlic', share: '1' }] })).body.error.message).toBe(
        'links.0: indicator KPI-2 has no component garlic',
      );
    });

    it('warnings: unsupported components, the latest result behind its target, results missing for ended periods', async () => {
      const before = await send<Warnings>(officer, 'GET', `/api/v1/indicators/warnings?${Q('2016-01-05')}`);
      expect(before.body.items.filter((w) => w.indicator === 'KPI-2').map((w) => [w.kind, w.component, w.period])).toEqual([
        ['unsupported', 'garlic', null],
        ['unsupported', 'soybean', null],
        ['behind', null, 'Q1'],
      ]);
      const late = await send<Warnings>(officer, 'GET', `/api/v1/indicators/warnings?${Q('2016-10-01')}`);
      expect(late.body.items.filter((w) => w.indicator === 'KPI-2').map((w) => [w.kind, w.component, w.period, w.message])).toEqual([
        ['behind', null, 'Q1', 'The latest result of indicator KPI-2 (Q1: 1900.25 ล้านบาท) is behind its target 2000'],
        ['missing', null, 'annual', 'No result of indicator KPI-2 for annual, which ended on 2016-09-30'],
        ['missing', 'longan', 'annual', 'No result of component longan (ลำไย) of KPI-2 for annual, which ended on 2016-09-30'],
      ]);
    });
  });

  describe('5. weighted score and the ranking of clusters', () => {
    it('sum(weight x score) / sum(weight), half up to 4 decimals; ties share a rank', async () => {
      // upper-north-1: KPI-2 (weight 30) 10250 on 9500..11500 scores 2.5; KPI-1 (40) 35 on 10..50 scores 3.5; KPI-3 (30, lower) 33 on 45..25 scores 3.4.
      expect((await send(s, 'PUT', `/api/v1/indicators/${agri.id}/results/annual`, { value: '10250', date: '2016-10-10' })).status).toBe(200);
      await annual('KPI-1', '35');
      await annual('KPI-3', '33');
      const r = await send<IndicatorReport>(s, 'GET', `/api/v1/reports/indicators?${Q('2016-10-15')}`);
      expect(r.body.indicators.map((i) => [i.code, i.score])).toEqual([
        ['KPI-1', '3.5000'],
        ['KPI-2', '2.5000'],
        ['KPI-3', '3.4000'],
      ]);
      expect([r.body.weightedScore, r.body.scoredWeight, r.body.totalWeight]).toEqual(['3.1700', '100', '100']);
      // upper-north-2 ties exactly (one indicator: 2.17 on 0..4 scores 3.17); east scores 1/3 on thirds: 1.3333.
      await define('upper-north-2', 'N2-1', 'higher', '10', ['0', '1', '2', '3', '4']);
      await annual('N2-1', '2.17');
      await define('east', 'E-1', 'higher', '7', ['0', '3', '6', '9', '12']);
      await annual('E-1', '1');
      const k = await send<IndicatorRanking>(s, 'GET', '/api/v1/reports/indicator-ranking?fiscalYear=2559&asOf=2016-10-15');
      expect(k.status).toBe(200);
      expect(k.body.entries.slice(0, 4).map((e) => [e.rank, e.owner, e.weightedScore, e.scoredWeight])).toEqual([
        [1, 'upper-north-1', '3.1700', '100'],
        [1, 'upper-north-2', '3.1700', '10'],
        [3, 'east', '1.3333', '7'],
        [null, expect.any(String), null, '0'],
      ]);
      expect(k.body.entries.length).toBe(18);
      const before = await send<IndicatorRanking>(s, 'GET', '/api/v1/reports/indicator-ranking?fiscalYear=2559&asOf=2016-10-09');
      expect(before.body.entries.every((e) => e.rank === null)).toBe(true);
      expect((await send(reporter, 'GET', '/api/v1/reports/indicator-ranking?fiscalYear=2559&asOf=2016-10-15')).status).toBe(403);
    });
  });

  describe('6. the report as JSON, CSV and Thai text', () => {
    it('text in Thai with Thai digits, and CSV', async () => {
      const t = await s.api(`/api/v1/reports/indicators?${Q('2016-01-05')}&format=text`);
      expect(t.status).toBe(200);
      expect(await t.text()).toBe(
        [
          'ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (เสนอแล้ว) ประกอบด้วย ๓ ตัวชี้วัด คือ ' +
            'ตัวชี้วัดผลผลิต KPI-1, ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง) และตัวชี้วัดผลผลิต KPI-3 (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)',
          '๑. ตัวชี้วัดผลผลิต KPI-1 น้ำหนักร้อยละ ๔๐ ค่าเป้าหมาย ๓๐ หน่วย ยังไม่มีผลการดำเนินงาน ข้อสังเกต: ไม่มีโครงการที่สนับสนุนตัวชี้วัดนี้',
          '๒. ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง) น้ำหนักร้อยละ ๓๐ ค่าเป้าหมาย ๑๐,๕๐๐ ล้านบาท ' +
            'ผลการดำเนินงานล่าสุด (ไตรมาสที่ ๑) ๑,๙๐๐.๒๕ ล้านบาท คิดเป็นร้อยละ ๙๕.๐๑ ของค่าเป้าหมายของงวด ' +
            'อยู่ระหว่างขอเปลี่ยนตัวชี้วัด เนื่องจากกลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง ' +
            'ข้อสังเกต: ไม่มีโครงการที่สนับสนุนกระเทียมและถั่วเหลือง; ผลการดำเนินงานล่าสุดของตัวชี้วัด (ไตรมาสที่ ๑) ต่ำกว่าค่าเป้าหมาย',
          '๓. ตัวชี้วัดผลผลิต KPI-3 น้ำหนักร้อยละ ๓๐ ค่าเป้าหมาย ๓๕ หน่วย ยังไม่มีผลการดำเนินงาน ข้อสังเกต: ไม่มีโครงการที่สนับสนุนตัวชี้วัดนี้',
          '',
        ].join('\n'),
      );
      const late = await (await s.api(`/api/v1/reports/indicators?${Q('2016-10-15')}&format=text&digits=arabic`)).text();
      expect(late.split('\n').at(-2)).toBe('คะแนนเฉลี่ยถ่วงน้ำหนัก 3.1700 (จากตัวชี้วัดที่มีผลการดำเนินงานทั้งปี น้ำหนักรวม 100 จาก 100)');
      const c = await s.api(`/api/v1/reports/indicators?${Q('2016-10-15')}&format=csv`);
      expect(await c.text()).toBe(
        [
          'owner,fiscalYear,asOf,status,code,nameTh,unit,direction,weight,version,annualTarget,latestPeriod,latestValue,latestTarget,achievementPercent,score,openChangeRequests,warnings',
          'upper-north-1,2559,2016-10-15,proposed,KPI-1,ผลผลิต KPI-1,หน่วย,higher,40,1,30,annual,35,30,116.67,3.5000,0,No project supports indicator KPI-1',
          'upper-north-1,2559,2016-10-15,proposed,KPI-2,มูลค่าผลผลิตลำไย,ล้านบาท,higher,30,2,9500,annual,10250,9500,107.89,2.5000,0,"No result of component longan (ลำไย) of KPI-2 for annual, which ended on 2016-09-30"',
          'upper-north-1,2559,2016-10-15,proposed,KPI-3,ผลผลิต KPI-3,หน่วย,lower,30,1,35,annual,33,35,106.06,3.4000,0,No project supports indicator KPI-3',
          '',
        ].join('\n'),
      );
    });
  });
});
