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

  it('warns of approved projects without a commitment, of December reports overdue and of the missed first-quarter targets', () => {
    expect(r.targetInForce).toEqual({ quarter: 1, endDate: '2015-12-31', percent: '30.00', met: false });
    const overdue = ['03', '06', '10', '12'];
    expect(r.warnings.map((w) => [w.kind, w.project ?? w.category])).toEqual([
      ...['01', '02', '03', '04', '06', '09', '10', '11', '12', '13', '14'].flatMap((n) => [
        ...(n === '03' ? [] : [['no_commitment', `UN1-2559-${n}`]]),
        ...(overdue.includes(n) ? [['report_overdue', `UN1-2559-${n}`]] : []),
      ]),
      ['below_target', 'all'],
      ['below_target', 'investment'],
    ]);
    expect(r.warnings.find((w) => w.kind === 'report_overdue')!.messageTh).toBe('โครงการ UN1-2559-03 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ธันวาคม 2558');
  });

  it('has monthly progress reports: accepted, returned with a reason, awaiting review, a draft; the overdue list of December', async () => {
    expect(r.settings.reportsDueFrom).toBe('2015-12');
    const overdue = await s.json<{ count: number; items: { project: string; month: string; reportStatus: string | null }[] }>(
      '/api/v1/progress-reports/overdue?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05',
    );
    expect(overdue.body.items.map((i) => [i.project, i.month, i.reportStatus])).toEqual([
      ['UN1-2559-03', '2015-12', 'returned'],
      ['UN1-2559-06', '2015-12', null],
      ['UN1-2559-10', '2015-12', 'draft'],
      ['UN1-2559-12', '2015-12', null],
    ]);
    const reports = await s.json<{ month: string; status: string; submittedBy: string; reviewedBy: string | null; returnReason: string | null }[]>(
      '/api/v1/projects/UN1-2559-03/progress-reports',
    );
    expect(reports.body.map((x) => [x.month, x.status, x.submittedBy, x.reviewedBy])).toEqual([
      ['2015-11', 'accepted', 'reporter', 'officer-un1'],
      ['2015-12', 'returned', 'reporter', 'officer-un1'],
    ]);
    expect(reports.body[1]!.returnReason).toContain('ไม่สอดคล้องกับผลการเบิกจ่าย');
    const pending = await s.json<{ month: string; status: string }[]>('/api/v1/projects/UN1-2559-02/progress-reports');
    expect(pending.body.map((x) => [x.month, x.status])).toEqual([['2015-12', 'submitted']]);
    // Planned: every plan says 10 % at the end of December and 15 % at the end of January: 10 + 5 × 5/31 = 10.81 on 5 Jan.
    // Reported: the latest accepted report of 10 projects (UN1-2559-03's November 4 %, its December one being returned),
    // weighted by budget: 1,960,115,600 / 241,420,700 = 8.119… → 8.12.
    expect(r.physical).toEqual({ planned: '10.81', plannedProjects: 14, reported: '8.12', reportedProjects: 10 });
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
