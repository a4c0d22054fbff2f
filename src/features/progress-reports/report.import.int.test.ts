/**
 * Import of monthly progress reports through the real HTTP API (PGlite and PostgreSQL): Thai
 * headers and months, drafts and submissions through the same domain function as the API, a
 * re-import adds nothing, a bad row rejects the whole file with row-level errors.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import type { MonthlyReport } from './report.schema.ts';

interface Body {
  kind?: string;
  rows?: number;
  added?: number;
  unchanged?: number;
  dryRun?: boolean;
  error?: { code: string; message: string; details: { errors: unknown[] } };
}

async function upload(c: Client, name: string, content: string | Buffer, query = '') {
  const fd = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  fd.append('file', new Blob([bytes]), name);
  const res = await c.api(`/api/v1/imports/progress${query}`, { method: 'POST', body: fd });
  return { status: res.status, body: (await res.json()) as Body };
}

describeEachDb('progress report import', (kind) => {
  let s: TestServer;
  let reporter: Client;
  const reports = async (code: string) => (await s.json<MonthlyReport[]>(`/api/v1/projects/${code}/progress-reports`)).body;
  const snapshot = () => s.db.query('SELECT * FROM progress_reports ORDER BY id');

  beforeAll(async () => {
    s = await startServer(kind);
    for (const code of ['PI-01', 'PI-02', 'PI-03']) {
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({
          code,
          fiscalYear: 2559,
          owner: '50',
          nameTh: code,
          budget: '100000.00',
          status: 'approved',
          statusDate: '2015-10-01',
        }),
      });
      expect(r.status).toBe(201);
    }
    reporter = await s.as({ username: 'rep', role: 'agency_reporter', projects: ['PI-01'] });
  });
  afterAll(() => s.close());

  const file = [
    'รหัสโครงการ,เดือน,ร้อยละความก้าวหน้า,ผลการดำเนินงาน,ปัญหาอุปสรรค,แนวทางแก้ไข,ความช่วยเหลือที่ต้องการ,ส่งรายงาน',
    'PI-01,ต.ค. 2558,5,สำรวจพื้นที่,"ฝนตกชุก, น้ำท่วมขัง",เลื่อนงานดิน,,ใช่',
    'PI-01,11/2558,๑๒.๕,ขุดดิน,,,,ไม่',
    'PI-02,2015-12,30%,จัดซื้อวัสดุ,ผู้รับจ้างส่งของล่าช้า,เร่งรัดผู้รับจ้าง,ขอขยายเวลา 30 วัน,submit',
  ].join('\n');

  it('imports drafts and submissions; a dry run changes nothing; a re-import adds nothing', async () => {
    const before = await snapshot();
    expect(await upload(s, 'p.csv', file, '?dryRun=true')).toEqual({
      status: 200,
      body: { kind: 'progress', rows: 3, added: 3, unchanged: 0, dryRun: true },
    });
    expect(await snapshot()).toEqual(before);
    expect(await upload(s, 'p.csv', file)).toEqual({ status: 200, body: { kind: 'progress', rows: 3, added: 3, unchanged: 0, dryRun: false } });
    expect(await reports('PI-01')).toMatchObject([
      { month: '2015-10', percent: '5.00', status: 'submitted', obstacles: 'ฝนตกชุก, น้ำท่วมขัง', solutions: 'เลื่อนงานดิน', submittedBy: 'test-admin' },
      { month: '2015-11', percent: '12.50', status: 'draft', done: 'ขุดดิน', obstacles: '', submittedBy: null },
    ]);
    expect(await reports('PI-02')).toMatchObject([{ month: '2015-12', percent: '30.00', status: 'submitted', helpRequested: 'ขอขยายเวลา 30 วัน' }]);
    const mid = await snapshot();
    expect((await upload(s, 'p.csv', file)).body).toEqual({ kind: 'progress', rows: 3, added: 0, unchanged: 3, dryRun: false });
    expect(await snapshot()).toEqual(mid);
    const audit = await s.json<{ action: string }[]>('/api/v1/audit?entityType=progress_report&entityKey=PI-01/2015-10');
    expect(audit.body.map((a) => a.action)).toEqual(['submit']);
  });

  it('a returned report is resubmitted by a new import; the same row once accepted adds nothing', async () => {
    const officer = await s.as({ username: 'prov', role: 'province_officer', scope: '50' });
    const ret = await officer.json('/api/v1/projects/PI-02/progress-reports/2015-12/review', {
      method: 'POST',
      body: JSON.stringify({ decision: 'return', reason: 'แนบภาพถ่าย' }),
    });
    expect(ret.status).toBe(200);
    const row = 'project_code,month,percent,done,submit\nPI-02,ธันวาคม 2558,30,จัดซื้อวัสดุ ครบ 50%,yes\n';
    expect((await upload(s, 'r.csv', row)).body).toMatchObject({ added: 1, unchanged: 0 });
    expect(await reports('PI-02')).toMatchObject([{ status: 'submitted', done: 'จัดซื้อวัสดุ ครบ 50%', returnReason: 'แนบภาพถ่าย', version: 3 }]);
    await officer.json('/api/v1/projects/PI-02/progress-reports/2015-12/review', { method: 'POST', body: JSON.stringify({ decision: 'accept' }) });
    expect((await upload(s, 'r.csv', row)).body).toMatchObject({ added: 0, unchanged: 1 });
  });

  it('an agency reporter imports the reports of its own projects only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('รายงาน');
    ws.addRow(['รหัสโครงการ', 'เดือน', 'ร้อยละความก้าวหน้า', 'ปัญหาอุปสรรค']);
    ws.addRow(['PI-01', 'ธ.ค. 2558', 20, 'ไม่มี']);
    ws.addRow(['PI-03', '12/2558', 10, '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(reporter, 'r.xlsx', bytes);
    expect(r.status).toBe(422);
    expect(r.body.error!.details.errors).toEqual([
      { row: 3, field: 'row', message: 'rep (agency reporter) may not report progress of project PI-03 (owner 50)' },
    ]);
    ws.spliceRows(3, 1);
    expect((await upload(reporter, 'r.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).body).toMatchObject({ rows: 1, added: 1 });
    expect((await reports('PI-01')).map((x) => [x.month, x.percent, x.status, x.createdBy])).toEqual([
      ['2015-10', '5.00', 'submitted', 'test-admin'],
      ['2015-11', '12.50', 'draft', 'test-admin'],
      ['2015-12', '20.00', 'draft', 'rep'],
    ]);
  });

  it('rejects the whole file with every bad row, and changes nothing', async () => {
    const before = await snapshot();
    const bad = [
      'project_code,month,percent,obstacles,submit',
      'PI-03,13/2558,10,,',
      'PI-03,2016-01,101,,',
      'PI-03,2016-01,10,,maybe',
      'PI-03,2015-09,10,,',
      'NOPE,2015-12,10,,',
      'PI-01,2015-10,99,,yes',
      'PI-03,2015-10,10,ดินสไลด์,',
      'PI-03,ต.ค. 2558,10,,',
      'PI-03,2015-11,,,',
    ].join('\n');
    const r = await upload(s, 'bad.csv', bad);
    expect(r.status).toBe(422);
    expect(r.body.error!.message).toBe('The file was not imported: 8 error(s) in 8 row(s). Nothing was changed.');
    expect(r.body.error!.details.errors).toEqual([
      {
        row: 2,
        field: 'month',
        message: '13/2558 is not a month: use YYYY-MM, m/yyyy in B.E. (e.g. 1/2559) or a Thai month and B.E. year (e.g. ม.ค. 2559)',
      },
      { row: 3, field: 'percent', message: 'a percentage is at most 100' },
      { row: 4, field: 'submit', message: '"maybe" is not yes or no: use yes/no (ใช่/ไม่, ส่ง/ร่าง)' },
      { row: 5, field: 'month', message: 'Month 2015-09 is before fiscal year 2559 (from 2015-10)' },
      { row: 6, field: 'project_code', message: 'Project NOPE not found' },
      {
        row: 7,
        field: 'row',
        message: 'The progress report of project PI-01 for 2015-10 is submitted and awaiting review: it can change only once returned',
      },
      { row: 9, field: 'month', message: 'PI-03 2015-10 appears already in row 8: a file names each entry once' },
      { row: 10, field: 'percent', message: 'percent is required' },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});
