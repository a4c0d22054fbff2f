/**
 * The meetings web UI in a real browser (chromium) against a real server with the demo data: the list
 * of upper-north-1's meetings, meeting 12/2558's page and its report preview (the intro with the
 * weekday derived from the date, the division headings, the ❖ topics and the seed's figures in Thai
 * digits, Arabic ones with the app's digits switch), the lines of the preview and of the HTML format
 * broken only at the PDF's word boundaries, screenshots of the page and of the preview, an officer adding
 * a narrative topic and moving it (one reorder request), the DOCX and PDF downloads, closing the meeting
 * (its report then frozen; regenerated after a late disbursement, the one change), a new meeting
 * through the form, and deleting it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce, expectText, launchBrowser, signInAs, tid, type Browser } from '../support/browser.ts';
import { wordUnits } from '../../src/features/meetings/meetings.lines.ts';

const SUITE = 'meetings and their report in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const PAGE_SHOT = path.join(os.tmpdir(), 'padme-meeting-page.png');
const PREVIEW_SHOT = path.join(os.tmpdir(), 'padme-meeting-report-preview.png');

const INTRO =
  'เมื่อวันพุธที่ ๖ มกราคม ๒๕๕๙ ที่ผ่านมา เวลา ๐๙.๐๐ น. ณ ศาลากลางจังหวัดเชียงใหม่ ลำปาง ลำพูน และแม่ฮ่องสอน ' +
  'สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน ๑ (OSM) ได้จัดประชุมครั้งที่ ๑๒/๒๕๕๘ ประจำเดือนธันวาคม พ.ศ. ๒๕๕๘ ' +
  'เพื่อติดตามผลการดำเนินงานของ OSM ความก้าวหน้าการดำเนินงานโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ การขับเคลื่อนของคณะทำงานขับเคลื่อนการบริหารงานกลุ่มจังหวัดแบบบูรณาการ (Cluster) ' +
  'ของทั้ง ๔ จังหวัด รวมถึงการใช้งานโปรแกรมระบบติดตามประเมินผลแผนงานโครงการตามแผนปฏิบัติราชการประจำปีของจังหวัดและกลุ่มจังหวัด (PADME) ' +
  'และรับทราบถึงปัญหา อุปสรรคการขับเคลื่อนการทำงาน และการดำเนินงานโครงการในปีงบประมาณ พ.ศ. ๒๕๕๙';
const HEADINGS = ['กลุ่มงานพัฒนายุทธศาสตร์ กลุ่มจังหวัด', 'กลุ่มติดตามและประเมินผล', 'ฝ่ายบริหารทั่วไป'];
const TOPICS = [
  '❖ ความก้าวหน้าการดำเนินโครงการฯ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙',
  '❖ ตัวชี้วัดของกลุ่มจังหวัดภาคเหนือตอนบน ๑',
  '❖ การประชุม อ.ก.บ.ก. ด้านติดตามฯ',
  '❖ การลงพื้นที่อบรมการใช้งานระบบ PADME และ USD',
  '❖ ความก้าวหน้าการใช้งานระบบ PADME ประจำปีงบประมาณ พ.ศ. ๒๕๕๘',
  '❖ ความก้าวหน้าการเบิกจ่ายงบประมาณ',
];
const PREVIOUS_YEAR =
  '- มีโครงการที่ดำเนินการแล้วเสร็จ จำนวน ๘ โครงการ จากทั้งหมด จำนวน ๑๒ โครงการ มีผลการเบิกจ่าย ๒๐๕,๙๗๓,๘๑๔.๙๖ บาท คิดเป็นร้อยละ ๗๒.๓๒ ซึ่งอยู่ลำดับที่ ๗ จาก ๑๘ กลุ่มจังหวัด';
const DISBURSEMENT =
  '- ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)';

/** The width and height of a PNG (its IHDR), after checking its signature. */
function pngSize(file: string): { bytes: number; width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { bytes: b.length, width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The offsets in a text at which a line may break: the ends of its Intl.Segmenter units (meetings.lines.ts), as the PDF breaks. */
function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const u of wordUnits(text)) out.add((at += u.length));
  return out;
}

