/**
 * Reports through the real HTTP API, over data built for each case: as-of semantics and
 * carry-over, cancelled projects, exact half-up percentages, rankings with ties, the text and CSV
 * formats, the dashboard's monthly curve. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

interface Report {
  owner: string;
  ownerKind: string;
  fiscalYear: number;
  asOf: string;
  projectCount: number;
  allocated: string;
  disbursed: string;
  disbursedPercent: string | null;
  remaining: string;
  remainingPercent: string | null;
  statusCounts: Record<string, number>;
}
interface RankingEntry {
  rank: number | null;
  owner: string;
  projectCount: number;
  allocated: string;
  disbursed: string;
  disbursedPercent: string | null;
}
interface Ranking {
  fiscalYear: number;
  asOf: string;
  level: string;
  scheme: string;
  cluster?: string;
  clusters?: RankingEntry[];
  provinces?: RankingEntry[];
}
interface Dashboard {
  disbursement: Report;
  monthly: { month: string; disbursed: string; cumulative: string; cumulativePercent: string | null }[];
  rank: { rank: number | null; of: number } | null;
}

describeEachDb('reports API', (kind) => {
  let s: TestServer;
  const post = async (path: string, body: unknown) => {
    const r = await s.json<unknown>(path, { method: 'POST', body: JSON.stringify(body) });
    expect(r.status, `${path} ${JSON.stringify(body)} -> ${JSON.stringify(r.body)}`).toBeLessThan(300);
  };
  let refNo = 0;
  /** A project approved on statusDate (default the first day of its fiscal year), with its disbursements. */
  const project = async (
    code: string,
    fiscalYear: number,
    owner: string,
    budget: string,
    disbursements: [date: string, amount: string][] = [],
    statusDate = `${fiscalYear - 544}-10-01`,
  ) => {
    await post('/api/v1/projects', { code, fiscalYear, owner, nameTh: `โครงการ ${code}`, budget, status: 'approved', statusDate });
    for (const [date, amount] of disbursements) await post(`/api/v1/projects/${code}/disbursements`, { date, amount, ref: `R${++refNo}` });
  };
  const report = async (owner: string, fiscalYear: number, asOf: string) => {
    const r = await s.json<Report>(`/api/v1/reports/disbursement?owner=${owner}&fiscalYear=${fiscalYear}&asOf=${asOf}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const ranking = async (query: string) => {
    const r = await s.json<Ranking>(`/api/v1/reports/ranking?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    s = await startServer(kind);
  });
  afterAll(() => s.close());

  describe('as-of semantics and carry-over (FY 2558, upper-north-1)', () => {
    beforeAll(async () => {
      // FY 2558 = 1 Oct 2014 - 30 Sep 2015; disbursements after 30 Sep 2015 are carry-over and count.
      await project('AS-01', 2558, 'upper-north-1', '1000.00', [
        ['2014-12-15', '100.00'],
        ['2015-09-30', '200.00'],
        ['2015-10-20', '50.00'],
        ['2016-01-06', '25.00'],
      ]);
      await project('AS-02', 2558, 'upper-north-1', '3000.00', [['2015-03-01', '300.00']]);
    });

    it('counts only entries dated on or before asOf', async () => {
      expect(await report('upper-north-1', 2558, '2014-12-14')).toMatchObject({ allocated: '4000.00', disbursed: '0.00', disbursedPercent: '0.00' });
      expect(await report('upper-north-1', 2558, '2015-09-29')).toMatchObject({ disbursed: '400.00', disbursedPercent: '10.00' });
      expect(await report('upper-north-1', 2558, '2015-09-30')).toMatchObject({ disbursed: '600.00', disbursedPercent: '15.00' });
    });

    it('counts carry-over disbursements dated after the fiscal year ends', async () => {
      expect(await report('upper-north-1', 2558, '2016-01-05')).toEqual({
        owner: 'upper-north-1',
        ownerKind: 'cluster',
        ownerNameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
        ownerNameEn: 'Upper Northern 1',
        fiscalYear: 2558,
        asOf: '2016-01-05',
        projectCount: 2,
        allocated: '4000.00',
        disbursed: '650.00',
        disbursedPercent: '16.25',
        remaining: '3350.00',
        remainingPercent: '83.75',
        statusCounts: { proposed: 0, revising: 0, approved: 2, in_progress: 0, completed: 0, cancelled: 0 },
        // projects without budget lines have one implicit operating line of their whole budget
        byCategory: [
          {
            category: 'operating',
            projectCount: 2,
            allocated: '4000.00',
            disbursed: '650.00',
            disbursedPercent: '16.25',
            remaining: '3350.00',
            remainingPercent: '83.75',
          },
          {
            category: 'investment',
            projectCount: 0,
            allocated: '0.00',
            disbursed: '0.00',
            disbursedPercent: null,
            remaining: '0.00',
            remainingPercent: null,
          },
          {
            category: 'other',
            projectCount: 0,
            allocated: '0.00',
            disbursed: '0.00',
            disbursedPercent: null,
            remaining: '0.00',
            remainingPercent: null,
          },
        ],
      });
      expect(await report('upper-north-1', 2558, '2016-01-06')).toMatchObject({ disbursed: '675.00', disbursedPercent: '16.88' });
      // the FY 2559 figures of the same cluster do not include FY 2558 carry-over
      expect(await report('upper-north-1', 2559, '2016-01-06')).toMatchObject({ projectCount: 0, allocated: '0.00', disbursedPercent: null });
    });

    it('counts the status each project had on asOf', async () => {
      await post('/api/v1/projects/AS-02/status', { status: 'completed', date: '2015-09-30', reason: 'เสร็จสิ้น' });
      expect((await report('upper-north-1', 2558, '2015-09-29')).statusCounts).toMatchObject({ approved: 2, completed: 0 });
      expect((await report('upper-north-1', 2558, '2015-09-30')).statusCounts).toMatchObject({ approved: 1, completed: 1 });
    });

    it('the dashboard curve: the 12 months of the fiscal year, then carry-over months, cumulative', async () => {
      const r = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2558&asOf=2016-01-05');
      expect(r.status).toBe(200);
      const months = [
        '2014-10',
        '2014-11',
        '2014-12',
        '2015-01',
        '2015-02',
        '2015-03',
        '2015-04',
        '2015-05',
        '2015-06',
        '2015-07',
        '2015-08',
        '2015-09',
      ];
      const expected = [
        ...months.map((month) => {
          const cumulative = month >= '2015-09' ? '600.00' : month >= '2015-03' ? '400.00' : month >= '2014-12' ? '100.00' : '0.00';
          const disbursed = month === '2014-12' ? '100.00' : month === '2015-03' ? '300.00' : month === '2015-09' ? '200.00' : '0.00';
          const cumulativePercent = { '0.00': '0.00', '100.00': '2.50', '400.00': '10.00', '600.00': '15.00' }[cumulative];
          return { month, disbursed, cumulative, cumulativePercent };
        }),
        { month: '2015-10', disbursed: '50.00', cumulative: '650.00', cumulativePercent: '16.25' },
      ];
      expect(r.body.monthly).toEqual(expected);
      expect(r.body.disbursement).toMatchObject({ disbursed: '650.00', disbursedPercent: '16.25' });
      expect(r.body.rank).toEqual({ rank: 1, of: 18, ranked: 1 });
    });

    it('the dashboard curve stops at the month of asOf', async () => {
      const r = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2558&asOf=2014-12-20');
      expect(r.body.monthly).toEqual([
        { month: '2014-10', disbursed: '0.00', cumulative: '0.00', cumulativePercent: '0.00' },
        { month: '2014-11', disbursed: '0.00', cumulative: '0.00', cumulativePercent: '0.00' },
        { month: '2014-12', disbursed: '100.00', cumulative: '100.00', cumulativePercent: '2.50' },
      ]);
    });
  });

  describe('cancelled projects (FY 2558, upper-north-2)', () => {
    beforeAll(async () => {
      await project('CX-01', 2558, 'upper-north-2', '1000.00', [['2014-11-10', '100.00']]);
      await project('CX-02', 2558, 'upper-north-2', '500.00', [['2014-11-20', '200.00']]);
      await post('/api/v1/projects/CX-02/status', { status: 'cancelled', date: '2015-06-01', reason: 'ยกเลิก' });
    });

    it('a project cancelled after asOf still counts as of before', async () => {
      expect(await report('upper-north-2', 2558, '2015-05-31')).toMatchObject({
        projectCount: 2,
        allocated: '1500.00',
        disbursed: '300.00',
        disbursedPercent: '20.00',
        remainingPercent: '80.00',
        statusCounts: { approved: 2, cancelled: 0 },
      });
    });

    it('from its cancellation on, it is out of allocated, disbursed and projectCount', async () => {
      expect(await report('upper-north-2', 2558, '2015-06-01')).toMatchObject({
        projectCount: 1,
        allocated: '1000.00',
        disbursed: '100.00',
        disbursedPercent: '10.00',
        remaining: '900.00',
        remainingPercent: '90.00',
        statusCounts: { approved: 1, cancelled: 1 },
      });
    });

    it('and out of the dashboard curve', async () => {
      const before = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-2&fiscalYear=2558&asOf=2015-05-31');
      expect(before.body.monthly.find((m) => m.month === '2014-11')).toEqual({
        month: '2014-11',
        disbursed: '300.00',
        cumulative: '300.00',
        cumulativePercent: '20.00',
      });
      const after = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-2&fiscalYear=2558&asOf=2015-06-01');
      expect(after.body.monthly.find((m) => m.month === '2014-11')).toEqual({
        month: '2014-11',
        disbursed: '100.00',
        cumulative: '100.00',
        cumulativePercent: '10.00',
      });
    });
  });

  describe('percentages rounded half up from exact values (FY 2560)', () => {
    // 8.04 / 800.00 = 1.005 % exactly: naive float rounding ((8.04/800*100).toFixed(2)) gives 1.00.
    // 0.28 / 800.00 = 0.035 % exactly: naive float rounding gives 0.03.
    beforeAll(async () => {
      await project('PC-01', 2560, '50', '800.00', [['2016-11-01', '8.04']]);
      await project('PC-02', 2560, '51', '800.00', [['2016-11-01', '0.28']]);
      await project('PC-03', 2560, '52', '300.00', [['2016-11-01', '100.00']]);
    });

    it('1.005 % is 1.01, and the remaining percent is 100.00 - 1.01 = 98.99', async () => {
      expect(await report('50', 2560, '2017-01-01')).toMatchObject({
        ownerKind: 'province',
        allocated: '800.00',
        disbursed: '8.04',
        disbursedPercent: '1.01',
        remaining: '791.96',
        remainingPercent: '98.99',
      });
      expect((await s.json<{ disbursedPercent: string }>('/api/v1/projects/PC-01?asOf=2017-01-01')).body.disbursedPercent).toBe('1.01');
    });

    it('0.035 % is 0.04, remaining 99.96', async () => {
      expect(await report('51', 2560, '2017-01-01')).toMatchObject({ disbursedPercent: '0.04', remainingPercent: '99.96' });
    });

    it('33.333… % is 33.33 and the remaining 66.67 (the two always add up to 100.00)', async () => {
      expect(await report('52', 2560, '2017-01-01')).toMatchObject({ disbursedPercent: '33.33', remaining: '200.00', remainingPercent: '66.67' });
    });

    it('the CSV format carries the same exact strings', async () => {
      const res = await s.api('/api/v1/reports/disbursement?owner=TH-50&fiscalYear=2560&asOf=2017-01-01&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(await res.text()).toBe(
        'owner,fiscalYear,asOf,projectCount,allocated,disbursed,disbursedPercent,remaining,remainingPercent,category\n' +
          '50,2560,2017-01-01,1,800.00,8.04,1.01,791.96,98.99,all\n' +
          '50,2560,2017-01-01,1,800.00,8.04,1.01,791.96,98.99,operating\n' +
          '50,2560,2017-01-01,0,0.00,0.00,,0.00,,investment\n' +
          '50,2560,2017-01-01,0,0.00,0.00,,0.00,,other\n',
      );
    });

    it('the text format: Thai digits, and never a unit after a percentage', async () => {
      const res = await s.api('/api/v1/reports/disbursement?owner=50&fiscalYear=2560&asOf=2017-01-01&format=text');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const text = await res.text();
      expect(text).not.toMatch(/[0-9]/);
      expect(text).toContain('พ.ศ. ๒๕๖๐');
      expect(text).toContain('จำนวน ๘.๐๔ บาท คิดเป็นร้อยละ ๑.๐๑ คงเหลือ ๗๙๑.๙๖ บาท คิดเป็นร้อยละ ๙๘.๙๙');
      expect(text).not.toMatch(/ร้อยละ\s*[๐-๙0-9.,]+\s*บาท/);
      const arabic = await (await s.api('/api/v1/reports/disbursement?owner=50&fiscalYear=2560&asOf=2017-01-01&format=text&digits=arabic')).text();
      expect(arabic).toContain('คิดเป็นร้อยละ 1.01 คงเหลือ 791.96 บาท คิดเป็นร้อยละ 98.99');
      expect(arabic).not.toMatch(/[๐-๙]/);
    });
  });

  // Regression (fixed in 2cbd8d2): a province's report read "…โครงการเชียงใหม่"; Thai official style
  // is "…โครงการจังหวัดเชียงใหม่" (Bangkok, กรุงเทพมหานคร, takes no prefix).
  describe('a province report names the province as จังหวัด…', () => {
    it('the text report of province 50 says จังหวัดเชียงใหม่', async () => {
      const text = await (await s.api('/api/v1/reports/disbursement?owner=50&fiscalYear=2560&asOf=2017-01-01&format=text')).text();
      expect(text).toMatch(/^ผลการเบิกจ่ายงบประมาณโครงการจังหวัดเชียงใหม่ ประจำปีงบประมาณ พ\.ศ\. ๒๕๖๐ /);
    });
  });

  describe('cluster ranking (FY 2559)', () => {
    beforeAll(async () => {
      await project('RK-01', 2559, 'east', '1000.00', [['2015-11-01', '500.00']]); // 50 %
      await project('RK-02', 2559, 'upper-north-2', '400.00', [['2015-11-01', '100.00']]); // 25 %
      await project('RK-03', 2559, 'lower-north-1', '800.00', [['2015-11-01', '200.00']]); // 25 %
      await project('RK-04', 2559, 'south-gulf', '1000.00', [['2015-11-01', '100.00']]); // 10 %
      await project('RK-05', 2559, 'southern-border', '0.00'); // no allocation
      await project('RK-06', 2559, 'south-gulf', '3000.00', [['2016-02-01', '3000.00']]); // after asOf
    });

    it('ties share a rank (1, 2, 2, 4); clusters with no allocation come last with rank null', async () => {
      const r = await ranking('fiscalYear=2559&asOf=2016-01-05');
      expect(r).toMatchObject({ fiscalYear: 2559, asOf: '2016-01-05', level: 'cluster', scheme: '2552' });
      const clusters = r.clusters!;
      expect(clusters).toHaveLength(18);
      expect(clusters.slice(0, 4).map((c) => [c.rank, c.owner, c.disbursedPercent])).toEqual([
        [1, 'east', '50.00'],
        [2, 'upper-north-2', '25.00'],
        [2, 'lower-north-1', '25.00'],
        [4, 'south-gulf', '2.50'],
      ]);
      expect(clusters[3]).toMatchObject({ projectCount: 2, allocated: '4000.00', disbursed: '100.00' });
      const unranked = clusters.slice(4);
      expect(unranked.every((c) => c.rank === null && c.disbursedPercent === null && c.allocated === '0.00')).toBe(true);
      expect(unranked.find((c) => c.owner === 'southern-border')).toMatchObject({ rank: null, projectCount: 1 });
      expect(new Set(clusters.map((c) => c.owner)).size).toBe(18);
    });

    it('ranks by the exact ratio, not by the rounded percentage', async () => {
      // 1/3 and 3333/10000 both show as 33.33 %, but are not equal: no tie.
      await project('RK-07', 2559, 'middle-central', '300.00', [['2015-11-01', '100.00']]);
      await project('RK-08', 2559, 'east', '0.00');
      await project('RK-09', 2559, 'lower-central-1', '10000.00', [['2015-11-01', '3333.00']]);
      const c = (await ranking('fiscalYear=2559&asOf=2016-01-05')).clusters!;
      expect(c.slice(0, 6).map((e) => [e.rank, e.owner, e.disbursedPercent])).toEqual([
        [1, 'east', '50.00'],
        [2, 'middle-central', '33.33'],
        [3, 'lower-central-1', '33.33'],
        [4, 'upper-north-2', '25.00'],
        [4, 'lower-north-1', '25.00'],
        [6, 'south-gulf', '2.50'],
      ]);
    });

    it('the ranking as text (Thai digits, no unit after a percentage) and CSV', async () => {
      const text = await (await s.api('/api/v1/reports/ranking?fiscalYear=2559&asOf=2016-01-05&format=text')).text();
      expect(text).not.toMatch(/[0-9]/);
      expect(text).toContain('ลำดับที่ ๑ จาก ๑๘ กลุ่มจังหวัดภาคตะวันออก เบิกจ่าย ๕๐๐.๐๐ บาท จากงบประมาณ ๑,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๕๐.๐๐');
      expect(text).not.toMatch(/ร้อยละ\s*[๐-๙.,]+\s*บาท/);
      const csv = (await (await s.api('/api/v1/reports/ranking?fiscalYear=2559&asOf=2016-01-05&format=csv')).text()).split('\n');
      expect(csv[0]).toBe('rank,owner,nameTh,projectCount,allocated,disbursed,disbursedPercent');
      expect(csv[1]).toBe('1,east,กลุ่มจังหวัดภาคตะวันออก,2,1000.00,500.00,50.00');
      expect(csv).toHaveLength(18 + 2); // header, 18 rows, final newline
    });
  });

  describe('province ranking (FY 2561)', () => {
    beforeAll(async () => {
      await project('PR-50', 2561, '50', '1000.00', [['2017-11-01', '100.00']]); // 10 %
      await project('PR-51', 2561, '51', '1000.00', [['2017-11-01', '300.00']]); // 30 %
      await project('PR-58', 2561, '58', '2000.00', [['2017-11-01', '600.00']]); // 30 %
      await project('PR-30', 2561, '30', '1000.00', [['2017-11-01', '500.00']]); // 50 %, another cluster
      await project('PR-CL', 2561, 'upper-north-1', '1000.00', [['2017-11-01', '1000.00']]); // a cluster project: not a province's
    });

    it('within a cluster: the 4 provinces of upper-north-1, ties shared, no allocation unranked', async () => {
      const r = await ranking('fiscalYear=2561&asOf=2018-01-05&level=province&cluster=upper-north-1');
      expect(r).toMatchObject({ level: 'province', scheme: '2560', cluster: 'upper-north-1' });
      expect(r.provinces!.map((p) => [p.rank, p.owner, p.disbursedPercent])).toEqual([
        [1, '51', '30.00'],
        [1, '58', '30.00'],
        [3, '50', '10.00'],
        [null, '52', null],
      ]);
    });

    it('nationally: every province in a cluster (Bangkok is in none)', async () => {
      const r = await ranking('fiscalYear=2561&asOf=2018-01-05&level=province');
      const provinces = r.provinces!;
      expect(provinces).toHaveLength(76);
      expect(provinces.some((p) => p.owner === '10')).toBe(false);
      expect(provinces.slice(0, 4).map((p) => [p.rank, p.owner])).toEqual([
        [1, '30'],
        [2, '51'],
        [2, '58'],
        [4, '50'],
      ]);
      expect(provinces.slice(4).every((p) => p.rank === null)).toBe(true);
    });

    it('an unknown cluster is 400', async () => {
      const r = await s.json<{ error: { code: string } }>('/api/v1/reports/ranking?fiscalYear=2561&asOf=2018-01-05&level=province&cluster=nowhere');
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation');
    });
  });

  describe('report validation', () => {
    it('asOf, fiscalYear and owner are required and checked', async () => {
      for (const query of [
        'owner=upper-north-1&fiscalYear=2559',
        'owner=upper-north-1&asOf=2016-01-05',
        'owner=upper-north-1&fiscalYear=2559&asOf=2016-13-01',
        'owner=nowhere&fiscalYear=2559&asOf=2016-01-05',
        'owner=east-1&fiscalYear=2559&asOf=2016-01-05',
      ]) {
        const r = await s.json<{ error: { code: string } }>(`/api/v1/reports/disbursement?${query}`);
        expect(r.status, query).toBe(400);
        expect(r.body.error.code, query).toBe('validation');
      }
    });
  });
});

