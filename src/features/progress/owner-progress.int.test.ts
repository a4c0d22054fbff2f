/**
 * Through the real HTTP API (PGlite and PostgreSQL): an owner's own targets set by its officers,
 * the owner's physical progress (allocation-weighted) in JSON, text, CSV and XLSX, and overdue
 * months worded in Thai.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import type { ProgressReport, Targets } from './progress.schema.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

describeEachDb('owner targets and physical progress', (kind) => {
  let s: TestServer;
  let clusterOfficer: Client;
  let provinceOfficer: Client;
  const send = (c: Client, method: string, path: string, body: unknown) => c.json<ErrorBody>(path, { method, body: JSON.stringify(body) });
  const ok = async (method: string, path: string, body: unknown) => {
    const r = await send(s, method, path, body);
    expect(r.status, `${method} ${path} -> ${JSON.stringify(r.body)}`).toBeLessThan(300);
  };
  const Q = '/api/v1/reports/progress?owner=50&fiscalYear=2559&asOf=2015-12-31';

  beforeAll(async () => {
    s = await startServer(kind);
    for (const [code, budget] of [
      ['OP-01', '1000000.00'],
      ['OP-02', '500000.00'],
      ['OP-03', '900000.00'],
    ] as const) {
      await ok('POST', '/api/v1/projects', {
        code,
        fiscalYear: 2559,
        owner: '50',
        nameTh: `โครงการ ${code}`,
        budget,
        status: 'approved',
        statusDate: '2015-10-01',
      });
    }
    await ok('POST', '/api/v1/projects/OP-01/plans', {
      months: [{ month: '2015-12', amount: '100000.00' }],
      physical: [
        { month: '2015-10', percent: '10' },
        { month: '2015-11', percent: '20' },
        { month: '2015-12', percent: '30' },
      ],
    });
    await ok('POST', '/api/v1/projects/OP-02/plans', {
      months: [{ month: '2015-12', amount: '50000.00' }],
      physical: [{ month: '2015-12', percent: '10' }],
    });
    clusterOfficer = await s.as({ username: 'un1-officer', role: 'cluster_officer', scope: 'upper-north-1' });
    provinceOfficer = await s.as({ username: 'cm-officer', role: 'province_officer', scope: '50' });
    const reviewer = await s.as({ username: 'cm-officer-2', role: 'province_officer', scope: '50' });
    const report = async (code: string, month: string, percent: string, decision: 'accept' | 'return') => {
      expect((await send(provinceOfficer, 'PUT', `/api/v1/projects/${code}/progress-reports/${month}`, { percent, submit: true })).status).toBe(200);
      const body = decision === 'accept' ? { decision } : { decision, reason: 'ขอภาพถ่ายประกอบ' };
      expect((await send(reviewer, 'POST', `/api/v1/projects/${code}/progress-reports/${month}/review`, body)).status).toBe(200);
    };
    await report('OP-01', '2015-11', '25', 'accept');
    await report('OP-02', '2015-10', '5', 'accept');
    await report('OP-02', '2015-11', '8', 'return');
    await ok('PUT', '/api/v1/progress/settings', { behindPlanPoints: '10', noCommitmentDays: 365, reportsDueFrom: '2015-10' });
  });
  afterAll(() => s.close());

  describe("an owner's own targets", () => {
    const body = (owner: string | undefined, percent: string) => ({
      fiscalYear: 2559,
      owner,
      targets: [{ quarter: 1, percent }],
      reason: 'เป้าหมายจังหวัด',
    });

    it('the cluster officer sets those of its cluster and of its provinces; the province officer those of its province', async () => {
      const byCluster = await send(clusterOfficer, 'PUT', '/api/v1/targets', body('upper-north-1', '28'));
      expect(byCluster.status).toBe(200);
      expect((await send(clusterOfficer, 'PUT', '/api/v1/targets', body('50', '26'))).status).toBe(200);
      const byProvince = await send(provinceOfficer, 'PUT', '/api/v1/targets', body('TH-50', '27.5'));
      expect(byProvince.body).toEqual({
        fiscalYear: 2559,
        owner: '50',
        targets: [{ quarter: 1, endDate: '2015-12-31', category: 'all', percent: '27.50', source: 'owner' }],
      });
      const audit = await s.json<{ actor: string; entityKey: string; reason: string }[]>('/api/v1/audit?entityType=disbursement_targets');
      expect(audit.body.map((a) => [a.actor, a.entityKey, a.reason]).sort()).toEqual([
        ['cm-officer (token test)', '2559/50', 'เป้าหมายจังหวัด'],
        ['un1-officer (token test)', '2559/50', 'เป้าหมายจังหวัด'],
        ['un1-officer (token test)', '2559/upper-north-1', 'เป้าหมายจังหวัด'],
      ]);
      expect((await s.json<Targets>('/api/v1/targets?fiscalYear=2559&owner=upper-north-1')).body.targets).toMatchObject([
        { percent: '28.00', source: 'owner' },
      ]);
    });

    it("refuses other owners and the cabinet's targets, changing nothing", async () => {
      const before = await s.db.query('SELECT * FROM disbursement_targets ORDER BY fiscal_year, owner_key, quarter, category');
      const refusals = [
        [
          provinceOfficer,
          body('upper-north-1', '1'),
          'cm-officer (province officer of 50) may not set the disbursement targets of upper-north-1 (fiscal year 2559)',
        ],
        [provinceOfficer, body('57', '1'), 'cm-officer (province officer of 50) may not set the disbursement targets of 57 (fiscal year 2559)'],
        [
          clusterOfficer,
          body('upper-north-2', '1'),
          'un1-officer (cluster officer of upper-north-1) may not set the disbursement targets of upper-north-2 (fiscal year 2559)',
        ],
        [
          clusterOfficer,
          body('54', '1'),
          'un1-officer (cluster officer of upper-north-1) may not set the disbursement targets of 54 (fiscal year 2559)',
        ],
        [clusterOfficer, body(undefined, '1'), "un1-officer (cluster officer of upper-north-1) may not set the cabinet's disbursement targets"],
      ] as const;
      for (const [who, b, message] of refusals) {
        const r = await send(who, 'PUT', '/api/v1/targets', b);
        expect([r.status, r.body.error.message]).toEqual([403, message]);
      }
      expect(await s.db.query('SELECT * FROM disbursement_targets ORDER BY fiscal_year, owner_key, quarter, category')).toEqual(before);
    });
  });

  describe('physical progress and overdue months', () => {
    it("the owner's planned and reported physical progress are weighted by allocation", async () => {
      const r = (await s.json<ProgressReport>(Q)).body;
      // planned: (1,000,000 × 30 + 500,000 × 10) / 1,500,000 = 23.33; reported: (1,000,000 × 25 + 500,000 × 5) / 1,500,000 = 18.33
      expect(r.physical).toEqual({ planned: '23.33', plannedProjects: 2, reported: '18.33', reportedProjects: 2 });
      expect(r.projects.map((p) => [p.code, p.plannedPhysicalPercent, p.reportedPhysical])).toEqual([
        ['OP-01', '30.00', { month: '2015-11', percent: '25.00' }],
        ['OP-02', '10.00', { month: '2015-10', percent: '5.00' }],
        ['OP-03', null, null],
      ]);
      const overdue = r.warnings.filter((w) => w.kind === 'report_overdue');
      expect(overdue.map((w) => [w.project, w.messageTh])).toEqual([
        ['OP-01', 'โครงการ OP-01 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ตุลาคม 2558'],
        ['OP-02', 'โครงการ OP-02 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน พฤศจิกายน 2558'],
        ['OP-03', 'โครงการ OP-03 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ตุลาคม 2558, พฤศจิกายน 2558'],
      ]);
      expect(overdue[0]!.message).toBe('Project OP-01 has no progress report submitted for 2015-10');
    });

    it('in the text (Thai digits), CSV and XLSX', async () => {
      const lines = (await (await s.api(`${Q}&format=text`)).text()).split('\n');
      expect(lines[3]).toBe(
        'ความก้าวหน้าทางกายภาพ (ถัวเฉลี่ยตามงบประมาณโครงการ): ตามแผนร้อยละ ๒๓.๓๓ (๒ โครงการ) ผลการดำเนินงานตามรายงานร้อยละ ๑๘.๓๓ (๒ โครงการ)',
      );
      expect(lines).toContain('- โครงการ OP-03 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ตุลาคม ๒๕๕๘, พฤศจิกายน ๒๕๕๘');
      expect(lines.filter((l) => /^[๑-๙]\. /.test(l))).toEqual([
        '๑. OP-01 โครงการ OP-01 (อนุมัติ) งบประมาณ ๑,๐๐๐,๐๐๐.๐๐ บาท เบิกจ่าย ๐.๐๐ บาท คิดเป็นร้อยละ ๐.๐๐ ตามแผน ๑๐๐,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๑๐.๐๐ ความก้าวหน้าทางกายภาพตามแผนร้อยละ ๓๐.๐๐ ผลการดำเนินงานร้อยละ ๒๕.๐๐ (รายงานประจำเดือน พฤศจิกายน ๒๕๕๘)',
        '๒. OP-02 โครงการ OP-02 (อนุมัติ) งบประมาณ ๕๐๐,๐๐๐.๐๐ บาท เบิกจ่าย ๐.๐๐ บาท คิดเป็นร้อยละ ๐.๐๐ ตามแผน ๕๐,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๑๐.๐๐ ความก้าวหน้าทางกายภาพตามแผนร้อยละ ๑๐.๐๐ ผลการดำเนินงานร้อยละ ๕.๐๐ (รายงานประจำเดือน ตุลาคม ๒๕๕๘)',
        '๓. OP-03 โครงการ OP-03 (อนุมัติ) งบประมาณ ๙๐๐,๐๐๐.๐๐ บาท เบิกจ่าย ๐.๐๐ บาท คิดเป็นร้อยละ ๐.๐๐ ไม่มีแผนการเบิกจ่าย',
      ]);
      const arabic = (await (await s.api(`${Q}&format=text&digits=arabic`)).text()).split('\n');
      expect(arabic).toContain('- โครงการ OP-01 ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ตุลาคม 2558');
      const csv = (await (await s.api(`${Q}&format=csv`)).text()).trim().split('\n');
      const cols = csv[0]!.split(',');
      const at = (row: string, name: string) => row.split(',')[cols.indexOf(name)];
      expect(
        csv
          .slice(1)
          .map((row) => [at(row, 'code'), at(row, 'plannedPhysicalPercent'), at(row, 'reportedPhysicalMonth'), at(row, 'reportedPhysicalPercent')]),
      ).toEqual([
        ['OP-01', '30.00', '2015-11', '25.00'],
        ['OP-02', '10.00', '2015-10', '5.00'],
        ['OP-03', '', '', ''],
        ['TOTAL', '23.33', '', '18.33'],
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await (await s.api(`${Q}&format=xlsx`)).arrayBuffer()) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('ความก้าวหน้า')!;
      const header = ws.getRow(2).values as unknown[];
      const col = (name: string) => header.indexOf(name);
      expect(
        [3, 4, 5, 6].map((i) => [
          ws.getRow(i).getCell(1).value,
          ws.getRow(i).getCell(col('reportedPhysicalMonth')).value,
          ws.getRow(i).getCell(col('reportedPhysicalPercent')).value,
        ]),
      ).toEqual([
        ['OP-01', '2015-11', 25],
        ['OP-02', '2015-10', 5],
        ['OP-03', null, null],
        ['TOTAL', null, 18.33],
      ]);
    });
  });
});
