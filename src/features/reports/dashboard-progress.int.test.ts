/**
 * The dashboard's plan line and target steps, and the split by budget category of the dashboard
 * and of the disbursement report, through the real HTTP API: on the demo data, and on data built
 * here (a plan revised after asOf, a cancelled project, budget lines and an adjustment by
 * category, an owner's own target). PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { Dashboard, DisbursementByCategory } from './report.schema.ts';

const none = { disbursedPercent: null, remaining: '0.00', remainingPercent: null };

/** The plan line as [month, cumulative, percent]. */
const line = (d: Dashboard) => d.planned.map((p) => [p.month, p.cumulative, p.cumulativePercent]);

describeEachDb('dashboard plan line, targets and categories on the demo data', (kind) => {
  let s: TestServer;
  let d: Dashboard;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    const r = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05');
    expect(r.status).toBe(200);
    d = r.body;
  });
  afterAll(() => s.close());

  // By hand from demo.data.ts: the 14 approved projects (all but UN1-2559-15, being revised) have
  // a plan spreading each budget line by DEMO_PLAN_MONTHLY_PERCENT (0, 1, 2, 5, 8, 12 × 7), so by the
  // end of each month the owner's plan is 0, 1, 3, 8, 16, 28, 40, 52, 64, 76, 88, 100 % of their
  // budgets, 359,420,700.00 - 20,600,000.00 = 338,820,700.00 (whole baht: every share is exact),
  // e.g. 3 % = 10,164,621.00. The percentages are of the allocation of all 15 projects,
  // 359,420,700.00: 10,164,621 / 359,420,700 = 2.8280…% → 2.83; 338,820,700 / 359,420,700 = 94.268…% → 94.27.
  it('draws the plan line of the 14 plans in force, at each month end of the fiscal year', () => {
    expect(d.projectsWithPlan).toBe(14);
    expect(line(d)).toEqual([
      ['2015-10', '0.00', '0.00'],
      ['2015-11', '3388207.00', '0.94'],
      ['2015-12', '10164621.00', '2.83'],
      ['2016-01', '27105656.00', '7.54'],
      ['2016-02', '54211312.00', '15.08'],
      ['2016-03', '94869796.00', '26.40'],
      ['2016-04', '135528280.00', '37.71'],
      ['2016-05', '176186764.00', '49.02'],
      ['2016-06', '216845248.00', '60.33'],
      ['2016-07', '257503732.00', '71.64'],
      ['2016-08', '298162216.00', '82.96'],
      ['2016-09', '338820700.00', '94.27'],
    ]);
    expect(d.planned.map((p) => p.endDate)).toEqual([
      '2015-10-31',
      '2015-11-30',
      '2015-12-31',
      '2016-01-31',
      '2016-02-29',
      '2016-03-31',
      '2016-04-30',
      '2016-05-31',
      '2016-06-30',
      '2016-07-31',
      '2016-08-31',
      '2016-09-30',
    ]);
  });

  it("steps to the cabinet's targets at each quarter end (DEMO_TARGETS_2559, whole allocation)", () => {
    expect(d.targets).toEqual([
      { quarter: 1, endDate: '2015-12-31', percent: '30.00', source: 'cabinet' },
      { quarter: 2, endDate: '2016-03-31', percent: '52.00', source: 'cabinet' },
      { quarter: 3, endDate: '2016-06-30', percent: '74.00', source: 'cabinet' },
      { quarter: 4, endDate: '2016-09-30', percent: '96.00', source: 'cabinet' },
    ]);
  });

  // By hand from demo.data.ts: investment lines are UN1-2559-05's 20,000,000.00 and UN1-2559-07's
  // 24,320,700.00 = 44,320,700.00, and the one investment payment is GF59-0501 (185,382.79, paid
  // against the investment contract สญ.59-05/001): 0.41827…% → 0.42. Everything else is operating:
  // 359,420,700.00 - 44,320,700.00 = 315,100,000.00 (14 projects: all but UN1-2559-07), disbursed
  // 1,421,593.29 - 185,382.79 = 1,236,210.50: 0.39232…% → 0.39. No project has an "other" line.
  const SPLIT = [
    {
      category: 'operating',
      projectCount: 14,
      allocated: '315100000.00',
      disbursed: '1236210.50',
      disbursedPercent: '0.39',
      remaining: '313863789.50',
      remainingPercent: '99.61',
    },
    {
      category: 'investment',
      projectCount: 2,
      allocated: '44320700.00',
      disbursed: '185382.79',
      disbursedPercent: '0.42',
      remaining: '44135317.21',
      remainingPercent: '99.58',
    },
    { category: 'other', projectCount: 0, allocated: '0.00', disbursed: '0.00', ...none },
  ];

  it('splits the dashboard and the disbursement report by category; the categories add up to the totals', async () => {
    expect(d.disbursement.byCategory).toEqual(SPLIT);
    const r = await s.json<DisbursementByCategory>('/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05');
    expect(r.body.byCategory).toEqual(SPLIT);
    const satang = (a: string) => BigInt(a.replace('.', ''));
    for (const f of ['allocated', 'disbursed', 'remaining'] as const) {
      expect(SPLIT.reduce((sum, c) => sum + satang(c[f]), 0n)).toBe(satang(r.body[f]));
    }
  });

  it('the CSV has one row per category after the totals; the text adds sentences only when asked', async () => {
    const base = '/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05';
    expect(await (await s.api(`${base}&format=csv`)).text()).toBe(
      'owner,fiscalYear,asOf,projectCount,allocated,disbursed,disbursedPercent,remaining,remainingPercent,category\n' +
        'upper-north-1,2559,2016-01-05,15,359420700.00,1421593.29,0.40,357999106.71,99.60,all\n' +
        'upper-north-1,2559,2016-01-05,14,315100000.00,1236210.50,0.39,313863789.50,99.61,operating\n' +
        'upper-north-1,2559,2016-01-05,2,44320700.00,185382.79,0.42,44135317.21,99.58,investment\n' +
        'upper-north-1,2559,2016-01-05,0,0.00,0.00,,0.00,,other\n',
    );
    const paragraph =
      'ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 ประจำปีงบประมาณ พ.ศ. 2559 จำนวน 1,421,593.29 บาท คิดเป็นร้อยละ 0.40 ' +
      'คงเหลือ 357,999,106.71 บาท คิดเป็นร้อยละ 99.60 (ข้อมูล ณ วันที่ 5 มกราคม 2559)\n' +
      'งบประมาณที่ได้รับจัดสรร 359,420,700.00 บาท จำนวน 15 โครงการ\n';
    expect(await (await s.api(`${base}&format=text&digits=arabic`)).text()).toBe(paragraph);
    expect(await (await s.api(`${base}&format=text&digits=arabic&byCategory=false`)).text()).toBe(paragraph);
    expect(await (await s.api(`${base}&format=text&digits=arabic&byCategory=true`)).text()).toBe(
      paragraph +
        'งบดำเนินงาน ได้รับจัดสรร 315,100,000.00 บาท เบิกจ่ายจำนวน 1,236,210.50 บาท คิดเป็นร้อยละ 0.39 คงเหลือ 313,863,789.50 บาท คิดเป็นร้อยละ 99.61\n' +
        'งบลงทุน ได้รับจัดสรร 44,320,700.00 บาท เบิกจ่ายจำนวน 185,382.79 บาท คิดเป็นร้อยละ 0.42 คงเหลือ 44,135,317.21 บาท คิดเป็นร้อยละ 99.58\n' +
        'งบรายจ่ายอื่น ไม่ได้รับจัดสรรงบประมาณ\n',
    );
    const bad = await s.json<{ error: { message: string } }>(`${base}&format=text&byCategory=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^byCategory: /);
  });

  it('a province without plans: the plan line is null at every month; the targets are the cabinet’s', async () => {
    // Chiang Mai's one FY 2559 demo project, CM-2559-01 (12,500,000.00, 1,250,000.00 paid), has no plan.
    const r = (await s.json<Dashboard>('/api/v1/reports/dashboard?owner=50&fiscalYear=2559&asOf=2016-01-05')).body;
    expect(r.projectsWithPlan).toBe(0);
    expect(r.planned).toHaveLength(12);
    expect(r.planned.every((p) => p.cumulative === null && p.cumulativePercent === null)).toBe(true);
    expect(r.targets.map((t) => [t.quarter, t.percent, t.source])).toEqual([
      [1, '30.00', 'cabinet'],
      [2, '52.00', 'cabinet'],
      [3, '74.00', 'cabinet'],
      [4, '96.00', 'cabinet'],
    ]);
    expect(r.disbursement.byCategory).toEqual([
      {
        category: 'operating',
        projectCount: 1,
        allocated: '12500000.00',
        disbursed: '1250000.00',
        disbursedPercent: '10.00',
        remaining: '11250000.00',
        remainingPercent: '90.00',
      },
      { category: 'investment', projectCount: 0, allocated: '0.00', disbursed: '0.00', ...none },
      { category: 'other', projectCount: 0, allocated: '0.00', disbursed: '0.00', ...none },
    ]);
  });
});

describeEachDb('dashboard plan line, targets and categories on data built for the case', (kind) => {
  let s: TestServer;
  const ok = async (method: string, path: string, body: unknown) => {
    const r = await s.json<unknown>(path, { method, body: JSON.stringify(body) });
    expect(r.status, `${method} ${path} ${JSON.stringify(body)} -> ${JSON.stringify(r.body)}`).toBeLessThan(300);
  };
  const project = (code: string, owner: string, budget: string) =>
    ok('POST', '/api/v1/projects', {
      code,
      fiscalYear: 2560,
      owner,
      nameTh: `โครงการ ${code}`,
      budget,
      status: 'approved',
      statusDate: '2016-10-01',
    });
  const dashboard = async (owner: string, asOf: string) => {
    const r = await s.json<Dashboard>(`/api/v1/reports/dashboard?owner=${owner}&fiscalYear=2560&asOf=${asOf}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  // FY 2560 = Oct 2016 - Sep 2017, upper-north-2:
  // - DP-01 1,000.00 (operating): plan v1 from 1 Oct 2016 (Nov 100, Dec 200, Mar 700), revised by
  //   v2 from 15 Jan 2017 (Nov 100, Dec 200, Feb 300, Jun 400); paid 250.00 on 10 Dec 2016.
  // - DP-02 1,000.00 in lines operating 300, investment 500, other 200, no plan; +100.00 investment
  //   on 20 Dec 2016; paid 30.00 operating (15 Nov), 125.00 investment (1 Dec), 50.00 other (1 Feb 2017).
  // - DP-03 400.00 (operating): plan Oct 400; cancelled on 1 Jan 2017.
  beforeAll(async () => {
    s = await startServer(kind);
    await project('DP-01', 'upper-north-2', '1000.00');
    await project('DP-02', 'upper-north-2', '1000.00');
    await project('DP-03', 'upper-north-2', '400.00');
    await project('DP-04', '50', '100.00');
    await ok('POST', '/api/v1/projects/DP-01/plans', {
      effectiveFrom: '2016-10-01',
      months: [
        { month: '2016-11', amount: '100.00' },
        { month: '2016-12', amount: '200.00' },
        { month: '2017-03', amount: '700.00' },
      ],
    });
    await ok('POST', '/api/v1/projects/DP-01/plans', {
      effectiveFrom: '2017-01-15',
      reason: 'เลื่อนงวดงาน',
      months: [
        { month: '2016-11', amount: '100.00' },
        { month: '2016-12', amount: '200.00' },
        { month: '2017-02', amount: '300.00' },
        { month: '2017-06', amount: '400.00' },
      ],
    });
    await ok('POST', '/api/v1/projects/DP-01/disbursements', { date: '2016-12-10', amount: '250.00', ref: 'DP1-1' });
    await ok('PUT', '/api/v1/projects/DP-02/budget-lines', {
      lines: [
        { category: 'operating', amount: '300.00' },
        { category: 'investment', amount: '500.00' },
        { category: 'other', amount: '200.00' },
      ],
      reason: 'แยกประเภทงบ',
    });
    await ok('POST', '/api/v1/projects/DP-02/adjustments', {
      date: '2016-12-20',
      amount: '100.00',
      ref: 'DP2-A',
      note: 'โอนเพิ่ม',
      category: 'investment',
    });
    await ok('POST', '/api/v1/projects/DP-02/disbursements', { date: '2016-11-15', amount: '30.00', ref: 'DP2-1', category: 'operating' });
    await ok('POST', '/api/v1/projects/DP-02/disbursements', { date: '2016-12-01', amount: '125.00', ref: 'DP2-2', category: 'investment' });
    await ok('POST', '/api/v1/projects/DP-02/disbursements', { date: '2017-02-01', amount: '50.00', ref: 'DP2-3', category: 'other' });
    await ok('POST', '/api/v1/projects/DP-03/plans', { months: [{ month: '2016-10', amount: '400.00' }] });
    await ok('POST', '/api/v1/projects/DP-03/status', { status: 'cancelled', date: '2017-01-01', reason: 'ยกเลิกโครงการ' });
    await ok('PUT', '/api/v1/targets', {
      fiscalYear: 2560,
      targets: [
        { quarter: 1, percent: '10' },
        { quarter: 2, percent: '40' },
        { quarter: 3, percent: '70' },
        { quarter: 4, percent: '100' },
        { quarter: 1, category: 'investment', percent: '5' },
      ],
    });
    await ok('PUT', '/api/v1/targets', { fiscalYear: 2560, owner: 'upper-north-2', targets: [{ quarter: 2, percent: '45.5' }] });
  });
  afterAll(() => s.close());

  describe('the plan line', () => {
    // As of 10 Jan 2017 the allocation is DP-01 1,000.00 + DP-02 1,100.00 = 2,100.00 (DP-03 cancelled).
    it('uses the plan in force on asOf: a revision effective after asOf is not yet the plan', async () => {
      const d = await dashboard('upper-north-2', '2017-01-10');
      expect(d.projectsWithPlan).toBe(1);
      // v1: 100 / 2,100 = 4.7619…% → 4.76; 300 → 14.2857…% → 14.29; 1,000 → 47.6190…% → 47.62
      expect(line(d)).toEqual([
        ['2016-10', '0.00', '0.00'],
        ['2016-11', '100.00', '4.76'],
        ['2016-12', '300.00', '14.29'],
        ['2017-01', '300.00', '14.29'],
        ['2017-02', '300.00', '14.29'],
        ['2017-03', '1000.00', '47.62'],
        ['2017-04', '1000.00', '47.62'],
        ['2017-05', '1000.00', '47.62'],
        ['2017-06', '1000.00', '47.62'],
        ['2017-07', '1000.00', '47.62'],
        ['2017-08', '1000.00', '47.62'],
        ['2017-09', '1000.00', '47.62'],
      ]);
    });

    it('from the revision on, its plan (600 = 28.5714…% → 28.57 from February)', async () => {
      const d = await dashboard('upper-north-2', '2017-01-15');
      expect(line(d).map(([m, c]) => [m, c])).toEqual([
        ['2016-10', '0.00'],
        ['2016-11', '100.00'],
        ['2016-12', '300.00'],
        ['2017-01', '300.00'],
        ['2017-02', '600.00'],
        ['2017-03', '600.00'],
        ['2017-04', '600.00'],
        ['2017-05', '600.00'],
        ['2017-06', '1000.00'],
        ['2017-07', '1000.00'],
        ['2017-08', '1000.00'],
        ['2017-09', '1000.00'],
      ]);
      expect(d.planned[4]!.cumulativePercent).toBe('28.57');
    });

    it('counts a project with its plan until it is cancelled', async () => {
      // 30 Dec 2016: DP-03 still counts: allocation 2,100.00 + 400.00 = 2,500.00; plans DP-01 v1 + DP-03
      const d = await dashboard('upper-north-2', '2016-12-30');
      expect(d.projectsWithPlan).toBe(2);
      expect(line(d).slice(0, 6)).toEqual([
        ['2016-10', '400.00', '16.00'],
        ['2016-11', '500.00', '20.00'],
        ['2016-12', '700.00', '28.00'],
        ['2017-01', '700.00', '28.00'],
        ['2017-02', '700.00', '28.00'],
        ['2017-03', '1400.00', '56.00'],
      ]);
      expect(d.disbursement).toMatchObject({ allocated: '2500.00', projectCount: 3 });
    });

    it('before any plan takes effect (and before the fiscal year) the line is null', async () => {
      const d = await dashboard('upper-north-2', '2016-09-30');
      expect(d.projectsWithPlan).toBe(0);
      expect(d.planned.map((p) => p.cumulative)).toEqual(Array(12).fill(null));
    });
  });

  describe('the target steps', () => {
    it("are the owner's own where set, else the cabinet's; only the whole-allocation targets", async () => {
      expect((await dashboard('upper-north-2', '2017-01-10')).targets).toEqual([
        { quarter: 1, endDate: '2016-12-31', percent: '10.00', source: 'cabinet' },
        { quarter: 2, endDate: '2017-03-31', percent: '45.50', source: 'owner' },
        { quarter: 3, endDate: '2017-06-30', percent: '70.00', source: 'cabinet' },
        { quarter: 4, endDate: '2017-09-30', percent: '100.00', source: 'cabinet' },
      ]);
      expect((await dashboard('50', '2017-01-10')).targets.map((t) => [t.quarter, t.percent, t.source])).toEqual([
        [1, '10.00', 'cabinet'],
        [2, '40.00', 'cabinet'],
        [3, '70.00', 'cabinet'],
        [4, '100.00', 'cabinet'],
      ]);
    });
  });

  describe('the split by budget category', () => {
    // As of 10 Jan 2017 (DP-03 cancelled, DP-02's "other" payment of 1 Feb not yet):
    // operating 1,000.00 + 300.00 = 1,300.00, paid 250.00 + 30.00 = 280.00 (21.5384…% → 21.54);
    // investment 500.00 + 100.00 = 600.00, paid 125.00 (20.8333…% → 20.83); other 200.00, paid 0.00.
    const SPLIT = [
      {
        category: 'operating',
        projectCount: 2,
        allocated: '1300.00',
        disbursed: '280.00',
        disbursedPercent: '21.54',
        remaining: '1020.00',
        remainingPercent: '78.46',
      },
      {
        category: 'investment',
        projectCount: 1,
        allocated: '600.00',
        disbursed: '125.00',
        disbursedPercent: '20.83',
        remaining: '475.00',
        remainingPercent: '79.17',
      },
      {
        category: 'other',
        projectCount: 1,
        allocated: '200.00',
        disbursed: '0.00',
        disbursedPercent: '0.00',
        remaining: '200.00',
        remainingPercent: '100.00',
      },
    ];

    it('adds up to the totals to the satang, in the report and the dashboard alike', async () => {
      const r = await s.json<DisbursementByCategory>('/api/v1/reports/disbursement?owner=upper-north-2&fiscalYear=2560&asOf=2017-01-10');
      expect(r.body).toMatchObject({ projectCount: 2, allocated: '2100.00', disbursed: '405.00', disbursedPercent: '19.29', remaining: '1695.00' });
      expect(r.body.byCategory).toEqual(SPLIT);
      expect((await dashboard('upper-north-2', '2017-01-10')).disbursement.byCategory).toEqual(SPLIT);
    });

    it('counts entries by their date: the adjustment from 20 Dec, the "other" payment from 1 Feb', async () => {
      const dec = (await dashboard('upper-north-2', '2016-12-19')).disbursement.byCategory;
      expect(dec.map((c) => [c.category, c.allocated, c.disbursed])).toEqual([
        ['operating', '1700.00', '280.00'],
        ['investment', '500.00', '125.00'],
        ['other', '200.00', '0.00'],
      ]);
      const feb = (await dashboard('upper-north-2', '2017-02-01')).disbursement;
      expect(feb.byCategory.map((c) => [c.category, c.allocated, c.disbursed, c.disbursedPercent])).toEqual([
        ['operating', '1300.00', '280.00', '21.54'],
        ['investment', '600.00', '125.00', '20.83'],
        ['other', '200.00', '50.00', '25.00'],
      ]);
      expect(feb).toMatchObject({ allocated: '2100.00', disbursed: '455.00' });
    });
  });
});
