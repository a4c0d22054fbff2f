/**
 * Import of spending plans through the real HTTP API: CSV and XLSX with Thai headers; the rows of
 * a project make one version; a re-import adds nothing; a bad row rejects the whole file.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

async function upload(s: TestServer, name: string, content: string | Buffer, query = '') {
  const fd = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  fd.append('file', new Blob([bytes]), name);
  const res = await s.api(`/api/v1/imports/plans${query}`, { method: 'POST', body: fd });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { details: { errors: unknown[] } } } };
}

describeEachDb('plan import', (kind) => {
  let s: TestServer;
  const plans = async (code: string) =>
    (await s.json<{ version: number; total: string; months: unknown[]; physical: unknown[] }[]>(`/api/v1/projects/${code}/plans`)).body;

  beforeAll(async () => {
    s = await startServer(kind);
    for (const [code, budget] of [
      ['PI-01', '100000.00'],
      ['PI-02', '50000.00'],
    ] as const) {
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({ code, fiscalYear: 2559, owner: 'upper-north-1', nameTh: code, budget, status: 'approved', statusDate: '2015-10-01' }),
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => s.close());

  const file = [
    'project_code,month,amount,category,physical_percent',
    'PI-01,2015-11,10000.00,operating,10',
    'PI-01,12/2558,20000.00,งบดำเนินงาน,30',
    'PI-02,2016-01,"50,000.00",,100',
  ].join('\n');

  it('imports a plan per project, all or nothing', async () => {
    const r = await upload(s, 'plans.csv', file);
    expect(r).toEqual({ status: 200, body: { kind: 'plans', rows: 3, added: 3, unchanged: 0, dryRun: false } });
    expect(await plans('PI-01')).toMatchObject([
      {
        version: 1,
        total: '30000.00',
        months: [
          { month: '2015-11', category: 'operating', amount: '10000.00' },
          { month: '2015-12', category: 'operating', amount: '20000.00' },
        ],
        physical: [
          { month: '2015-11', percent: '10.00' },
          { month: '2015-12', percent: '30.00' },
        ],
      },
    ]);
    expect(await plans('PI-02')).toMatchObject([{ version: 1, total: '50000.00' }]);
  });

  it('a re-import adds nothing', async () => {
    expect((await upload(s, 'plans.csv', file)).body).toEqual({ kind: 'plans', rows: 3, added: 0, unchanged: 3, dryRun: false });
    expect(await plans('PI-01')).toHaveLength(1);
  });

  it('a revision (XLSX, Thai headers) needs a reason; a bad row rejects the whole file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('plan');
    ws.addRow(['รหัสโครงการ', 'เดือน', 'แผนการเบิกจ่าย', 'วันที่มีผล', 'เหตุผล']);
    ws.addRow(['PI-01', '2016-01', 40000, '1/1/2559', 'เลื่อนงวดงาน']);
    ws.addRow(['PI-02', '2016-02', 60000, '1/1/2559', 'เพิ่ม']);
    const bad = await upload(s, 'rev.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.status).toBe(422);
    expect(bad.body.error!.details.errors).toEqual([
      { row: 3, field: 'months', message: 'The plan of project PI-02 disburses 60000.00 of its operating budget, above the allocation of 50000.00' },
    ]);
    expect(await plans('PI-01')).toHaveLength(1);
    ws.getRow(3).getCell(3).value = 50000;
    const good = await upload(s, 'rev.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(good.body).toMatchObject({ added: 2 });
    expect(await plans('PI-01')).toMatchObject([{ version: 1 }, { version: 2, total: '40000.00' }]);
    const noReason = await upload(s, 'x.csv', 'project_code,month,amount\nPI-01,2016-03,1.00\n');
    expect(noReason.body.error!.details.errors).toEqual([
      { row: 2, field: 'reason', message: 'A revision of the plan of project PI-01 needs a reason' },
    ]);
  });

  it('row-level errors of every bad row', async () => {
    const r = await upload(s, 'bad.csv', 'project_code,month,amount,category\nPI-01,13/2559,1.00,\nPI-01,2016-02,-5,\nPI-01,2016-03,1.00,capital\n');
    expect(r.status).toBe(422);
    expect(r.body.error!.details.errors).toEqual([
      {
        row: 2,
        field: 'month',
        message: '13/2559 is not a month: use YYYY-MM, m/yyyy in B.E. (e.g. 1/2559) or a Thai month and B.E. year (e.g. ม.ค. 2559)',
      },
      { row: 3, field: 'amount', message: 'a planned amount cannot be negative' },
      {
        row: 4,
        field: 'category',
        message: '"capital" is not a budget category: use operating, investment, other or งบดำเนินงาน, งบลงทุน, งบรายจ่ายอื่น',
      },
    ]);
  });
  it('milestones with planned and actual dates; a re-import adds nothing; new actual dates make no new version', async () => {
    const created = await s.json('/api/v1/projects', {
      method: 'POST',
      body: JSON.stringify({
        code: 'PI-03',
        fiscalYear: 2559,
        owner: 'upper-north-1',
        nameTh: 'PI-03',
        budget: '10000.00',
        status: 'approved',
        statusDate: '2015-10-01',
      }),
    });
    expect(created.status).toBe(201);
    const rows = (m2End: string) =>
      [
        'project_code,month,amount,milestone,milestone_name,planned_start,planned_end,actual_start,actual_end',
        'PI-03,2016-01,4000.00,,,,,,',
        'PI-03,2016-02,6000.00,M1,จัดซื้อจัดจ้าง,1/11/2558,31/12/2558,2015-11-05,28/12/2558',
        `PI-03,,,M2,ก่อสร้างอาคาร,2016-01-01,2016-03-31,2016-01-10,${m2End}`,
      ].join('\n');
    expect((await upload(s, 'm.csv', rows(''))).body).toEqual({ kind: 'plans', rows: 3, added: 3, unchanged: 0, dryRun: false });
    const milestones = async () => (await s.json<{ version: number; total: string; milestones: unknown[] }[]>('/api/v1/projects/PI-03/plans')).body;
    expect(await milestones()).toMatchObject([
      {
        version: 1,
        total: '10000.00',
        milestones: [
          { key: 'M1', name: 'จัดซื้อจัดจ้าง', plannedStart: '2015-11-01', plannedEnd: '2015-12-31', actualStart: '2015-11-05', actualEnd: '2015-12-28' },
          { key: 'M2', name: 'ก่อสร้างอาคาร', plannedStart: '2016-01-01', plannedEnd: '2016-03-31', actualStart: '2016-01-10', actualEnd: null },
        ],
      },
    ]);
    expect((await upload(s, 'm.csv', rows(''))).body).toEqual({ kind: 'plans', rows: 3, added: 0, unchanged: 3, dryRun: false });
    expect((await upload(s, 'm.csv', rows('2016-03-30'))).body).toEqual({ kind: 'plans', rows: 3, added: 3, unchanged: 0, dryRun: false });
    const after = await milestones();
    expect(after).toHaveLength(1);
    expect(after[0]!.milestones[1]).toMatchObject({ key: 'M2', actualStart: '2016-01-10', actualEnd: '2016-03-30' });
    const audit = await s.json<{ action: string; after: unknown }[]>('/api/v1/audit?entityType=milestone&entityKey=PI-03/M2');
    expect(audit.body.map((a) => [a.action, a.after])).toEqual([
      ['import', { actualStart: '2016-01-10', actualEnd: null }],
      ['import', { actualStart: '2016-01-10', actualEnd: '2016-03-30' }],
    ]);
    const early = await upload(s, 'm.csv', rows('2016-01-05'));
    expect(early.body.error!.details.errors).toEqual([
      { row: 2, field: 'actualEnd', message: 'Milestone M2 cannot end (2016-01-05) before it starts (2016-01-10)' },
    ]);
  });

  it('row-level errors of milestone rows', async () => {
    const r = await upload(
      s,
      'bad.csv',
      [
        'project_code,month,amount,milestone,milestone_name,planned_start,planned_end,actual_start',
        'PI-03,,,,,,,',
        'PI-03,,,M3,,2016-01-01,,',
        'PI-03,2016-03,1.00,,,,,2016-01-01',
        'PI-03,2016-04,,,,,,',
        'PI-03,,,M4,ทดสอบ,2016-02-01,31/13/2558,',
      ].join('\n'),
    );
    expect(r.status).toBe(422);
    expect(r.body.error!.details.errors).toEqual([
      { row: 2, field: 'month', message: 'month is required (or a milestone)' },
      { row: 3, field: 'milestone_name', message: 'milestone_name is required with a milestone' },
      { row: 3, field: 'planned_end', message: 'planned_end is required with a milestone' },
      { row: 4, field: 'milestone', message: 'milestone is required with actual_start' },
      { row: 5, field: 'amount', message: 'amount is required' },
      { row: 6, field: 'planned_end', message: '31/13/2558 is not a real date' },
    ]);
    const order = await upload(
      s,
      'o.csv',
      'project_code,milestone,milestone_name,planned_start,planned_end,reason\nPI-03,M4,ทดสอบ,2016-02-01,2016-01-01,เพิ่มกิจกรรม\n',
    );
    expect(order.body.error!.details.errors).toEqual([
      { row: 2, field: 'milestones', message: 'Milestone M4 ends (2016-01-01) before it starts (2016-02-01)' },
    ]);
  });
});
