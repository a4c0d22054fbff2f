/**
 * `padme report progress` and `padme import plans` as a person runs them, on the demo data
 * (PGlite data dir, child processes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, padme, ROOT } from '../../test/support/cli.ts';

const REPORT = ['report', 'progress', '--owner', 'upper-north-1', '--fiscal-year', '2559', '--as-of', '2016-01-05'];

describe('padme report progress and import plans', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-progress-'));
    dataDir = path.join(tmp, 'demo');
    expect((await demoDataDir(dataDir)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('json and Thai text', async () => {
    const json = await padme(['--data', dataDir, ...REPORT, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).totals).toMatchObject({ disbursed: '1421593.29', disbursedPercent: '0.40', planned: '12897045.94' });
    const text = await padme(['--data', dataDir, ...REPORT]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'ความก้าวหน้าการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)',
      'งบประมาณ ๓๕๙,๔๒๐,๗๐๐.๐๐ บาท เบิกจ่าย ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ ตามแผน ๑๒,๘๙๗,๐๔๕.๙๔ บาท คิดเป็นร้อยละ ๓.๕๙ จำนวน ๑๕ โครงการ มีแผนการเบิกจ่าย ๑๔ โครงการ',
    ]);
  });

  it('csv and xlsx --out', async () => {
    const csvFile = path.join(tmp, 'progress.csv');
    expect((await padme(['--data', dataDir, ...REPORT, '--format', 'csv', '--out', csvFile])).code).toBe(0);
    expect(fs.readFileSync(csvFile, 'utf8').trim().split('\n')).toHaveLength(17);
    const noOut = await padme(['--data', dataDir, ...REPORT, '--format', 'xlsx']);
    expect(noOut).toMatchObject({ code: 1, stderr: 'padme: --format xlsx needs --out FILE\n' });
    const file = path.join(tmp, 'progress.xlsx');
    expect((await padme(['--data', dataDir, ...REPORT, '--format', 'xlsx', '--out', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('ความก้าวหน้า')!.getRow(3).getCell(1).value).toBe('UN1-2559-01');
  });

  it('import plans: a revision with a reason, as an officer; all or nothing', async () => {
    const file = path.join(tmp, 'plans.csv');
    fs.writeFileSync(file, 'รหัสโครงการ,เดือน,แผนการเบิกจ่าย,วันที่มีผล,เหตุผล\nUN1-2559-02,2/2559,1000000.00,6/1/2559,ปรับแผนตามสัญญา\n');
    const r = await padme(['--data', dataDir, '--as', 'officer-un1', 'import', 'plans', file]);
    expect(r).toEqual({ code: 0, stdout: 'plans.csv: 1 rows imported: 1 added, 0 already present\n', stderr: '' });
    const viewer = await padme(['--data', dataDir, '--as', 'viewer', 'import', 'plans', file]);
    expect(viewer).toMatchObject({ code: 1, stderr: 'padme: viewer (viewer) may not import plans\n' });
    fs.writeFileSync(file, 'project_code,month,amount\nUN1-2559-02,2016-02,1.00\nNO-SUCH,2016-02,1.00\n');
    const bad = await padme(['--data', dataDir, '--as', 'admin', 'import', 'plans', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'padme: The file was not imported: 2 error(s) in 2 row(s). Nothing was changed.\n' +
        '  row 2, reason: A revision of the plan of project UN1-2559-02 needs a reason\n' +
        '  row 3, project_code: Project NO-SUCH not found\n',
    );
  });
});
