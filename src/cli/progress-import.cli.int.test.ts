/**
 * `padme import progress` and the progress report's Thai text on the demo data, as a person runs
 * them (PGlite data dir, child processes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, padme, ROOT } from '../../test/support/cli.ts';

describe('padme import progress', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-progress-import-'));
    dataDir = path.join(tmp, 'demo');
    expect((await demoDataDir(dataDir)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the demo text names the overdue December reports in Thai and the physical progress', async () => {
    const r = await padme(['--data', dataDir, 'report', 'progress', '--owner', 'upper-north-1', '--fiscal-year', '2559', '--as-of', '2016-01-05']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[3]).toBe(
      'ความก้าวหน้าทางกายภาพ (ถัวเฉลี่ยตามงบประมาณโครงการ): ตามแผนร้อยละ ๑๐.๘๑ (๑๔ โครงการ) ผลการดำเนินงานตามรายงานร้อยละ ๘.๑๒ (๑๐ โครงการ)',
    );
    expect(lines.filter((l) => l.includes('ยังไม่ส่งรายงาน'))).toEqual(
      ['03', '06', '10', '12'].map((n) => `- โครงการ UN1-2559-${n} ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ธันวาคม ๒๕๕๘`),
    );
    expect(lines.find((l) => l.startsWith('๑. '))).toMatch(
      / ความก้าวหน้าทางกายภาพตามแผนร้อยละ ๑๐\.๘๑ ผลการดำเนินงานร้อยละ ๑๒\.๐๐ \(รายงานประจำเดือน ธันวาคม ๒๕๕๘\)$/,
    );
  });

  it('an agency reporter resubmits its returned report from a file; a dry run, a re-import and bad rows change nothing', async () => {
    const file = path.join(tmp, 'progress.csv');
    fs.writeFileSync(
      file,
      '\uFEFFรหัสโครงการ,เดือน,ร้อยละความก้าวหน้า,ผลการดำเนินงาน,ปัญหาอุปสรรค,แนวทางแก้ไข,ความช่วยเหลือที่ต้องการ,ส่งรายงาน\n' +
        'UN1-2559-03,ธ.ค. 2558,8,"ส่งมอบปัจจัยการผลิตงวดที่ 1 ให้เกษตรกร 150 ราย",ฝนทิ้งช่วง,ส่งเสริมการให้น้ำ,ขอเครื่องสูบน้ำ,ใช่\n',
    );
    const as = (who: string, ...args: string[]) => padme(['--data', dataDir, '--as', who, 'import', 'progress', ...args]);
    expect(await as('reporter', file, '--dry-run')).toEqual({
      code: 0,
      stdout: 'progress.csv: 1 rows checked (dry run, nothing changed): 1 added, 0 already present\n',
      stderr: '',
    });
    expect(await as('reporter', file)).toEqual({ code: 0, stdout: 'progress.csv: 1 rows imported: 1 added, 0 already present\n', stderr: '' });
    expect(await as('reporter', file)).toEqual({ code: 0, stdout: 'progress.csv: 1 rows imported: 0 added, 1 already present\n', stderr: '' });
    expect(await as('viewer', file)).toMatchObject({ code: 1, stderr: 'padme: viewer (viewer) may not import progress\n' });
    fs.writeFileSync(file, 'project_code,month,percent,submit\nUN1-2559-03,2016-01,5,yes\nUN1-2559-04,2016-01,5,\nUN1-2559-01,2559-01,5,\n');
    const bad = await as('reporter', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'padme: The file was not imported: 2 error(s) in 2 row(s). Nothing was changed.\n' +
        '  row 3, row: reporter (agency reporter) may not report progress of project UN1-2559-04 (owner upper-north-1)\n' +
        '  row 4, month: Month 2559-01 has not begun: it cannot be reported yet\n',
    );
    const audit = await padme(['--data', dataDir, '--as', 'admin', 'audit', '--entity', 'progress_report:UN1-2559-03/2015-12', '--format', 'json']);
    expect((JSON.parse(audit.stdout) as { action: string; actor: string }[]).map((a) => [a.action, a.actor])).toEqual([
      ['submit', 'reporter'],
      ['return', 'officer-un1'],
      ['resubmit', 'reporter'],
    ]);
  });
});