/**
 * Where the browser starts each line after the first of an element, as offsets in its textContent:
 * each character's box (Range.getClientRects; marks have no width and are skipped) lower than the
 * line before. Independent of the markup, so it sees a break the browser made anywhere.
 */
const lineStartsIn = (el: Element): number[] => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const starts: number[] = [];
  let offset = 0;
  let top: number | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent ?? '';
    for (let i = 0; i < t.length; i++) {
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const box = Array.from(range.getClientRects()).find((r) => r.width > 0);
      if (!box) continue;
      if (top !== null && box.top > top + 4) starts.push(offset + i);
      if (top === null || box.top > top + 4) top = box.top;
    }
    offset += t.length;
  }
  return starts;
};

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let b: Browser;
  let meetingUrl: string;

  beforeAll(async () => {
    await buildWebOnce();
    server = await startServer('pglite', { demo: true, demoUsers: true, webDir: WEB_DIST });
    b = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const texts = async (selector: string) => (await b.page.locator(selector).allTextContents()).map((s) => s.trim());
  const preview = (selector: string) => texts(`${tid('report-preview')} ${selector}`);

  it('lists upper-north-1 meetings from the menu; a committee member reads 12/2558 without the forms', async () => {
    await signInAs(b, server, 'committee-un1', '/');
    await b.page.getByRole('link', { name: 'การประชุม' }).click();
    await b.page.waitForURL(/\/meetings$/);
    await b.page.getByLabel('ปี พ.ศ.').selectOption('2558');
    await expectText(b.page, `${tid('meeting-12-2558')} td:nth-child(3)`, 'วันพุธที่ 6 มกราคม 2559');
    expect(await texts(`${tid('meeting-list')} tbody tr`)).toHaveLength(1);
    expect(await texts(`${tid('meeting-12-2558')} td`)).toEqual([
      '12/2558',
      'ธันวาคม 2558',
      'วันพุธที่ 6 มกราคม 2559',
      'สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1 (OSM)',
      'ร่าง',
    ]);
    expect(await b.page.locator(tid('new-meeting')).count()).toBe(0);
    await b.page.locator(`${tid('meeting-12-2558')} a`).click();
    await b.page.waitForURL(/\/meetings\/\d+$/);
    meetingUrl = new URL(b.page.url()).pathname;
    await expectText(b.page, tid('meeting-date'), 'วันพุธที่ 6 มกราคม 2559 เวลา 09.00 น.');
    await b.page.locator(tid('report-preview')).waitFor();
    expect(await b.page.locator(tid('add-topic')).count()).toBe(0);
    expect(await b.page.locator(tid('close-meeting')).count()).toBe(0);
    expect(await b.page.locator(tid('delete-meeting')).count()).toBe(0);
    expect(await b.page.locator(tid('regenerate')).count()).toBe(0);
  });

  it('previews the report as the seed lays it out, in Thai digits: the derived weekday, the headings, the ❖ topics and the figures', async () => {
    await signInAs(b, server, 'officer-un1', meetingUrl);
    await b.page.locator(tid('report-preview')).waitFor();
    await expectText(b.page, `${tid('report-preview')} p.report-intro`, INTRO);
    expect(await preview('h2.report-heading')).toEqual(HEADINGS);
    expect(await preview('h3.report-topic')).toEqual(TOPICS);
    const items = await preview('p.report-item');
    expect(items).toHaveLength(7);
    expect(items[0]).toMatch(/^- ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน ๑๔ โครงการ คงเหลืออีก ๑ โครงการที่ยังไม่ได้อนุมัติ คือ /);
    expect(items[4]).toBe(PREVIOUS_YEAR);
    expect(items[5]).toBe(DISBURSEMENT);
    // The seed printed "ร้อยละ ... บาท": no percentage is followed by baht.
    for (const item of items) expect(item).not.toMatch(/ร้อยละ [๐-๙0-9.,]+ บาท/);
    // The app's switch is off (Arabic digits) but the document and its downloads have Thai ones until it is moved.
    expect(await b.page.locator('header').getByLabel('เลขไทย').isChecked()).toBe(false);
    expect(await b.page.getByTestId('download-pdf').getAttribute('href')).toMatch(/&digits=thai$/);
    // The division headings in the agenda too, each with its topics.
    expect(await texts(`${tid('agenda')} .division h3`)).toEqual(['กลุ่มงานพัฒนายุทธศาสตร์', 'กลุ่มติดตามและประเมินผล', 'ฝ่ายบริหารทั่วไป']);
    expect(await b.page.locator(`${tid('division-monitoring')} .topic-title`).count()).toBe(3);
    // The font of the document: Sarabun, loaded.
    expect(await b.page.locator(tid('report-preview')).evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/^"?Sarabun"?,/);
    expect(await b.page.evaluate(async () => (await document.fonts.ready, document.fonts.check('16pt Sarabun', 'ก')))).toBe(true);
  });

  it('follows the app digits switch: Arabic digits from the API, then Thai again', async () => {
    const sw = b.page.locator('header').getByLabel('เลขไทย');
    await sw.check();
    await sw.uncheck();
    await expectText(
      b.page,
      `${tid('report-preview')} p.report-item >> nth=4`,
      PREVIOUS_YEAR.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)),
    );
    expect((await preview('p.report-item'))[5]).toContain('จำนวน 1,421,593.29 บาท คิดเป็นร้อยละ 0.40 คงเหลือ 357,999,106.71 บาท คิดเป็นร้อยละ 99.60');
    expect(await b.page.getByTestId('download-docx').getAttribute('href')).toMatch(/&digits=arabic$/);
    await sw.check();
    await expectText(b.page, `${tid('report-preview')} p.report-item >> nth=4`, PREVIOUS_YEAR);
    expect(await b.page.getByTestId('download-docx').getAttribute('href')).toMatch(/&digits=thai$/);
  });

  it("breaks the preview's and the HTML format's Thai lines only at Intl.Segmenter word boundaries, as the PDF does", async () => {
    const boundaries = wordBoundaries(INTRO);
    const words = wordUnits(INTRO).filter((u) => u.trim() !== '');
    const check = async (starts: number[]) => {
      // A long paragraph: several lines, each starting at a word boundary.
      expect(starts.length).toBeGreaterThanOrEqual(3);
      expect(starts.filter((o) => !boundaries.has(o))).toEqual([]);
    };
    // The means: each word an unbreakable span (one box), in the order Intl.Segmenter gives them.
    const spans = (p: Locator) =>
      p.locator('span.w').evaluateAll((ws) => ws.map((w) => [w.textContent, getComputedStyle(w).whiteSpace, w.getClientRects().length]));
    await b.page.evaluate(() => document.fonts.ready);
    const intro = b.page.locator(`${tid('report-preview')} p.report-intro`);
    expect(await intro.textContent()).toBe(INTRO);
    expect(await spans(intro)).toEqual(words.map((w) => [w, 'nowrap', 1]));
    await check(await intro.evaluate(lineStartsIn));
    // The HTML format, opened in the browser.
    const html = await b.context.newPage();
    try {
      await html.goto(`${server.url}/api/v1${meetingUrl}/report?format=html`);
      await html.evaluate(() => document.fonts.ready);
      const p = html.locator('p.intro');
      expect(await p.textContent()).toBe(INTRO);
      expect(await spans(p)).toEqual(words.map((w) => [w, 'nowrap', 1]));
      await check(await p.evaluate(lineStartsIn));
    } finally {
      await html.close();
    }
  });

  it('screenshots the meeting page and the report preview (non-trivial PNGs)', async () => {
    await b.page.evaluate(() => document.fonts.ready);
    await b.page.screenshot({ path: PAGE_SHOT, fullPage: true });
    await b.page.locator(tid('report-preview')).screenshot({ path: PREVIEW_SHOT });
    const page = pngSize(PAGE_SHOT);
    expect(page.width).toBe(1360);
    expect(page.height).toBeGreaterThan(2000);
    expect(page.bytes).toBeGreaterThan(150_000);
    const doc = pngSize(PREVIEW_SHOT);
    // 21 cm at 96 px per inch: 794 px wide; longer than one A4 page (1123 px).
    expect(doc.width).toBe(794);
    expect(doc.height).toBeGreaterThan(1123);
    expect(doc.bytes).toBeGreaterThan(100_000);
    // Printed: only the document, without the shell, the agenda and the forms (the page's margins are @page's).
    await b.page.emulateMedia({ media: 'print' });
    expect(await b.page.locator('.app-header').isVisible()).toBe(false);
    expect(await b.page.locator(tid('agenda')).isVisible()).toBe(false);
    expect(await b.page.locator(tid('downloads')).isVisible()).toBe(false);
    expect(await b.page.locator(tid('report-preview')).evaluate((e) => [getComputedStyle(e).paddingLeft, getComputedStyle(e).boxShadow])).toEqual([
      '0px',
      'none',
    ]);
    await b.page.emulateMedia({ media: 'screen' });
  });

  it('an officer adds a narrative topic to the general administration and moves it up', async () => {
    await b.page.getByTestId('add-topic').click();
    const form = b.page.getByRole('form', { name: 'เพิ่มหัวข้อ' });
    await form.getByLabel('กลุ่มงาน').selectOption('administration');
    await form.getByLabel('หัวข้อ (❖)').fill('การจัดซื้อจัดจ้าง ปีงบประมาณ 2559');
    await form.getByLabel('ข้อความ').fill('ดำเนินการแล้ว 3 รายการ จาก 5 รายการ');
    await form.getByTestId('save-topic').click();
    // The app's digits switch is on (Thai digits) since the previous test: the agenda shows them too.
    await expectText(b.page, `${tid('division-administration')} li:last-child .topic-title`, '❖ การจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๕๙');
    await expectText(b.page, `${tid('report-preview')} h3.report-topic >> nth=6`, '❖ การจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๕๙');
    expect((await preview('p.report-item')).at(-1)).toBe('- ดำเนินการแล้ว ๓ รายการ จาก ๕ รายการ');
    // Moved above the disbursement topic, in the agenda and in the report: one request, the division's new order.
    const writes: { method: string; path: string; body: unknown }[] = [];
    const onRequest = (r: Request) => {
      if (r.method() !== 'GET' && r.url().includes('/api/v1/meetings/'))
        writes.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postDataJSON() });
    };
    b.page.on('request', onRequest);
    const ids = await b.page
      .locator(`${tid('division-administration')} .topics > li`)
      .evaluateAll((li) => li.map((e) => e.getAttribute('data-testid')!.replace('topic-', '')));
    await b.page
      .locator(`${tid('division-administration')} li:last-child`)
      .getByRole('button', { name: 'เลื่อนขึ้น' })
      .click();
    await expectText(b.page, `${tid('report-preview')} h3.report-topic >> nth=5`, '❖ การจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๕๙');
    await expect
      .poll(() => texts(`${tid('division-administration')} .topic-title`))
      .toEqual(['❖ การจัดซื้อจัดจ้าง ปีงบประมาณ ๒๕๕๙', '❖ ความก้าวหน้าการเบิกจ่ายงบประมาณ']);
    b.page.off('request', onRequest);
    expect(writes).toEqual([
      {
        method: 'POST',
        path: `/api/v1${meetingUrl}/agenda/reorder`,
        body: { version: expect.any(Number), division: 'administration', items: [ids[1], ids[0]] },
      },
    ]);
  });

  it('downloads the report as DOCX and PDF', async () => {
    for (const [format, type, magic] of [
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK\u0003\u0004'],
      ['pdf', 'application/pdf', '%PDF-'],
    ] as const) {
      const link = b.page.getByTestId(`download-${format}`);
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^/api/v1/meetings/\\d+/report\\?format=${format}&digits=thai$`));
      const [download] = await Promise.all([b.page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
      expect(download.suggestedFilename()).toBe(`meeting-12-2558.${format}`);
      const file = await download.path();
      const body = fs.readFileSync(file);
      expect(body.subarray(0, magic.length).toString('latin1')).toBe(magic);
      expect(body.length).toBeGreaterThan(5_000);
      const res = await b.context.request.get(`${server.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe(type);
      expect((await res.body()).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
  }, 120_000);

  it('closes the meeting after a confirmation: frozen, no more forms, regenerated, what changed since', async () => {
    await b.page.getByTestId('close-meeting').click();
    await expect(b.page.getByTestId('close-confirm').textContent()).resolves.toContain('ปิดการประชุมนี้?');
    await b.page.getByTestId('confirm-close').click();
    await expect.poll(() => b.page.getByTestId('meeting-status').textContent()).toMatch(/^ปิดการประชุมแล้ว · ปิดเมื่อ .+ โดย officer-un1$/);
    await expectText(b.page, tid('report-kind'), 'รายงานที่คงไว้เมื่อปิดการประชุม');
    expect(await b.page.locator(tid('add-topic')).count()).toBe(0);
    expect(await b.page.locator(tid('edit-topic')).count()).toBe(0);
    expect(await b.page.locator(tid('close-meeting')).count()).toBe(0);
    expect(await b.page.locator(tid('delete-meeting')).count()).toBe(0);
    expect(await preview('h3.report-topic')).toHaveLength(7);
    expect((await preview('p.report-item')).slice(4)).toEqual([
      PREVIOUS_YEAR,
      '- ดำเนินการแล้ว ๓ รายการ จาก ๕ รายการ',
      DISBURSEMENT,
      expect.stringMatching(/^- เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM/),
    ]);
    await b.page.getByTestId('regenerate').click();
    await expectText(b.page, tid('report-changes'), 'ไม่มีตัวเลขใดเปลี่ยนไปจากรายงานที่ปิดไว้');
    // A disbursement of 100,000.00 baht before the cut-off, recorded after closing: the frozen report keeps the old
    // figures; regenerated, the disbursement block changes (1,521,593.29 of 359,420,700.00: 0.42 %, 99.58 % remaining).
    const officer = await server.as({ username: 'officer-late', role: 'cluster_officer', scope: 'upper-north-1' });
    const body = JSON.stringify({ date: '2016-01-04', amount: '100000.00', ref: 'MEET-LATE-1' });
    expect((await officer.json('/api/v1/projects/UN1-2559-01/disbursements', { method: 'POST', body })).status).toBe(201);
    await b.page.reload();
    await b.page.locator(tid('report-preview')).waitFor();
    await expectText(b.page, `${tid('report-preview')} p.report-item >> nth=6`, DISBURSEMENT);
    await b.page.getByTestId('regenerate').click();
    await expectText(b.page, `${tid('report-changes')} h3`, 'สิ่งที่เปลี่ยนไปจากรายงานที่ปิดไว้ (๑)');
    expect(await texts(`${tid('report-change')} .change-old`)).toEqual([`เดิม: ${DISBURSEMENT.slice(2)}`]);
    const regenerated =
      'ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ จำนวน ๑,๕๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๒ คงเหลือ ๓๕๗,๘๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๕๘ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)';
    expect(await texts(`${tid('report-change')} .change-new`)).toEqual([`ใหม่: ${regenerated}`]);
    await expectText(b.page, `${tid('report-preview')} p.report-item >> nth=6`, `- ${regenerated}`);
    await expectText(b.page, tid('report-kind'), 'รายงานจากข้อมูลปัจจุบัน ณ วันที่ ๕ มกราคม ๒๕๕๙');
    // Reloaded, the list says so too.
    await b.page.getByRole('link', { name: 'การประชุม' }).first().click();
    await expectText(b.page, `${tid('meeting-12-2558')} td:last-child`, 'ปิดการประชุมแล้ว');
  });

  it('an officer records meeting 1/2559 through the form: the weekday shown from the date, the month covered proposed', async () => {
    await b.page.getByTestId('new-meeting').click();
    const form = b.page.getByRole('form', { name: 'บันทึกการประชุม' });
    await form.getByTestId('save-meeting').click();
    await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThan(0);
    await form.getByLabel('ครั้งที่').fill('1');
    await form.getByLabel('ปี พ.ศ.').fill('2559');
    await form.getByLabel('วันที่ประชุม').fill('3/2/2559');
    await form.getByLabel('วันที่ประชุม').press('Enter');
    await expectText(b.page, tid('meeting-weekday'), 'วันพุธที่ ๓ กุมภาพันธ์ ๒๕๕๙');
    expect(await form.getByLabel('ประจำเดือน', { exact: true }).inputValue()).toBe('1');
    await form.getByLabel('เวลาเริ่ม (ชช:นน)').fill('13:30');
    await form.getByLabel('สถานที่ (หนึ่งบรรทัดต่อหนึ่งแห่ง)').fill('ศาลากลางจังหวัดลำพูน');
    await form.getByLabel('ผู้จัด').fill('สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1 (OSM)');
    await form.getByLabel('วัตถุประสงค์ (หนึ่งบรรทัดต่อหนึ่งข้อ)').fill('ติดตามผลการดำเนินงาน');
    await form.getByTestId('save-meeting').click();
    await b.page.waitForURL(/\/meetings\/\d+$/);
    await expectText(
      b.page,
      `${tid('report-preview')} p.report-intro`,
      'เมื่อวันพุธที่ ๓ กุมภาพันธ์ ๒๕๕๙ ที่ผ่านมา เวลา ๑๓.๓๐ น. ณ ศาลากลางจังหวัดลำพูน สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน ๑ (OSM) ' +
        'ได้จัดประชุมครั้งที่ ๑/๒๕๕๙ ประจำเดือนมกราคม พ.ศ. ๒๕๕๙ เพื่อติดตามผลการดำเนินงาน',
    );
    expect(await preview('h3.report-topic')).toEqual([]);
    await expectText(b.page, tid('meeting-status'), 'ร่าง');
  });

  it('an officer deletes that draft meeting with a reason, after a confirmation, and is back at the list without it', async () => {
    await b.page.getByTestId('delete-meeting').click();
    const form = b.page.getByRole('form', { name: 'ลบการประชุม' });
    expect(await form.locator('.hint').textContent()).toBe('ลบการประชุมครั้งที่ ๑/๒๕๕๙ และระเบียบวาระทั้งหมด? ระบุเหตุผลเพื่อยืนยัน');
    // Cancelled: nothing deleted.
    await form.getByRole('button', { name: 'ยกเลิก' }).click();
    expect(await b.page.getByRole('form', { name: 'ลบการประชุม' }).count()).toBe(0);
    await b.page.getByTestId('delete-meeting').click();
    // Without a reason: refused in the form.
    await form.getByRole('button', { name: 'ยืนยันการลบ' }).click();
    await expect.poll(() => form.locator('.field-error').count()).toBe(1);
    expect(b.page.url()).toMatch(/\/meetings\/\d+$/);
    await form.getByLabel(/เหตุผล/).fill('บันทึกซ้ำโดยไม่ได้ตั้งใจ');
    await form.getByRole('button', { name: 'ยืนยันการลบ' }).click();
    await b.page.waitForURL(/\/meetings\?owner=upper-north-1&year=2559$/);
    await expectText(b.page, tid('no-meetings'), 'ไม่มีการประชุม');
    expect(await b.page.locator(tid('meeting-1-2559')).count()).toBe(0);
  });
});
