/**
 * The progress report on the demo data (FY 2559, upper-north-1, as of 5 Jan 2559): the seed's
 * figures unchanged, the illustrative plans, commitments and targets as designed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { ProgressReport } from './progress.schema.ts';

describeEachDb('progress on the demo data', (kind) => {
  let s: TestServer;
  let r: ProgressReport;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    r = (await s.json<ProgressReport>('/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05')).body;
  });
  afterAll(() => s.close());

  it("keeps the seed's figures and adds plan, commitments and categories", () => {
    expect(r.projectCount).toBe(15);
    expect(r.projectsWithPlan).toBe(14);
    expect(r.totals).toEqual({
      allocated: '359420700.00',
      disbursed: '1421593.29',
      disbursedPercent: '0.40',
      // 1 % of every approved project's budget in Nov, 2 % in Dec, 5 % in Jan of which 5/31 by the 5th
      planned: '12897045.94',
      plannedPercent: '3.59',
      committed: '25600000.00',
      disbursedAgainstCommitments: '859142.79',
      uncommitted: '333258249.50',
    });
    expect(r.byCategory.map((c) => [c.category, c.allocated, c.disbursed, c.committed])).toEqual([
      ['operating', '315100000.00', '1236210.50', '2100000.00'],
      ['investment', '44320700.00', '185382.79', '23500000.00'],
    ]);
  });

  it('warns of approved projects without a commitment and of the missed first-quarter targets', () => {
    expect(r.targetInForce).toEqual({ quarter: 1, endDate: '2015-12-31', percent: '30.00', met: false });
    expect(r.warnings.map((w) => [w.kind, w.project ?? w.category])).toEqual([
      ...['01', '02', '04', '06', '09', '10', '11', '12', '13', '14'].map((n) => ['no_commitment', `UN1-2559-${n}`]),
      ['below_target', 'all'],
      ['below_target', 'investment'],
    ]);
  });

  // Checked independently: plan to 31 Mar 94,869,796.00 - 12,897,045.94 planned by 5 Jan, at 1,421,593.29 disbursed
  //
  it('forecasts the end of the quarter and of the year from the plan and the pace', () => {
    expect(r.forecasts.map((f) => [f.date, f.method, f.amount, f.percent, f.targetPercent])).toEqual([
      ['2016-03-31', 'sum', '10958220.94', '3.05', '52.00'],
      ['2016-09-30', 'sum', '39339224.88', '10.95', '96.00'],
    ]);
    expect(r.forecasts[0]!.explanation).toBe(
      "the sum of the projects' forecasts (14 from their plans, 1 at their pace): 3.05 % by 31 March 2016 against a target of 52.00 %",
    );
  });

  it('the disbursement report and its text are unchanged', async () => {
    const text = await (await s.api('/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05&format=text')).text();
    expect(text.split('\n')[0]).toBe(
      'ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)',
    );
  });
});
