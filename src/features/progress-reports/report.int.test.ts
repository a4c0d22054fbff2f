/** Monthly progress reports through the HTTP API: the review cycle, refusals, the overdue listing. PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import type { MonthlyReport, OverdueReports } from './report.schema.ts';
import type { ProgressReport } from '../progress/progress.schema.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

describeEachDb('progress reports API', (kind) => {
  let s: TestServer;
  let reporter: Client;
  let officer: Client;
  const put = (c: Client, path: string, body: unknown) => c.json<MonthlyReport & ErrorBody>(path, { method: 'PUT', body: JSON.stringify(body) });
  const post = (c: Client, path: string, body: unknown) => c.json<MonthlyReport & ErrorBody>(path, { method: 'POST', body: JSON.stringify(body) });
  const R = '/api/v1/projects/PR-01/progress-reports';

  beforeAll(async () => {
    s = await startServer(kind);
    for (const [code, date] of [
      ['PR-01', '2015-10-01'],
      ['PR-02', '2015-11-20'],
    ]) {
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({
          code,
          fiscalYear: 2559,
          owner: '50',
          nameTh: `โครงการ ${code}`,
          budget: '100000.00',
          status: 'approved',
          statusDate: date,
        }),
      });
      expect(r.status).toBe(201);
    }
    reporter = await s.as({ username: 'rep', role: 'agency_reporter', projects: ['PR-01'] });
    officer = await s.as({ username: 'prov', role: 'province_officer', scope: '50' });
  });
  afterAll(() => s.close());

  describe('the review cycle', () => {
    it('submit, return with a reason the reporter sees, resubmit, accept; an accepted report cannot change', async () => {
      const draft = await put(reporter, `${R}/2015-11`, { percent: '12.5', done: 'สำรวจพื้นที่' });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ month: '2015-11', percent: '12.50', status: 'draft', version: 1, submittedBy: null });
      const sub = await put(reporter, `${R}/2015-11`, { percent: '15', done: 'สำรวจพื้นที่', obstacles: 'ฝนตก', submit: true, version: 1 });
      expect(sub.body).toMatchObject({ percent: '15.00', status: 'submitted', version: 2, submittedBy: 'rep', obstacles: 'ฝนตก' });
      const reviewSelf = await post(reporter, `${R}/2015-11/review`, { decision: 'accept' });
      expect(reviewSelf.status).toBe(403);
      expect(reviewSelf.body.error.message).toContain('may not review progress reports of project PR-01');
      const noReason = await post(officer, `${R}/2015-11/review`, { decision: 'return' });
      expect(noReason.status).toBe(400);
      const ret = await post(officer, `${R}/2015-11/review`, { decision: 'return', reason: 'ระบุปริมาณงานให้ชัดเจน' });
      expect(ret.body).toMatchObject({ status: 'returned', version: 3, reviewedBy: 'prov', returnReason: 'ระบุปริมาณงานให้ชัดเจน' });
      const seen = await reporter.json<MonthlyReport[]>(R);
      expect(seen.body.map((r) => [r.month, r.status, r.returnReason])).toEqual([['2015-11', 'returned', 'ระบุปริมาณงานให้ชัดเจน']]);
      const stale = await put(reporter, `${R}/2015-11`, { percent: '15', submit: true, version: 2 });
      expect(stale.status).toBe(409);
      const again = await put(reporter, `${R}/2015-11`, { percent: '15', done: 'ขุดดิน 300 ลบ.ม.', submit: true, version: 3 });
      expect(again.body).toMatchObject({ status: 'submitted', version: 4, done: 'ขุดดิน 300 ลบ.ม.' });
      const acc = await post(officer, `${R}/2015-11/review`, { decision: 'accept' });
      expect(acc.body).toMatchObject({ status: 'accepted', version: 5, reviewedBy: 'prov' });
      const change = await put(reporter, `${R}/2015-11`, { percent: '20', submit: true });
      expect(change.status).toBe(409);
      expect(change.body.error.message).toBe('The progress report of project PR-01 for 2015-11 is accepted: it can no longer change');
      const audit = await s.json<{ action: string; reason: string | null }[]>('/api/v1/audit?entityType=progress_report&entityKey=PR-01/2015-11');
      expect(audit.body.map((a) => [a.action, a.reason]).sort()).toEqual(
        [
          ['create', null],
          ['submit', null],
          ['return', 'ระบุปริมาณงานให้ชัดเจน'],
          ['resubmit', null],
          ['accept', null],
        ].sort(),
      );
    });

    it('refuses a reporter on an unassigned project and a viewer', async () => {
      const other = await put(reporter, '/api/v1/projects/PR-02/progress-reports/2015-12', { percent: '5', submit: true });
      expect(other.status).toBe(403);
      expect(other.body.error.message).toContain('may not report progress of project PR-02');
      const viewer = await s.as({ username: 'view', role: 'viewer' });
      expect((await put(viewer, `${R}/2015-12`, { percent: '5' })).status).toBe(403);
      expect((await post(viewer, `${R}/2015-11/review`, { decision: 'accept' })).status).toBe(403);
      expect((await reporter.json('/api/v1/projects/PR-02/progress-reports')).status).toBe(403);
      // An officer does not review a report it submitted itself.
      expect((await put(officer, '/api/v1/projects/PR-02/progress-reports/2015-10', { percent: '1', submit: true })).status).toBe(200);
      const own = await post(officer, '/api/v1/projects/PR-02/progress-reports/2015-10/review', { decision: 'accept' });
      expect(own.status).toBe(403);
      expect(own.body.error.message).toBe(
        'prov (province officer of 50) may not review the progress report of project PR-02 for 2015-10: they submitted it',
      );
    });
  });

  describe('overdue reports', () => {
    const overdue = async (asOf: string) =>
      (await s.json<OverdueReports>(`/api/v1/progress-reports/overdue?owner=50&fiscalYear=2559&asOf=${asOf}`)).body;

    it('none is due before the setting names a first month', async () => {
      expect(await overdue('2016-01-05')).toMatchObject({ reportsDueFrom: null, count: 0, items: [] });
    });

    it('lists months ended without a submitted or accepted report, from the month of approval', async () => {
      const set = await s.json('/api/v1/progress/settings', {
        method: 'PUT',
        body: JSON.stringify({ behindPlanPoints: '10', noCommitmentDays: 60, reportsDueFrom: '2015-10' }),
      });
      expect(set.body).toEqual({ behindPlanPoints: '10.00', noCommitmentDays: 60, reportsDueFrom: '2015-10' });
      await put(reporter, `${R}/2015-12`, { percent: '20' });
      const r = await overdue('2016-01-05');
      expect(r).toEqual({
        owner: '50',
        fiscalYear: 2559,
        asOf: '2016-01-05',
        reportsDueFrom: '2015-10',
        count: 4,
        items: [
          { project: 'PR-01', nameTh: 'โครงการ PR-01', status: 'approved', month: '2015-10', reportStatus: null },
          { project: 'PR-01', nameTh: 'โครงการ PR-01', status: 'approved', month: '2015-12', reportStatus: 'draft' },
          { project: 'PR-02', nameTh: 'โครงการ PR-02', status: 'approved', month: '2015-11', reportStatus: null },
          { project: 'PR-02', nameTh: 'โครงการ PR-02', status: 'approved', month: '2015-12', reportStatus: null },
        ],
      });
      expect((await overdue('2015-12-31')).count).toBe(2);
      expect((await reporter.json('/api/v1/progress-reports/overdue?owner=50&fiscalYear=2559&asOf=2016-01-05')).status).toBe(403);
    });
  });

  describe('warnings of the progress report', () => {
    const report = async () => (await s.json<ProgressReport>('/api/v1/reports/progress?owner=50&fiscalYear=2559&asOf=2016-01-05')).body;
    const settings = (behindPlanPoints: string, reportsDueFrom?: string | null) =>
      s.json('/api/v1/progress/settings', { method: 'PUT', body: JSON.stringify({ behindPlanPoints, noCommitmentDays: 60, reportsDueFrom }) });

    beforeAll(async () => {
      for (const [code, physical] of [
        [
          'PR-01',
          [
            { month: '2015-11', percent: '20' },
            { month: '2015-12', percent: '40' },
          ],
        ],
        ['PR-02', [{ month: '2015-12', percent: '50' }]],
      ] as const) {
        const r = await s.json(`/api/v1/projects/${code}/plans`, {
          method: 'POST',
          body: JSON.stringify({ months: [{ month: '2015-12', amount: '1000.00' }], physical }),
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      // PR-02: 30 % by the end of December, accepted; its plan says 50 %.
      expect((await put(officer, '/api/v1/projects/PR-02/progress-reports/2015-12', { percent: '30', submit: true })).status).toBe(200);
      expect((await post(s, '/api/v1/projects/PR-02/progress-reports/2015-12/review', { decision: 'accept' })).body.status).toBe('accepted');
    });

    it('warns of overdue reports and of physical progress behind plan by more than the setting', async () => {
      const r = await report();
      expect(r.settings).toEqual({ behindPlanPoints: '10.00', noCommitmentDays: 60, reportsDueFrom: '2015-10' });
      expect(r.warnings.map((w) => [w.kind, w.project])).toEqual([
        ['no_commitment', 'PR-01'],
        ['report_overdue', 'PR-01'],
        ['report_overdue', 'PR-02'],
        ['physical_behind_plan', 'PR-02'],
      ]);
      expect(r.warnings[1]!.message).toBe('Project PR-01 has no progress report submitted for 2015-10, 2015-12');
      expect(r.warnings[2]!.message).toBe('Project PR-02 has no progress report submitted for 2015-11');
      expect(r.warnings[3]!.message).toBe('Project PR-02 reported 30.00 % physical progress for 2015-12, 20.00 points behind its plan (50.00 %)');
      expect(r.warnings[1]!.messageTh).toBe('โครงการ PR-01 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ตุลาคม 2558, ธันวาคม 2558');
      expect(r.warnings[2]!.messageTh).toBe('โครงการ PR-02 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน พฤศจิกายน 2558');
      expect(r.warnings[3]!.messageTh).toBe('โครงการ PR-02 รายงานผลการดำเนินงานร้อยละ 30.00 ประจำเดือน ธันวาคม 2558 ต่ำกว่าแผน (ร้อยละ 50.00) 20.00 จุด');
      // PR-01's accepted 15 % for November is 5 points behind its 20 %: within the setting.
      expect(r.projects.map((p) => [p.code, p.reportedPhysical])).toEqual([
        ['PR-01', { month: '2015-11', percent: '15.00' }],
        ['PR-02', { month: '2015-12', percent: '30.00' }],
      ]);
    });

    it('neither warning past the settings: no month due, a gap within 20 points', async () => {
      expect((await settings('20', null)).status).toBe(200);
      expect((await report()).warnings.map((w) => [w.kind, w.project])).toEqual([['no_commitment', 'PR-01']]);
      expect((await settings('19.99')).body).toEqual({ behindPlanPoints: '19.99', noCommitmentDays: 60, reportsDueFrom: null });
      expect((await report()).warnings.map((w) => [w.kind, w.project])).toEqual([
        ['no_commitment', 'PR-01'],
        ['physical_behind_plan', 'PR-02'],
      ]);
      await settings('10', '2015-10');
    });
  });
});
