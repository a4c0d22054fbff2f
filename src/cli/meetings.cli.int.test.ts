/** `padme report meeting` as a person runs it, on the demo data (PGlite data dir, child processes). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, padme } from '../../test/support/cli.ts';
import { paragraphsOf, seedAsIntended } from '../features/meetings/meetings.seed.ts';

const REPORT = ['report', 'meeting', '--owner', 'upper-north-1', '--no', '12', '--year', '2558'];

describe('padme report meeting', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-meeting-cli-'));
    dataDir = path.join(tmp, 'demo');
    expect((await demoDataDir(dataDir)).code).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("--format text: the seed's report, paragraph for paragraph, but for the intended differences (meetings.seed.ts)", async () => {
    const r = await padme(['--data', dataDir, ...REPORT, '--format', 'text']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${paragraphsOf(seedAsIntended()).join('\n\n')}\n`);
  });

  it('--digits arabic, and --out for the binary formats (refused without it)', async () => {
    const r = await padme(['--data', dataDir, ...REPORT, '--digits', 'arabic']);
    expect(r.stdout).toContain('ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน 14 โครงการ คงเหลืออีก 1 โครงการที่ยังไม่ได้อนุมัติ');
    const refused = await padme(['--data', dataDir, ...REPORT, '--format', 'pdf']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--format pdf needs --out FILE');
    const out = path.join(tmp, 'r.docx');
    expect((await padme(['--data', dataDir, ...REPORT, '--format', 'docx', '--out', out])).code).toBe(0);
    // A DOCX is a zip holding word/document.xml with the A4 page and official margins (twips: 2.5 cm top = 1417).
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:cs="TH Sarabun New"');
    expect(xml).toContain('<w:szCs w:val="32"/>');
  });

  it('an unknown meeting is named', async () => {
    const r = await padme(['--data', dataDir, 'report', 'meeting', '--owner', 'upper-north-1', '--no', '13', '--year', '2558']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Meeting 13/2558 of upper-north-1 not found');
  });
});
