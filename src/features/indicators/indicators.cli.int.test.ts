/** `padme report indicators` and `padme import results` as a person runs them, on the demo data (PGlite data dir, child processes). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, padme, ROOT } from '../../../test/support/cli.ts';

const REPORT = ['report', 'indicators', '--owner', 'upper-north-1', '--fiscal-year', '2559', '--as-of', '2016-01-05'];

describe('padme report indicators and import results', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-indicators-'));
    dataDir = path.join(tmp, 'demo');
    expect((await demoDataDir(dataDir)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('Thai text, JSON and CSV of the demo agreement', async () => {
    const text = await padme(['--data', dataDir, ...REPORT]);
    expect(text.stderr).toBe('');
    expect(text.stdout.split('\n')[0]).toBe(
      'ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (ร่าง) ประกอบด้วย ๓ ตัวชี้วัด คือ ' +
        'ตัวชี้วัดรายได้จากการท่องเที่ยวของกลุ่มจังหวัด, ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง) และตัวชี้วัดคุณภาพอากาศ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)',
    );
    const arabic = await padme(['--data', dataDir, ...REPORT, '--digits', 'arabic']);
    expect(arabic.stdout.split('\n')[3]).toBe(
      '3. ตัวชี้วัดคุณภาพอากาศ น้ำหนักร้อยละ 30 ค่าเป้าหมาย 35 วัน ผลการดำเนินงานล่าสุด (ไตรมาสที่ 1) 9 วัน คิดเป็นร้อยละ 133.33 ของค่าเป้าหมายของงวด',
    );
    const json = JSON.parse((await padme(['--data', dataDir, ...REPORT, '--format', 'json'])).stdout) as {
      status: string;
      indicators: { code: string; annualTarget: string; latest: { achievement: string } | null; openChangeRequests: unknown[] }[];
    };
    expect(json.status).toBe('draft');
    expect(json.indicators.map((i) => [i.code, i.annualTarget, i.latest?.achievement ?? null, i.openChangeRequests.length])).toEqual([
      ['KPI-1', '90000', '97.73', 0],
      ['KPI-2', '10500', null, 1],
      ['KPI-3', '35', '133.33', 0],
    ]);
    const csv = await padme(['--data', dataDir, ...REPORT, '--format', 'csv']);
    expect(csv.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('import results as an officer; all or nothing', async () => {
    const file = path.join(tmp, 'results.csv');
    fs.writeFileSync(
      file,
      'กลุ่มจังหวัด/จังหวัด,ปีงบประมาณ,รหัสตัวชี้วัด,องค์ประกอบ,งวด,ผลการดำเนินงาน,วันที่\nupper-north-1,2559,KPI-2,longan,ไตรมาส 1,2150,10/1/2559\n',
    );
    const r = await padme(['--data', dataDir, '--as', 'officer-un1', 'import', 'results', file]);
    expect(r).toEqual({ code: 0, stdout: 'results.csv: 1 rows imported: 1 added, 0 already present\n', stderr: '' });
    const viewer = await padme(['--data', dataDir, '--as', 'viewer', 'import', 'results', file]);
    expect(viewer).toMatchObject({ code: 1, stderr: 'padme: viewer (viewer) may not import results\n' });
    fs.writeFileSync(
      file,
      'owner,fiscal_year,indicator,period,value,date\nupper-north-1,2559,KPI-1,Q2,1,2016-01-05\nupper-north-1,2559,KPI-1,Q2,x,2016-01-05\n',
    );
    const bad = await padme(['--data', dataDir, '--as', 'admin', 'import', 'results', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'padme: The file was not imported: 1 error(s) in 1 row(s). Nothing was changed.\n' +
        '  row 3, value: "x" is not a number: use digits with up to 4 decimals, e.g. 90000 or 12.5\n',
    );
  });
});
