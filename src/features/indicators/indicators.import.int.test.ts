/** padme import results through the HTTP API: Thai headers, CSV and XLSX, all or nothing with row-level errors. PGlite and PostgreSQL. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { auditCount, csv, fileForm } from '../../../test/support/roles.ts';
import type { IndicatorDetail } from './indicators.schema.ts';

interface ImportBody {
  kind: string;
  rows: number;
  added: number;
  unchanged: number;
  error: { code: string; message: string; details: { errors: { row: number; field: string; message: string }[] } };
}

const HEADER_TH = ['กลุ่มจังหวัด/จังหวัด', 'ปีงบประมาณ', 'รหัสตัวชี้วัด', 'องค์ประกอบ', 'งวด', 'ผลการดำเนินงาน', 'วันที่', 'แหล่งข้อมูล', 'หลักฐาน'];

describeEachDb('indicator results import', (kind) => {
  let s: TestServer;
  let other: Client;
  let id: string;
  const upload = (c: Client, name: string, data: string | Buffer) =>
    c.json<ImportBody>('/api/v1/imports/results', { method: 'POST', body: fileForm(name, data) });
  const results = async () => (await s.json<IndicatorDetail>(`/api/v1/indicators/${id}?asOf=2016-12-31`)).body.results;

  beforeAll(async () => {
    s = await startServer(kind);
    other = await s.as({ username: 'officer-un2', role: 'cluster_officer', scope: 'upper-north-2' });
    const r = await s.json<{ id: string }>('/api/v1/indicators', {
      method: 'POST',
      body: JSON.stringify({
        owner: 'upper-north-1',
        fiscalYear: 2559,
        code: 'KPI-2',
        nameTh: 'มูลค่าผลผลิตทางการเกษตรสำคัญ',
        unit: 'ล้านบาท',
        direction: 'higher',
        weight: '30',
        components: [{ key: 'longan', nameTh: 'ลำไย' }],
        scale: { levels: ['9500', '10000', '10500', '11000', '11500'] },
      }),
    });
    expect(r.status).toBe(201);
    id = r.body.id;
  });
  afterAll(() => s.close());

  it('a file with bad rows is rejected whole, every bad row named, nothing changed', async () => {
    const before = await auditCount(s);
    const r = await upload(
      s,
      'results.csv',
      csv([
        HEADER_TH,
        ['upper-north-1', '๒๕๕๙', 'KPI-2', '', 'ไตรมาส 1', '2,100.5', '4/1/2559', 'สศก.', 'https://example.org/q1'],
        ['upper-north-1', '2559', 'KPI-2', '', 'Q5', '1', '2016-01-04', '', ''],
        ['upper-north-1', '2559', 'KPI-9', '', 'Q1', '1', '2016-01-04', '', ''],
        ['upper-north-1', '2559', 'KPI-2', 'longan', 'Q1', 'abc', '2016-01-04', '', ''],
        ['upper-north-1', '2559', 'KPI-2', 'rice', 'Q1', '1', '2016-01-04', '', ''],
        ['upper-north-1', '2559', 'KPI-2', '', 'q1', '2', '2016-01-04', '', ''],
        ['upper-north-1', '2559', 'KPI-2', 'longan', '2015-11', '1', '2016-01-04', '', 'ftp://x'],
        ['upper-north-1', '2559', 'KPI-2', 'longan', '2016-10', '1', '2016-01-04', '', ''],
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.body.error.message).toBe('The file was not imported: 7 error(s) in 7 row(s). Nothing was changed.');
    expect(r.body.error.details.errors).toEqual([
      { row: 3, field: 'period', message: 'a period is annual, Q1 to Q4 (Q1 = October to December) or a month YYYY-MM' },
      { row: 4, field: 'indicator', message: 'Indicator KPI-9 of upper-north-1 for fiscal year 2559 not found' },
      { row: 5, field: 'value', message: '"abc" is not a number: use digits with up to 4 decimals, e.g. 90000 or 12.5' },
      { row: 6, field: 'component', message: 'Indicator KPI-2 has no component rice' },
      { row: 7, field: 'period', message: 'upper-north-1 2559 KPI-2 - Q1 appears already in row 2: a file names each entry once' },
      { row: 8, field: 'evidence_url', message: 'evidence_url must be an http(s) link' },
      { row: 9, field: 'period', message: '2016-10 is not a month of fiscal year 2559 (2015-10 to 2016-09)' },
    ]);
    expect(await results()).toEqual([]);
    expect(await auditCount(s)).toBe(before);
  });

  it('a good CSV imports every row (Thai headers, Thai digits, B.E. dates); the same file again adds nothing', async () => {
    const file = csv([
      HEADER_TH,
      ['upper-north-1', '๒๕๕๙', 'KPI-2', '', 'ไตรมาส 1', '2,100.5', '4/1/2559', 'สศก.', 'https://example.org/q1'],
      ['upper-north-1', '2559', 'KPI-2', 'longan', '2015-12', '850.25', '2016-01-10', '', ''],
    ]);
    const r = await upload(s, 'results.csv', file);
    expect(r.status).toBe(200);
    expect([r.body.rows, r.body.added, r.body.unchanged]).toEqual([2, 2, 0]);
    expect((await results()).map((x) => [x.component, x.period, x.value, x.date, x.source, x.evidenceUrl])).toEqual([
      [null, 'Q1', '2100.5', '2016-01-04', 'สศก.', 'https://example.org/q1'],
      ['longan', '2015-12', '850.25', '2016-01-10', '', null],
    ]);
    const again = await upload(s, 'results.csv', file);
    expect([again.body.added, again.body.unchanged]).toEqual([0, 2]);
  });

  it('XLSX too; a row the officer may not write rejects the file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ผล');
    ws.addRow(['owner', 'fiscal_year', 'indicator', 'period', 'value', 'date']);
    ws.addRow(['upper-north-1', 2559, 'KPI-2', 'annual', 10250.75, '2016-10-10']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await upload(other, 'results.xlsx', data);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.errors).toEqual([
      {
        row: 2,
        field: 'row',
        message: 'officer-un2 (cluster officer of upper-north-2) may not enter indicator results of upper-north-1 (fiscal year 2559)',
      },
    ]);
    const r = await upload(s, 'results.xlsx', data);
    expect([r.status, r.body.added]).toEqual([200, 1]);
    expect((await results()).find((x) => x.period === 'annual')?.value).toBe('10250.75');
  });
});
