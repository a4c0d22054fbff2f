/**
 * Project progress through the real HTTP API, on data built for each case: budget lines and the
 * rule per category, commitments and their limit, versioned plans, targets, the progress report
 * (figures by category, warnings, forecasts) in JSON, text, CSV and XLSX. PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { ProgressReport } from './progress.schema.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

describeEachDb('project progress API', (kind) => {
  let s: TestServer;
  const send = (method: string, path: string, body: unknown) =>
    s.json<ErrorBody & Record<string, unknown>>(path, { method, body: JSON.stringify(body) });
  const ok = async (method: string, path: string, body: unknown) => {
    const r = await send(method, path, body);
    expect(r.status, `${method} ${path} ${JSON.stringify(body)} -> ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  const project = (code: string, budget: string, statusDate: string) =>
    ok('POST', '/api/v1/projects', {
      code,
      fiscalYear: 2559,
      owner: 'upper-north-1',
      nameTh: `โครงการ ${code}`,
      budget,
      status: 'approved',
      statusDate,
    });
  const report = async (asOf: string) => {
    const r = await s.json<ProgressReport>(`/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=${asOf}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    s = await startServer(kind);
    await project('PG-01', '1000000.00', '2015-10-01');
    await project('PG-02', '200000.00', '2015-10-15');
    await project('PG-03', '300000.00', '2015-12-01');
  });
  afterAll(() => s.close());

  describe('budget lines by category', () => {
    it('a project without lines is all operating', async () => {
      expect((await s.json('/api/v1/projects/PG-02/budget-lines')).body).toEqual({
        project: 'PG-02',
        budget: '200000.00',
        explicit: false,
        lines: [{ category: 'operating', amount: '200000.00' }],
      });
    });

    it('sets lines; the budget becomes their sum; audited with the reason', async () => {
      const r = await ok('PUT', '/api/v1/projects/PG-01/budget-lines', {
        lines: [
          { category: 'investment', amount: '600000.00' },
          { category: 'operating', amount: '400000.00' },
        ],
        reason: 'แยกงบลงทุน',
      });
      expect(r).toEqual({
        project: 'PG-01',
        budget: '1000000.00',
        explicit: true,
        lines: [
          { category: 'operating', amount: '400000.00' },
          { category: 'investment', amount: '600000.00' },
        ],
      });
      expect((await s.json<{ budget: string }>('/api/v1/projects/PG-01')).body.budget).toBe('1000000.00');
      const audit = await s.json<{ action: string; reason: string }[]>('/api/v1/audit?entityType=project_budget_lines&entityKey=PG-01');
      expect(audit.body).toMatchObject([{ action: 'update', reason: 'แยกงบลงทุน' }]);
    });

    it('a disbursement must name its category when the project has several', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/disbursements', { date: '2015-11-25', amount: '50000.00', ref: 'D1' });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe('Project PG-01: the project has several budget categories (operating, investment): name the category');
      await ok('POST', '/api/v1/projects/PG-01/disbursements', { date: '2015-11-25', amount: '50000.00', ref: 'D1', category: 'operating' });
    });

    it('the ledger rule holds in each category', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/disbursements', {
        date: '2016-01-03',
        amount: '350000.01',
        ref: 'DX',
        category: 'operating',
      });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'over_allocation', details: { category: 'operating', remaining: '350000.00' } });
      expect(r.body.error.message).toBe(
        'A disbursement of 350000.01 would take project PG-01 above its allocation of 400000.00: 350000.00 remains (operating budget)',
      );
      const other = await send('POST', '/api/v1/projects/PG-01/disbursements', { date: '2016-01-03', amount: '1.00', ref: 'DY', category: 'other' });
      expect(other.status).toBe(400);
      expect(other.body.error.message).toBe('Project PG-01: the project has no other budget (its categories: operating, investment)');
    });

    it('lines below what a category disbursed are refused', async () => {
      const r = await send('PUT', '/api/v1/projects/PG-01/budget-lines', { lines: [{ category: 'investment', amount: '1000000.00' }], reason: 'x' });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toBe(
        'These budget lines would leave project PG-01 with a operating allocation of 0.00 as of 2015-11-25, below the 50000.00 disbursed from it by then',
      );
    });
  });

  describe('commitments', () => {
    it('records a contract; a disbursement against it takes its category', async () => {
      const c = await send('POST', '/api/v1/projects/PG-01/commitments', {
        number: 'C-1',
        date: '2015-11-20',
        vendor: 'บริษัท ก่อสร้าง จำกัด',
        amount: '500000.00',
        category: 'investment',
      });
      expect(c.status).toBe(201);
      expect(
        (
          await send('POST', '/api/v1/projects/PG-01/commitments', {
            number: 'C-1',
            date: '2015-11-20',
            vendor: 'บริษัท ก่อสร้าง จำกัด',
            amount: '500000.00',
            category: 'investment',
          })
        ).status,
      ).toBe(200);
      await ok('POST', '/api/v1/projects/PG-01/disbursements', { date: '2015-12-20', amount: '100000.00', ref: 'D2', commitment: 'C-1' });
      const ledger = await s.json<{ ref: string; category: string; commitment: string | null }[]>('/api/v1/projects/PG-01/ledger');
      expect(ledger.body.map((e) => [e.ref, e.category, e.commitment])).toEqual([
        ['D1', 'operating', null],
        ['D2', 'investment', 'C-1'],
      ]);
    });

    it('refuses a commitment above the uncommitted balance, with a clear message', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/commitments', {
        number: 'C-2',
        date: '2016-01-04',
        vendor: 'ร้านค้า ข',
        amount: '100000.01',
        category: 'investment',
      });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'over_allocation', details: { uncommitted: '100000.00', allocated: '600000.00' } });
      expect(r.body.error.message).toBe(
        'A commitment of 100000.01 is above the uncommitted balance of project PG-01 (investment budget) on 2016-01-04: 100000.00 of its 600000.00 allocation remains uncommitted',
      );
      const exact = await send('POST', '/api/v1/projects/PG-01/commitments', {
        number: 'C-2',
        kind: 'purchase_order',
        date: '2016-02-01',
        vendor: 'ร้านค้า ข',
        amount: '100000.00',
        category: 'investment',
      });
      expect(exact.status).toBe(201);
    });

    it('a disbursement against a commitment is at most its amount', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/disbursements', { date: '2016-02-02', amount: '100000.01', ref: 'D9', commitment: 'C-2' });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toBe('A disbursement of 100000.01 against commitment C-2 would make 100000.01 paid of its 100000.00');
    });

    it('the figures as of a date', async () => {
      const r = await s.json('/api/v1/projects/PG-01/commitments?asOf=2016-01-05');
      expect(r.body).toMatchObject({
        project: 'PG-01',
        asOf: '2016-01-05',
        items: [
          { number: 'C-1', kind: 'contract', date: '2015-11-20', amount: '500000.00', category: 'investment', paid: '100000.00' },
          { number: 'C-2', kind: 'purchase_order', date: '2016-02-01', amount: '100000.00', paid: '0.00' },
        ],
        figures: [
          {
            category: null,
            allocated: '1000000.00',
            committed: '500000.00',
            disbursed: '150000.00',
            disbursedAgainstCommitments: '100000.00',
            uncommitted: '450000.00',
          },
          { category: 'operating', allocated: '400000.00', committed: '0.00', disbursed: '50000.00', uncommitted: '350000.00' },
          { category: 'investment', allocated: '600000.00', committed: '500000.00', disbursed: '100000.00', uncommitted: '100000.00' },
        ],
      });
    });

    it('a commitment is deleted with a reason, not while paid against', async () => {
      const paid = await send('POST', '/api/v1/projects/PG-01/commitments/C-1/delete', { reason: 'ยกเลิกสัญญา' });
      expect(paid.status).toBe(409);
      expect(paid.body.error.message).toBe('Commitment C-1 of project PG-01 has 1 disbursement(s) paid against it: delete or correct them first');
      await ok('POST', '/api/v1/projects/PG-01/commitments', {
        number: 'C-X',
        date: '2016-01-04',
        vendor: 'v',
        amount: '1.00',
        category: 'operating',
      });
      expect((await send('POST', '/api/v1/projects/PG-01/commitments/C-X/delete', { reason: 'ผิดพลาด' })).status).toBe(200);
      expect((await send('POST', '/api/v1/projects/PG-01/commitments/C-X/delete', { reason: 'ผิดพลาด' })).status).toBe(404);
      const audit = await s.json<{ action: string; reason: string }[]>('/api/v1/audit?entityType=commitment&entityKey=PG-01/C-X');
      expect(audit.body.map((a) => a.action).sort()).toEqual(['create', 'delete']);
    });

    it('who may record commitments', async () => {
      const body = { number: 'C-9', date: '2016-01-04', vendor: 'v', amount: '1.00' };
      const officer = await s.as({ username: 'un1-officer', role: 'cluster_officer', scope: 'upper-north-1' });
      expect((await officer.json('/api/v1/projects/PG-02/commitments', { method: 'POST', body: JSON.stringify(body) })).status).toBe(201);
      const other = await s.as({ username: 'bkk-officer', role: 'province_officer', scope: '10' });
      expect(
        (await other.json('/api/v1/projects/PG-02/commitments', { method: 'POST', body: JSON.stringify({ ...body, number: 'C-10' }) })).status,
      ).toBe(403);
      const viewer = await s.as({ username: 'a-viewer', role: 'viewer' });
      expect(
        (await viewer.json('/api/v1/projects/PG-02/commitments', { method: 'POST', body: JSON.stringify({ ...body, number: 'C-11' }) })).status,
      ).toBe(403);
      const audit = await s.json<{ actor: string; entityKey: string }[]>('/api/v1/audit?entityType=commitment');
      expect(audit.body.map((a) => [a.actor, a.entityKey]).sort()).toEqual([
        ['test-admin (token test)', 'PG-01/C-1'],
        ['test-admin (token test)', 'PG-01/C-2'],
        ['test-admin (token test)', 'PG-01/C-X'],
        ['test-admin (token test)', 'PG-01/C-X'],
        ['un1-officer (token test)', 'PG-02/C-9'],
      ]);
    });
  });

  describe('plans', () => {
    it('saves the first plan, in force from the fiscal year start', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/plans', {
        months: [
          { month: '2015-11', category: 'operating', amount: '100000.00' },
          { month: '2015-12', category: 'operating', amount: '100000.00' },
          { month: '2015-12', category: 'investment', amount: '200000.00' },
          { month: '2016-01', category: 'investment', amount: '310000.00' },
        ],
        physical: [
          { month: '2015-11', percent: '10' },
          { month: '2015-12', percent: '30' },
          { month: '2016-01', percent: '60' },
        ],
        milestones: [{ key: 'M1', name: 'ลงนามสัญญา', plannedStart: '2015-11-01', plannedEnd: '2015-11-30' }],
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ project: 'PG-01', version: 1, effectiveFrom: '2015-10-01', reason: null, total: '710000.00' });
      await ok('POST', '/api/v1/projects/PG-03/plans', { months: [{ month: '2015-12', amount: '30000.00' }] });
    });

    it('refuses a plan above a category allocation, and a month before the fiscal year', async () => {
      const above = await send('POST', '/api/v1/projects/PG-02/plans', { months: [{ month: '2016-01', amount: '200000.01' }] });
      expect(above.status).toBe(400);
      expect(above.body.error.message).toBe(
        'The plan of project PG-02 disburses 200000.01 of its operating budget, above the allocation of 200000.00',
      );
      const early = await send('POST', '/api/v1/projects/PG-02/plans', { months: [{ month: '2015-09', amount: '1.00' }] });
      expect(early.body.error.message).toBe('Month 2015-09 is before fiscal year 2559 (from 2015-10)');
    });

    it('a revision needs a reason and takes effect no earlier than the plan in force', async () => {
      const months = [
        { month: '2015-12', amount: '30000.00' },
        { month: '2016-01', amount: '62000.00' },
      ];
      const noReason = await send('POST', '/api/v1/projects/PG-03/plans', { months, effectiveFrom: '2016-01-01' });
      expect(noReason.body.error.message).toBe('A revision of the plan of project PG-03 needs a reason');
      const early = await send('POST', '/api/v1/projects/PG-03/plans', { months, effectiveFrom: '2015-09-30', reason: 'r' });
      expect(early.status).toBe(400);
      const r = await send('POST', '/api/v1/projects/PG-03/plans', { months, effectiveFrom: '2016-01-01', reason: 'เพิ่มงวดเดือนมกราคม' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ version: 2, effectiveFrom: '2016-01-01', reason: 'เพิ่มงวดเดือนมกราคม', total: '92000.00' });
    });

    it('the plan in force on a date', async () => {
      expect((await s.json<{ version: number }>('/api/v1/projects/PG-03/plan?asOf=2015-12-31')).body.version).toBe(1);
      expect((await s.json<{ version: number }>('/api/v1/projects/PG-03/plan?asOf=2016-01-01')).body.version).toBe(2);
      expect((await s.json('/api/v1/projects/PG-03/plan?asOf=2015-09-30')).status).toBe(404);
      expect((await s.json<unknown[]>('/api/v1/projects/PG-03/plans')).body).toHaveLength(2);
    });

    it('milestones: actual dates', async () => {
      const r = await send('POST', '/api/v1/projects/PG-01/milestones/M1/actual', { actualStart: '2015-11-05' });
      expect(r.body).toEqual({
        key: 'M1',
        name: 'ลงนามสัญญา',
        plannedStart: '2015-11-01',
        plannedEnd: '2015-11-30',
        actualStart: '2015-11-05',
        actualEnd: null,
      });
      expect((await send('POST', '/api/v1/projects/PG-01/milestones/M1/actual', { actualEnd: '2015-11-04' })).status).toBe(400);
    });

    it('who may plan', async () => {
      const other = await s.as({ username: 'bkk-planner', role: 'province_officer', scope: '10' });
      const r = await other.json('/api/v1/projects/PG-02/plans', { method: 'POST', body: JSON.stringify({ months: [] }) });
      expect(r.status).toBe(403);
    });
  });

  describe('targets', () => {
    it('an administrator sets the cabinet targets; others may not', async () => {
      const body = {
        fiscalYear: 2559,
        targets: [
          { quarter: 1, percent: '12' },
          { quarter: 2, percent: '40' },
          { quarter: 1, category: 'investment', percent: '20' },
        ],
      };
      const officer = await s.as({ username: 'un1-target', role: 'cluster_officer', scope: 'upper-north-1' });
      expect((await officer.json('/api/v1/targets', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(403);
      expect(await ok('PUT', '/api/v1/targets', body)).toEqual({
        fiscalYear: 2559,
        owner: null,
        targets: [
          { quarter: 1, endDate: '2015-12-31', category: 'all', percent: '12.00', source: 'cabinet' },
          { quarter: 1, endDate: '2015-12-31', category: 'investment', percent: '20.00', source: 'cabinet' },
          { quarter: 2, endDate: '2016-03-31', category: 'all', percent: '40.00', source: 'cabinet' },
        ],
      });
    });
  });

  describe('the progress report', () => {
    beforeAll(async () => {
      await ok('POST', '/api/v1/projects/PG-02/disbursements', { date: '2015-12-10', amount: '20000.00', ref: 'E1' });
      await ok('POST', '/api/v1/projects/PG-03/disbursements', { date: '2015-12-15', amount: '3000.00', ref: 'F1' });
    });

    it('plan against actual by project and category, as of 5 Jan 2559', async () => {
      const r = await report('2016-01-05');
      expect(r).toMatchObject({
        owner: 'upper-north-1',
        fiscalYear: 2559,
        asOf: '2016-01-05',
        quarter: 2,
        settings: { behindPlanPoints: '10.00', noCommitmentDays: 60 },
        projectCount: 3,
        projectsWithPlan: 2,
        totals: {
          allocated: '1500000.00',
          disbursed: '173000.00',
          disbursedPercent: '11.53',
          planned: '490000.00',
          plannedPercent: '32.67',
          committed: '500001.00',
          disbursedAgainstCommitments: '100000.00',
          uncommitted: '926999.00',
        },
        byCategory: [
          {
            category: 'operating',
            allocated: '900000.00',
            disbursed: '73000.00',
            disbursedPercent: '8.11',
            planned: '240000.00',
            plannedPercent: '26.67',
          },
          {
            category: 'investment',
            allocated: '600000.00',
            disbursed: '100000.00',
            disbursedPercent: '16.67',
            planned: '250000.00',
            plannedPercent: '41.67',
            committed: '500000.00',
            uncommitted: '100000.00',
          },
        ],
        targetInForce: { quarter: 1, endDate: '2015-12-31', percent: '12.00', met: false },
      });
      expect(r.projects.map((p) => [p.code, p.planVersion, p.disbursedPercent, p.plannedPercent, p.plannedPhysicalPercent])).toEqual([
        ['PG-01', 1, '15.00', '45.00', '34.84'],
        ['PG-02', null, '10.00', null, null],
        ['PG-03', 2, '1.00', '13.33', null],
      ]);
      expect(r.warnings.map((w) => [w.kind, w.project, w.category])).toEqual([
        ['behind_plan', 'PG-01', null],
        ['behind_plan', 'PG-03', null],
        ['below_target', null, 'all'],
        ['below_target', null, 'investment'],
      ]);
      expect(r.warnings[0]!.message).toBe('Project PG-01 disbursed 15.00 % of its allocation by 2016-01-05, 30.00 points behind its plan (45.00 %)');
      expect(r.warnings[2]!.message).toBe(
        'upper-north-1 disbursed 11.53 % by 2016-01-05, below the target of 12.00 % for the end of quarter 1 (2015-12-31)',
      );
    });

    it('the forecast: each project from its plan in force or its pace; the owner their sum', async () => {
      const r = await report('2016-01-05');
      // PG-01: 150,000.00 disbursed of the 430,000.00 planned after 6 Nov; 260,000.00 planned ahead, at that rate: 240,697.67
      // PG-02 (no plan): 20,000.00 over the last 60 days, continued for 86 days: 48,666.66 (for 269 days to 30 Sep: 109,666.66)
      // PG-03 (version 2): 3,000.00 of 40,000.00 planned; 52,000.00 ahead at 7.5 %: 6,900.00
      expect(r.projects.map((p) => p.forecasts.map((f) => [f.method, f.amount]))).toEqual([
        [
          ['plan', '240697.67'],
          ['plan', '240697.67'],
        ],
        [
          ['pace', '48666.66'],
          ['pace', '109666.66'],
        ],
        [
          ['plan', '6900.00'],
          ['plan', '6900.00'],
        ],
      ]);
      expect(r.projects[0]!.forecasts[0]!.explanation).toBe(
        'the rest of the plan at 34.88 % of its pace, as over the last 60 days: 24.07 % by 31 March 2016 against a target of 40.00 %',
      );
      expect(r.projects[1]!.forecasts[0]!.explanation).toBe('at the pace of the last 60 days: 24.33 % by 31 March 2016 against a target of 40.00 %');
      expect(r.forecasts).toEqual([
        {
          date: '2016-03-31',
          method: 'sum',
          amount: '296264.33',
          percent: '19.75',
          targetPercent: '40.00',
          explanation:
            "the sum of the projects' forecasts (2 from their plans, 1 at their pace): 19.75 % by 31 March 2016 against a target of 40.00 %",
          explanationTh:
            'รวมคาดการณ์รายโครงการ (ตามแผน 2 โครงการ ตามอัตราการเบิกจ่าย 1 โครงการ) คาดว่าจะเบิกจ่ายได้ ร้อยละ 19.75 ภายในวันที่ 31 มีนาคม 2559 เทียบกับเป้าหมายร้อยละ 40.00',
        },
        expect.objectContaining({ date: '2016-09-30', method: 'sum', amount: '357264.33', percent: '23.82', targetPercent: null }),
      ]);
    });

    it('uses the plan in force on the date, and warns only past the settings', async () => {
      const r = await report('2015-12-31');
      const pg03 = r.projects.find((p) => p.code === 'PG-03')!;
      expect([pg03.planVersion, pg03.plannedPercent, pg03.disbursedPercent]).toEqual([1, '10.00', '1.00']); // 9 points: no warning
      expect(r.warnings.filter((w) => w.project === 'PG-03')).toEqual([]);
      // PG-02, approved 15 Oct 2558 without a commitment: 60 days on 14 Dec is not yet more than 60
      expect((await report('2015-12-14')).warnings.filter((w) => w.kind === 'no_commitment')).toEqual([]);
      const dec15 = (await report('2015-12-15')).warnings.filter((w) => w.kind === 'no_commitment');
      expect(dec15).toEqual([
        {
          kind: 'no_commitment',
          project: 'PG-02',
          category: null,
          message: 'Project PG-02, approved on 2015-10-15, has no commitment after 61 days (more than 60)',
          messageTh: 'โครงการ PG-02 อนุมัติเมื่อ 15 ตุลาคม 2558 ยังไม่มีการก่อหนี้ผูกพัน 61 วัน (เกิน 60 วัน)',
        },
      ]);
      // PG-02's commitment C-9 is dated 4 Jan 2559: no warning from then on
      expect((await report('2016-01-05')).warnings.filter((w) => w.kind === 'no_commitment')).toEqual([]);
    });

    it('settings and owner targets change the warnings', async () => {
      await ok('PUT', '/api/v1/progress/settings', { behindPlanPoints: '30', noCommitmentDays: 60 });
      await ok('PUT', '/api/v1/targets', { fiscalYear: 2559, owner: 'upper-north-1', targets: [{ quarter: 1, percent: '10' }] });
      const r = await report('2016-01-05');
      expect(r.settings.behindPlanPoints).toBe('30.00');
      expect(r.targetInForce).toEqual({ quarter: 1, endDate: '2015-12-31', percent: '10.00', met: true });
      // PG-01 is exactly 30 points behind: not more than the setting
      expect(r.warnings.map((w) => [w.kind, w.project, w.category])).toEqual([['below_target', null, 'investment']]);
      expect(r.targets.map((t) => [t.quarter, t.category, t.percent, t.source])).toEqual([
        [1, 'all', '10.00', 'owner'],
        [1, 'investment', '20.00', 'cabinet'],
        [2, 'all', '40.00', 'cabinet'],
      ]);
      await ok('PUT', '/api/v1/progress/settings', { behindPlanPoints: '10', noCommitmentDays: 60 });
      await ok('PUT', '/api/v1/targets', { fiscalYear: 2559, owner: 'upper-north-1', targets: [] });
    });

    it('text in Thai with Thai digits, CSV and XLSX', async () => {
      const text = await s.api('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05&format=text');
      const lines = (await text.text()).split('\n');
      expect(lines[0]).toBe('ความก้าวหน้าการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)');
      expect(lines[1]).toBe(
        'งบประมาณ ๑,๕๐๐,๐๐๐.๐๐ บาท เบิกจ่าย ๑๗๓,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๑๑.๕๓ ตามแผน ๔๙๐,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๓๒.๖๗ จำนวน ๓ โครงการ มีแผนการเบิกจ่าย ๒ โครงการ',
      );
      expect(lines).toContain('เป้าหมายการเบิกจ่ายสิ้นไตรมาสที่ ๑ (๓๑ ธันวาคม ๒๕๕๘) ร้อยละ ๑๒.๐๐ ต่ำกว่าเป้าหมาย');
      const csv = await (await s.api('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05&format=csv')).text();
      const rows = csv.trim().split('\n');
      expect(rows[0]).toBe(
        'code,nameTh,status,planVersion,allocated,disbursed,disbursedPercent,planned,plannedPercent,committed,disbursedAgainstCommitments,uncommitted,plannedPhysicalPercent,reportedPhysicalMonth,reportedPhysicalPercent,forecastDate,forecastPercent,warnings',
      );
      expect(rows[1]).toMatch(
        /^PG-01,โครงการ PG-01,approved,1,1000000\.00,150000\.00,15\.00,450000\.00,45\.00,500000\.00,100000\.00,450000\.00,34\.84,,,2016-03-31,/,
      );
      expect(rows).toHaveLength(5);
      const xlsx = await s.api('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05&format=xlsx');
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('ความก้าวหน้า')!;
      expect(ws.getRow(3).getCell(1).value).toBe('PG-01');
      expect(ws.getRow(3).getCell(6).value).toBe(150000);
    });

    it('a budget below what is committed is refused', async () => {
      const version = async () => (await s.json<{ version: number }>('/api/v1/projects/PG-02')).body.version;
      const r = await send('PATCH', '/api/v1/projects/PG-02', { budget: '20000.00', version: await version() });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toBe(
        'A budget of 20000.00 would leave project PG-02 with an allocation of 20000.00 as of 2016-01-04, below its 1.00 committed and 20000.00 disbursed without a commitment',
      );
      expect((await send('PATCH', '/api/v1/projects/PG-02', { budget: '20001.00', version: await version() })).status).toBe(200);
      expect((await send('PATCH', '/api/v1/projects/PG-02', { budget: '200000.00', version: await version() })).status).toBe(200);
    });

    it('read access: an agency reporter may not; a committee member of the cluster may', async () => {
      const reporter = await s.as({ username: 'rep-1', role: 'agency_reporter', projects: ['PG-01'] });
      expect((await reporter.json('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05')).status).toBe(403);
      const member = await s.as({ username: 'cm-1', role: 'committee_member', scope: 'upper-north-1' });
      expect((await member.json('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05')).status).toBe(200);
    });
  });

  describe('disbursement import with categories and commitments', () => {
    const upload = async (content: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([new TextEncoder().encode(content)]), 'd.csv');
      const res = await s.api('/api/v1/imports/disbursements', { method: 'POST', body: fd });
      return { status: res.status, body: (await res.json()) as { added?: number; error?: { details: { errors: unknown[] } } } };
    };

    it('names the category or the commitment of each row; a project with several categories needs one', async () => {
      const bad = await upload(
        'project_code,date,amount,ref,category,commitment\nPG-01,2016-02-03,10.00,IMP-1,,\nPG-01,2016-02-03,10.00,IMP-2,capital,\n',
      );
      expect(bad.status).toBe(422);
      expect(bad.body.error!.details.errors).toEqual([
        { row: 2, field: 'category', message: 'Project PG-01: the project has several budget categories (operating, investment): name the category' },
        {
          row: 3,
          field: 'category',
          message: '"capital" is not a budget category: use operating, investment, other or งบดำเนินงาน, งบลงทุน, งบรายจ่ายอื่น',
        },
      ]);
      const good = await upload(
        'รหัสโครงการ,วันที่,จำนวนเงิน,เลขที่เอกสาร,หมวดงบประมาณ,เลขที่สัญญา\nPG-01,3/2/2559,10.00,IMP-1,งบดำเนินงาน,\nPG-01,3/2/2559,20.00,IMP-2,,C-2\n',
      );
      expect(good).toMatchObject({ status: 200, body: { added: 2 } });
      const ledger = await s.json<{ ref: string; category: string; commitment: string | null }[]>('/api/v1/projects/PG-01/ledger');
      expect(ledger.body.filter((e) => e.ref.startsWith('IMP')).map((e) => [e.ref, e.category, e.commitment])).toEqual([
        ['IMP-1', 'operating', null],
        ['IMP-2', 'investment', 'C-2'],
      ]);
    });

    it('a correction may change the category and the commitment paid', async () => {
      type Entry = { id: string; ref: string; version: number; category: string; commitment: string | null };
      const entry = async () => (await s.json<Entry[]>('/api/v1/projects/PG-01/ledger')).body.find((e) => e.ref === 'IMP-1')!;
      const patch = async (body: object) =>
        send('PATCH', `/api/v1/projects/PG-01/ledger/${(await entry()).id}`, { version: (await entry()).version, reason: 'แก้ไข', ...body });
      expect((await patch({ commitment: 'C-2' })).body).toMatchObject({ category: 'investment', commitment: 'C-2' });
      const mismatch = await patch({ category: 'operating' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.message).toBe('Commitment C-2 is of the investment budget, not operating');
      expect((await patch({ category: 'operating', commitment: null })).body).toMatchObject({ category: 'operating', commitment: null });
    });
  });
});
