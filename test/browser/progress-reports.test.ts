/**
 * Monthly progress reports in a real browser, with the demo data and accounts: the agency reporter
 * saves and submits the report of November 2558 of UN1-2559-06 (a demo project without reports, assigned to the reporter here) with a photo (a real PNG made here);
 * the cluster officer finds it in the review queue and returns it with a reason; the reporter sees
 * the reason, corrects and resubmits; the officer accepts it.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce, expectText, launchBrowser, signInAs, tid, type Browser } from '../support/browser.ts';
import { solidPng } from '../support/png.ts';

const SUITE = 'progress reports in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const CODE = 'UN1-2559-06';
const MONTH = '2015-11';
const REASON = 'ภาพถ่ายไม่แสดงงานขุดลอก กรุณาแนบภาพหน้างานจริง';
const RED = solidPng(32, 24, [220, 40, 40]);
const GREEN = solidPng(40, 30, [30, 160, 60]);
const SCREENSHOT = path.join(os.tmpdir(), 'padme-progress-reports.png');

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let b: Browser;

  beforeAll(async () => {
    await buildWebOnce();
    server = await startServer('pglite', { demo: true, demoUsers: true, webDir: WEB_DIST });
    // The demo's reporter reports on UN1-2559-01 and -03, which have demo reports; it takes on -06 too.
    const users = await server.json<{ username: string; version: number }[]>('/api/v1/users');
    const version = users.body.find((u) => u.username === 'reporter')!.version;
    const assigned = await server.json('/api/v1/users/reporter', {
      method: 'PATCH',
      body: JSON.stringify({ version, projects: ['UN1-2559-01', 'UN1-2559-03', CODE] }),
    });
    expect(assigned.status).toBe(200);
    b = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const page = () => b.page;
  const card = () => page().locator(tid(`report-${MONTH}`));
  const navLinks = () => page().locator('.app-header nav a').allTextContents();

  async function openProject(): Promise<void> {
    await page().goto(`${server.url}/projects/${CODE}`);
    await page().locator('.project[data-rights="ready"]').waitFor();
    await page().locator(tid('progress-reports')).waitFor();
  }

  /** The loaded images of a report card: their natural sizes (0×0 for one that failed to load). */
  async function thumbnails(c: Locator): Promise<string[]> {
    const imgs = c.locator('img.thumb');
    await imgs.first().waitFor();
    await page().waitForFunction(
      (el) => [...el.querySelectorAll('img.thumb')].every((i) => (i as HTMLImageElement).complete),
      await c.elementHandle(),
    );
    return imgs.evaluateAll((els) => els.map((e) => `${(e as HTMLImageElement).naturalWidth}x${(e as HTMLImageElement).naturalHeight}`));
  }

  it('the agency reporter saves a draft, attaches a photo, and submits the report of a month', async () => {
    await signInAs(b, server, 'reporter', `/projects/${CODE}`);
    expect(await navLinks()).not.toContain('ตรวจรายงาน');
    await openProject();
    await expectText(page(), `${tid('progress-reports')} h2`, 'รายงานความก้าวหน้า');
    await expectText(page(), `${tid('progress-reports')} > p`, 'ยังไม่มีรายงานความก้าวหน้า');
    const form = page().locator(tid('report-new'));
    const month = form.getByLabel('เดือน');
    expect(await month.locator('option').first().textContent()).toBe('เลือกเดือน');
    expect(await month.locator('option').nth(1).textContent()).toBe('ตุลาคม 2558');
    expect(await month.locator('option').last().textContent()).toBe('กันยายน 2559');
    await month.selectOption(MONTH);
    // The shared schema refuses a malformed percentage before anything is sent.
    await form.getByLabel('ความก้าวหน้าทางกายภาพ (ร้อยละ)').fill('35%');
    await form.getByRole('button', { name: 'ส่งรายงาน' }).click();
    await expectText(page(), `${tid('report-new')} ${tid('error-percent')}`, 'a percentage is written like 25 or 25.50');
    await form.getByLabel('ความก้าวหน้าทางกายภาพ (ร้อยละ)').fill('35');
    await form.getByLabel('ผลการดำเนินงาน').fill('ขุดลอกคลองแล้ว 1.2 กิโลเมตร');
    await form.getByLabel('ปัญหาและอุปสรรค').fill('ฝนตกหนักช่วงกลางเดือน');
    await form.getByLabel('แนวทางแก้ไข').fill('เพิ่มเครื่องจักรอีก 1 คัน');
    await form.getByLabel('ความช่วยเหลือที่ต้องการ').fill('ขอให้จังหวัดประสานกรมชลประทาน');
    await form.getByRole('button', { name: 'บันทึกร่าง' }).click();
    await expectText(page(), tid('report-notice'), 'บันทึกร่างแล้ว');
    await expectText(page(), `${tid(`report-${MONTH}`)} h3`, 'รายงานเดือนพฤศจิกายน 2558 ร่าง');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'ร่าง');

    // The file input offers the camera on a phone; a text file is refused by content, a PNG is kept and shown.
    const input = card().locator('input[type=file]');
    expect(await input.getAttribute('accept')).toBe('image/*,application/pdf');
    expect(await input.getAttribute('capture')).toBe('environment');
    expect(await input.getAttribute('multiple')).toBe('');
    await input.setInputFiles({ name: 'บันทึก.txt', mimeType: 'image/png', buffer: Buffer.from('ไม่ใช่ภาพถ่าย') });
    await expectText(
      page(),
      `${tid(`report-${MONTH}`)} ${tid('report-files')} [role=alert]`,
      'The file บันทึก.txt is not a JPEG, PNG or WebP photo or a PDF document (checked by its content, not its name or declared type)',
    );
    await input.setInputFiles({ name: 'หน้างาน-1.png', mimeType: 'image/png', buffer: RED });
    await expect.poll(() => card().locator(tid('report-file')).count()).toBe(1);
    expect(await thumbnails(card())).toEqual(['32x24']);
    await expectText(page(), `${tid(`report-${MONTH}`)} .file-meta`, 'หน้างาน-1.png · 1 KB');

    await card().getByRole('button', { name: 'ส่งรายงาน' }).click();
    await expectText(page(), tid('report-notice'), 'ส่งรายงานแล้ว');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'รอตรวจ');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-percent')}`, '35.00');
    expect(await card().locator('input[type=file]').count()).toBe(0);
    expect(await card().getByRole('button', { name: 'รับรายงาน' }).count()).toBe(0);
  });

  it('the cluster officer finds it in the review queue and returns it with a reason', async () => {
    await signInAs(b, server, 'officer-un1', '/');
    expect(await navLinks()).toContain('ตรวจรายงาน');
    await page().getByRole('link', { name: 'ตรวจรายงาน' }).click();
    await expectText(page(), 'h1', 'ตรวจรายงานความก้าวหน้า');
    const row = page().locator(tid(`review-${CODE}-${MONTH}`));
    await row.waitFor();
    // With the demo's report of UN1-2559-02 for December 2558, submitted and awaiting review.
    const queued = await page()
      .locator(`${tid('review-queue')} tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')).sort());
    expect(queued).toEqual([`review-${CODE}-${MONTH}`, 'review-UN1-2559-02-2015-12'].sort());
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 1)).toEqual([CODE]);
    expect(cells.slice(2, 5)).toEqual(['พฤศจิกายน 2558', '35.00', 'reporter']);
    expect(cells[6]).toBe('1');
    await row.getByRole('link', { name: CODE }).click();
    await page().locator('.project[data-rights="ready"]').waitFor();
    expect(await thumbnails(card())).toEqual(['32x24']);
    // A reason is required to return a report.
    await card().getByRole('button', { name: 'ส่งคืนให้แก้ไข' }).click();
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('error-reason')}`, 'a reason is required to return a report');
    await card().getByLabel('เหตุผลที่ส่งคืน').fill(REASON);
    await card().getByRole('button', { name: 'ส่งคืนให้แก้ไข' }).click();
    await expectText(page(), tid('report-notice'), 'ส่งคืนรายงานแล้ว');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'ส่งคืนให้แก้ไข');
    await page().getByRole('link', { name: 'ตรวจรายงาน' }).click();
    // Only the demo's report is left in the queue.
    await page().locator(tid('review-UN1-2559-02-2015-12')).waitFor();
    expect(
      await page()
        .locator(`${tid('review-queue')} tbody tr`)
        .count(),
    ).toBe(1);
  });

  it('the reporter sees the reason, corrects the report and resubmits it', async () => {
    await signInAs(b, server, 'reporter', `/projects/${CODE}`);
    await openProject();
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('return-reason')}`, `ส่งคืนให้แก้ไข โดย officer-un1: ${REASON}`);
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'ส่งคืนให้แก้ไข');
    await thumbnails(card());
    await page().locator(tid('progress-reports')).screenshot({ path: SCREENSHOT });
    const percent = card().getByLabel('ความก้าวหน้าทางกายภาพ (ร้อยละ)');
    expect(await percent.inputValue()).toBe('35.00');
    expect(await card().getByLabel('ผลการดำเนินงาน').inputValue()).toBe('ขุดลอกคลองแล้ว 1.2 กิโลเมตร');
    await percent.fill('40');
    await card().getByLabel('ผลการดำเนินงาน').fill('ขุดลอกคลองแล้ว 1.5 กิโลเมตร (ภาพหน้างานแนบ)');
    // The unclear photo goes, a new one comes.
    await card().getByRole('button', { name: 'ลบไฟล์ หน้างาน-1.png' }).click();
    await expect.poll(() => card().locator(tid('report-file')).count()).toBe(0);
    await card()
      .locator('input[type=file]')
      .setInputFiles([{ name: 'หน้างาน-2.png', mimeType: 'image/png', buffer: GREEN }]);
    await expect.poll(() => card().locator(tid('report-file')).count()).toBe(1);
    expect(await thumbnails(card())).toEqual(['40x30']);
    await card().getByRole('button', { name: 'ส่งรายงาน' }).click();
    await expectText(page(), tid('report-notice'), 'ส่งรายงานแล้ว');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'รอตรวจ');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-percent')}`, '40.00');
    expect(await card().locator(tid('return-reason')).count()).toBe(0);
  });

  it('the cluster officer accepts it; an accepted report no longer changes', async () => {
    await signInAs(b, server, 'officer-un1', '/review');
    const row = page().locator(tid(`review-${CODE}-${MONTH}`));
    await row.waitFor();
    expect((await row.locator('td').nth(3).textContent())?.trim()).toBe('40.00');
    await row.getByRole('link', { name: CODE }).click();
    await page().locator('.project[data-rights="ready"]').waitFor();
    await card().getByRole('button', { name: 'รับรายงาน' }).click();
    await expectText(page(), tid('report-notice'), 'รับรายงานแล้ว');
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'ผ่านการตรวจ');
    expect(await card().getByRole('button', { name: 'รับรายงาน' }).count()).toBe(0);
    expect(await card().locator('input[type=file]').count()).toBe(0);

    await signInAs(b, server, 'reporter', `/projects/${CODE}`);
    await openProject();
    await expectText(page(), `${tid(`report-${MONTH}`)} ${tid('report-status')}`, 'ผ่านการตรวจ');
    await expectText(page(), `${tid(`report-${MONTH}`)} dd`, '40.00');
    expect(await card().getByRole('button', { name: 'ส่งรายงาน' }).count()).toBe(0);
    expect(await thumbnails(card())).toEqual(['40x30']);
    const reports = await server.json<{ month: string; status: string; percent: string; files: { name: string; size: number }[] }[]>(
      `/api/v1/projects/${CODE}/progress-reports`,
    );
    expect(reports.body.map((r) => [r.month, r.status, r.percent, r.files.map((f) => [f.name, f.size])])).toEqual([
      [MONTH, 'accepted', '40.00', [['หน้างาน-2.png', GREEN.length]]],
    ]);
  });
});