describeEachDb('reports on the demo data', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
  });
  afterAll(() => s.close());

  it('the seed sentence, in Thai digits, with no unit after a percentage', async () => {
    const res = await s.api('/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05&format=text');
    const text = await res.text();
    expect(text).toContain('จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)');
    expect(text).not.toMatch(/ร้อยละ\s*[๐-๙.,]+\s*บาท/);
    expect(text).not.toMatch(/[0-9]/);
  });

  it('the dashboard of FY 2559: its cumulative curve ends at the report figures', async () => {
    const r = await s.json<Dashboard>('/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05');
    expect(r.status).toBe(200);
    expect(r.body.monthly.map((m) => m.month)).toEqual(['2015-10', '2015-11', '2015-12', '2016-01']);
    const last = r.body.monthly.at(-1)!;
    expect(last).toMatchObject({ cumulative: '1421593.29', cumulativePercent: '0.40' });
    // cumulative is the running sum of the monthly amounts, in satang
    let sum = 0n;
    for (const m of r.body.monthly) {
      sum += BigInt(m.disbursed.replace('.', ''));
      expect(BigInt(m.cumulative.replace('.', ''))).toBe(sum);
    }
    expect(r.body.rank?.of).toBe(18);
  });

  it('FY 2558 cluster ranking: upper-north-1 is 7th of 18 at 72.32 %', async () => {
    const r = await s.json<Ranking>('/api/v1/reports/ranking?fiscalYear=2558&asOf=2016-01-05');
    expect(r.body.clusters!.find((c) => c.owner === 'upper-north-1')).toMatchObject({
      rank: 7,
      disbursed: '205973814.96',
      disbursedPercent: '72.32',
    });
  });
});
