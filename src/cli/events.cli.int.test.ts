/** `padme report events` as a person runs it, on the demo data (PGlite data dir, child processes). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, padme, ROOT } from '../../test/support/cli.ts';

const REPORT = ['report', 'events', '--owner', 'upper-north-1', '--from', '2015-12-01', '--to', '2016-02-29', '--as-of', '2016-01-06'];

describe('padme report events', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-events-'));
    dataDir = path.join(tmp, 'demo');
    expect((await demoDataDir(dataDir)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("text: the seed's three sentences under their headings", async () => {
    const r = await padme(['--data', dataDir, ...REPORT]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'การลงพื้นที่ติดตามและประเมินผล และการอบรม',
        '- กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙',
        '- กำหนดการลงพื้นที่อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ในพื้นที่ ๔ จังหวัดในกลุ่มจังหวัดภาคเหนือตอนบน ๑ ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙',
        '',
        'กิจกรรมที่ได้ดำเนินการ',
        '- เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM ได้มีการสัมมนาเชิงปฏิบัติการแนวทางการดำเนินโครงการและการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ โดยมีนายฤกษ์ ธนาวณิช รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธาน และมีคลังจังหวัดเชียงใหม่, หัวหน้าหน่วยตรวจสอบภายในจังหวัดเชียงใหม่ และข้าราชการของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน ๑ เป็นวิทยากร ซึ่งได้เชิญเจ้าหน้าที่ผู้รับผิดชอบโครงการ, เจ้าหน้าที่การเงิน และเจ้าหน้าที่พัสดุ เข้าร่วมการสัมมนาครั้งนี้ด้วย',
        '',
      ].join('\n'),
    );
  });

  it('json, csv in Arabic digits, and a bad option named', async () => {
    const json = await padme(['--data', dataDir, ...REPORT, '--format', 'json']);
    const r = JSON.parse(json.stdout) as { owner: string; asOf: string; monitoring: { kind: string; held: boolean }[]; held: { kind: string }[] };
    expect([r.owner, r.asOf, r.monitoring.map((i) => [i.kind, i.held]), r.held.map((i) => i.kind)]).toEqual([
      'upper-north-1',
      '2016-01-06',
      [
        ['monitoring_visit', false],
        ['training', false],
      ],
      ['seminar'],
    ]);
    const csv = await padme(['--data', dataDir, ...REPORT, '--format', 'csv', '--digits', 'arabic']);
    expect(csv.stdout.split('\n').length).toBe(5);
    expect(csv.stdout).toContain('ระหว่างวันที่ 22 มกราคม - 5 กุมภาพันธ์ 2559');
    const bad = await padme(['--data', dataDir, 'report', 'events', '--owner', 'upper-north-1', '--from', '2016-02-30', '--to', '2016-03-01']);
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'padme: --from: must be a real date written YYYY-MM-DD']);
  });
});
