/**
 * The web UI in a real browser (Debian's chromium through playwright-core) against a real server
 * with the demo data and the demo accounts: signing in; the seed's figures in Thai, the language and
 * digit switches, the B.E. date picker, recording a disbursement, importing a file, and searching
 * projects by a Thai word (as the administrator); then what each role sees, sign-out, users, tokens,
 * the CSRF check, deleting and restoring a project, and the public reports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce } from '../support/browser.ts';

const SUITE = 'web UI in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.join(os.tmpdir(), 'padme-dashboard.png');

/** Waits (up to 5 s) for the element's text to become `expected`, then asserts it (so a failure shows the actual text). */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  const locator = page.locator(selector).first();
  const deadline = Date.now() + 5000;
  let actual: string | null = null;
  while (Date.now() < deadline) {
    actual = (await locator.textContent({ timeout: 5000 }).catch(() => null))?.trim() ?? null;
    if (actual === expected) break;
    await page.waitForTimeout(50);
  }
  expect(actual, selector).toBe(expected);
}

const tid = (id: string) => `[data-testid="${id}"]`;

const WRONG_PASSWORD = 'The username or password is wrong';

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    await buildWebOnce();
    server = await startServer('pglite', { demo: true, demoUsers: true, webDir: WEB_DIST });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH!,
      headless: true,
      args: FLAGS,
      viewport: { width: 1360, height: 900 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  const passwordOf = (username: string) => {
    const u = server.demoUsers.find((d) => d.username === username);
    if (!u) throw new Error(`no demo user ${username}`);
    return u.password;
  };

  /** Fills the sign-in form shown on the current page and waits for the user's name in the header. */
  async function fillSignIn(username: string, password: string, displayName?: string): Promise<void> {
    const form = page.getByRole('form', { name: 'เข้าสู่ระบบ' });
    await form.getByLabel('ชื่อผู้ใช้').fill(username);
    await form.getByLabel('รหัสผ่าน').fill(password);
    await form.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    if (displayName) await expectText(page, tid('user-name'), displayName);
    else await page.locator(tid('user-name')).waitFor();
  }

  /** Signs in afresh (the old session's cookie dropped) as a demo account, then opens `path`. */
  async function signInAs(username: string, path = '/'): Promise<void> {
    await context.clearCookies();
    await page.goto(`${server.url}${path}`);
    await fillSignIn(username, passwordOf(username));
  }

  const navLinks = () => page.locator('.app-header nav a').allTextContents();
  const formsOnPage = async () => ({
    disbursement: await page.getByRole('form', { name: 'บันทึกการเบิกจ่าย' }).count(),
    status: await page.getByRole('form', { name: 'เปลี่ยนสถานะ' }).count(),
    delete: await page.getByRole('button', { name: 'ลบโครงการ' }).count(),
  });
  /** Opens a project and waits until its page (history included) has loaded. */
  async function openProject(code: string): Promise<void> {
    await page.goto(`${server.url}/projects/${code}`);
    await page.locator('.project[data-rights="ready"]').waitFor();
    await page
      .locator(`${tid('history')} tbody tr`)
      .first()
      .waitFor();
  }

  it('opens on the sign-in page, then, signed in, on the seed view with its figures in Thai', async () => {
    await page.goto(`${server.url}/`);
    await expectText(page, 'h1', 'เข้าสู่ระบบ PADME');
    expect(await page.locator(tid('owner-name')).count()).toBe(0);
    await fillSignIn('admin', passwordOf('admin'), 'ผู้ดูแลระบบ (ตัวอย่าง)');
    await expectText(page, tid('user-role'), 'ผู้ดูแลระบบ');
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน 1');
    await expectText(page, tid('as-of'), '5 มกราคม 2559');
    await expectText(page, tid('allocated'), '359,420,700.00');
    await expectText(page, tid('disbursed'), '1,421,593.29');
    await expectText(page, tid('disbursed-percent'), '0.40');
    await expectText(page, tid('remaining'), '357,999,106.71');
    await expectText(page, tid('remaining-percent'), '99.60');
    await expectText(page, tid('project-count'), '15');
    // In FY 2559 only this cluster has figures in the demo: the rank says so.
    await expectText(page, tid('rank'), 'ลำดับที่ 1 จาก 18 (มีข้อมูลการเบิกจ่าย 1)');
    await expectText(page, tid('status-approved'), 'อนุมัติ 14');
    await expectText(page, tid('status-revising'), 'อยู่ระหว่างการปรับเนื้อหารายละเอียด 1');
    await page.locator('.map-svg path').first().waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows FY 2558 ranked 7th of the 18 clusters, with the cluster highlighted', async () => {
    await page.getByLabel('ปีงบประมาณ').selectOption('2558');
    await expectText(page, tid('disbursed'), '205,973,814.96');
    await expectText(page, tid('disbursed-percent'), '72.32');
    await expectText(page, tid('rank'), 'ลำดับที่ 7 จาก 18');
    await expectText(page, `${tid('ranking-current')} .rank-no`, '7');
    expect(new URL(page.url()).search).toBe('?owner=upper-north-1&fy=2558&asOf=2016-01-05');
  });

  it('switches to Thai digits and to English, and back', async () => {
    await page.getByLabel('เลขไทย').check();
    await expectText(page, tid('disbursed'), '๒๐๕,๙๗๓,๘๑๔.๙๖');
    await expectText(page, tid('disbursed-percent'), '๗๒.๓๒');
    await expectText(page, tid('rank'), 'ลำดับที่ ๗ จาก ๑๘');
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน ๑');
    await expectText(page, tid('as-of'), '๕ มกราคม ๒๕๕๙');
    await page.getByLabel('เลขไทย').uncheck();
    await page.getByRole('button', { name: 'English' }).click();
    await expectText(page, tid('owner-name'), 'Upper Northern 1');
    await expectText(page, tid('rank'), 'rank 7 of 18');
    await expectText(page, tid('as-of'), '5 January 2559 BE');
    await expectText(page, tid('disbursed'), '205,973,814.96');
    await page.getByLabel('Thai digits').check();
    await expectText(page, tid('disbursed-percent'), '๗๒.๓๒');
    await page.getByLabel('Thai digits').uncheck();
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน 1');
  });

  it('takes a B.E. date typed or picked on the calendar', async () => {
    await page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-01-05`);
    await expectText(page, tid('disbursed'), '1,421,593.29');
    const asOf = page.getByLabel('ข้อมูล ณ วันที่');
    await asOf.fill('20/1/2559');
    await asOf.press('Enter');
    await expectText(page, tid('as-of'), '20 มกราคม 2559');
    await expectText(page, tid('disbursed'), '1,921,593.29');
    await asOf.fill('31/2/2559');
    await asOf.press('Enter');
    await expectText(page, '.date-field .field-error', 'วันที่ไม่ถูกต้อง: ใช้ ว/ด/ปปปป (พ.ศ.) เช่น 5/1/2559');
    await page.getByRole('button', { name: 'เลือกวันที่จากปฏิทิน' }).click();
    await expectText(page, '.calendar-title', 'มกราคม 2559');
    await page.getByRole('button', { name: 'เดือนก่อน' }).click();
    await expectText(page, '.calendar-title', 'ธันวาคม 2558');
    await page.getByRole('button', { name: '31 ธันวาคม 2558' }).click();
    await expectText(page, tid('as-of'), '31 ธันวาคม 2558');
    await expectText(page, tid('disbursed'), '1,046,593.29');
    expect(await asOf.inputValue()).toBe('31/12/2558');
  });

  it('searches projects by a Thai word', async () => {
    await page.goto(`${server.url}/projects`);
    await page.getByLabel('ค้นหา').fill('ลำไย');
    await page.getByLabel('ค้นหา').press('Enter');
    await expectText(page, tid('total'), 'พบ 3 โครงการ');
    const codes = await page.locator('tbody tr td:first-child').allTextContents();
    expect(codes).toEqual(['UN1-2558-02', 'UN1-2559-03', 'UN1-2559-06']);
    expect(await page.locator('tbody tr .project-name').allTextContents()).toEqual([
      'โครงการส่งเสริมการผลิตลำไยนอกฤดู',
      'โครงการเพิ่มประสิทธิภาพการผลิตลำไยคุณภาพเพื่อการส่งออก',
      'โครงการแปรรูปลำไยเพื่อเพิ่มมูลค่า',
    ]);
    expect(await page.getByRole('link', { name: 'ส่งออก Excel (XLSX)' }).getAttribute('href')).toBe(
      '/api/v1/projects/export.xlsx?q=%E0%B8%A5%E0%B8%B3%E0%B9%84%E0%B8%A2&sort=code&order=asc',
    );
  });

  it('records a disbursement, and shows the API refusing one above the allocation', async () => {
    await page.goto(`${server.url}/projects/UN1-2559-04`);
    await expectText(page, tid('p-disbursed'), '0.00');
    const form = page.getByRole('form', { name: 'บันทึกการเบิกจ่าย' });
    await form.getByLabel('วันที่', { exact: true }).fill('10/1/2559');
    await form.getByLabel('จำนวนเงิน (บาท)').fill('1,234.50');
    await form.getByLabel('เลขที่เอกสาร').fill('GF59-T001');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, '.ok[role=status]', 'บันทึกแล้ว');
    await expectText(page, tid('p-disbursed'), '1,234.50');
    await expectText(page, tid('p-remaining'), '29,798,765.50');
    await expectText(page, `${tid('ledger')} tbody tr td:nth-child(1)`, '10 มกราคม 2559');
    await expectText(page, `${tid('ledger')} tbody tr td:nth-child(3)`, '1,234.50');

    await form.getByLabel('จำนวนเงิน (บาท)').fill('29800000');
    await form.getByLabel('เลขที่เอกสาร').fill('GF59-T002');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(
      page,
      tid('error-amount'),
      'A disbursement of 29800000.00 would take project UN1-2559-04 above its allocation of 29800000.00: 29798765.50 remains',
    );
    await expectText(page, tid('p-disbursed'), '1,234.50');
    expect(await page.locator(`${tid('ledger')} tbody tr`).count()).toBe(1);
    const { body } = await server.json<{ disbursed: string }>('/api/v1/projects/UN1-2559-04');
    expect(body.disbursed).toBe('1234.50');

    await form.getByLabel('จำนวนเงิน (บาท)').fill('12.345');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, tid('error-amount'), '"12.345" is not an amount: use digits with up to 2 decimals, e.g. 1234.50 or 1,234.50');
  });

  it('changes a status through the allowed transitions only, and lists it in the history', async () => {
    await page.goto(`${server.url}/projects/UN1-2559-15`);
    const form = page.getByRole('form', { name: 'เปลี่ยนสถานะ' });
    const options = () => form.getByLabel('สถานะใหม่').locator('option').allTextContents();
    await expect.poll(options).toEqual(['เสนอโครงการ', 'อนุมัติ', 'ยกเลิก']);
    await form.getByLabel('สถานะใหม่').selectOption({ label: 'อนุมัติ' });
    await form.getByLabel('วันที่', { exact: true }).fill('6/1/2559');
    await form.getByLabel('เหตุผล').fill('ปรับรายละเอียดแล้ว');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    const last = `${tid('status-history')} tbody tr:last-child`;
    await expectText(page, `${last} td:nth-child(2)`, 'อยู่ระหว่างการปรับเนื้อหารายละเอียด → อนุมัติ');
    await expectText(page, `${last} td:nth-child(1)`, '6 มกราคม 2559');
    await expectText(page, `${last} td:nth-child(4)`, 'ปรับรายละเอียดแล้ว');
    await expect.poll(options).toEqual(['อยู่ระหว่างการปรับเนื้อหารายละเอียด', 'อยู่ระหว่างดำเนินการ', 'ดำเนินการแล้วเสร็จ', 'ยกเลิก']);
  });

  it('shows what changed meanwhile when the project was changed since the page was opened', async () => {
    await page.goto(`${server.url}/projects/UN1-2559-14`);
    const form = page.getByRole('form', { name: 'เปลี่ยนสถานะ' });
    await form.getByLabel('สถานะใหม่').selectOption({ label: 'ดำเนินการแล้วเสร็จ' });
    await form.getByLabel('เหตุผล').fill('เสร็จสิ้น');
    // Someone else starts the project behind this page's back.
    const other = await server.json('/api/v1/projects/UN1-2559-14/status', {
      method: 'POST',
      body: JSON.stringify({ status: 'in_progress', date: '2016-01-06', reason: 'เริ่มงาน' }),
    });
    expect(other.status).toBe(200);
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, `${tid('conflict')} li`, 'status: approved → in_progress');
    expect((await server.json<{ status: string }>('/api/v1/projects/UN1-2559-14')).body.status).toBe('in_progress');
    await page.locator(tid('conflict')).getByRole('button', { name: 'โหลดข้อมูลล่าสุด' }).click();
    await expect.poll(() => form.getByLabel('สถานะใหม่').locator('option').allTextContents()).toEqual(['ดำเนินการแล้วเสร็จ', 'ยกเลิก']);
  });

  it('checks an import file, lists its row errors, and imports a good one', async () => {
    await page.goto(`${server.url}/import`);
    const header = 'code,fiscal_year,owner,name,budget,status\n';
    await page.getByLabel('ไฟล์').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}WEB-01,2560,upper-north-1,โครงการทดสอบหนึ่ง,abc,approved\nWEB-02,2560,upper-north-1,โครงการทดสอบสอง,1000.00,finished\n`,
      ),
    });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์ (ยังไม่บันทึก)' }).click();
    await expectText(page, tid('import-status'), 'The file was not imported: 2 error(s) in 2 row(s). Nothing was changed.');
    const rows = await page
      .locator(`${tid('row-errors')} tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['2', 'budget', '"abc" is not an amount: use digits with up to 2 decimals, e.g. 1234.50 or 1,234.50'],
      ['3', 'status', '"finished" is not a status: use one of proposed, revising, approved, in_progress, completed, cancelled'],
    ]);
    expect(await page.getByRole('button', { name: 'นำเข้า', exact: true }).isDisabled()).toBe(true);

    await page.getByLabel('ไฟล์').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}WEB-01,2560,upper-north-1,โครงการทดสอบหนึ่ง,1500000.50,approved\nWEB-02,2560,50,โครงการทดสอบสอง,1000.00,อนุมัติ\n`),
    });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์ (ยังไม่บันทึก)' }).click();
    await expectText(page, tid('import-status'), 'พร้อมนำเข้า: 2 แถว');
    expect((await server.json('/api/v1/projects/WEB-01')).status).toBe(404);
    await page.getByRole('button', { name: 'นำเข้า', exact: true }).click();
    await expectText(page, tid('import-status'), 'นำเข้าแล้ว: 2 แถว (เพิ่ม 2, ไม่เปลี่ยนแปลง 0)');
    expect(await page.locator('progress').getAttribute('value')).toBe('100');
    const { status, body } = await server.json<{ budget: string; status: string }>('/api/v1/projects/WEB-01');
    expect([status, body.budget, body.status]).toEqual([200, '1500000.50', 'approved']);
  });

  it("shows the server's message on a wrong password, and signing out returns to the sign-in page", async () => {
    await page.goto(`${server.url}/projects`);
    await expectText(page, tid('user-name'), 'ผู้ดูแลระบบ (ตัวอย่าง)');
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await expectText(page, 'h1', 'เข้าสู่ระบบ PADME');
    expect(await page.locator(tid('user-name')).count()).toBe(0);
    const form = page.getByRole('form', { name: 'เข้าสู่ระบบ' });
    await form.getByLabel('ชื่อผู้ใช้').fill('viewer');
    await form.getByLabel('รหัสผ่าน').fill('not-the-password');
    await form.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expectText(page, tid('sign-in-error'), WRONG_PASSWORD);
    // Signing in returns to the page that was asked for.
    await fillSignIn('viewer', passwordOf('viewer'), 'ผู้ชม (ตัวอย่าง)');
    expect(new URL(page.url()).pathname).toBe('/projects');
    await page.locator(`tbody tr`).first().waitFor();
  });

  it('shows a viewer no import, no new project and no forms on a project', async () => {
    await signInAs('viewer', '/projects/UN1-2559-01');
    await expectText(page, tid('user-role'), 'ผู้ชม');
    expect(await navLinks()).toEqual(['ภาพรวม', 'โครงการ', 'ตัวชี้วัด', 'ลงพื้นที่ติดตาม', 'กิจกรรม', 'ปฏิทิน', 'การประชุม']);
    await openProject('UN1-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 0, status: 0, delete: 0 });
    expect(await page.locator(`${tid('history')} tbody tr`).count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/import`);
    await expectText(page, 'main .error', 'บัญชีของคุณไม่มีสิทธิ์ใช้หน้านี้');
  });

  it("shows a committee member the dashboard and its cluster's projects, without forms", async () => {
    await signInAs('committee-un1');
    await expectText(page, tid('user-role'), 'กรรมการ · กลุ่มจังหวัดภาคเหนือตอนบน 1');
    expect(await navLinks()).toEqual(['ภาพรวม', 'โครงการ', 'ตัวชี้วัด', 'ลงพื้นที่ติดตาม', 'กิจกรรม', 'ปฏิทิน', 'การประชุม']);
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน 1');
    await openProject('UN1-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 0, status: 0, delete: 0 });
  });

  it('shows an agency reporter only its two projects, and the disbursement form on them', async () => {
    await signInAs('reporter');
    await expectText(page, tid('user-role'), 'ผู้รายงานของหน่วยงาน');
    expect(new URL(page.url()).pathname).toBe('/projects');
    expect(await navLinks()).toEqual(['โครงการ', 'นำเข้าข้อมูล']);
    await expectText(page, tid('total'), 'พบ 2 โครงการ');
    expect(await page.locator('tbody tr td:first-child').allTextContents()).toEqual(['UN1-2559-01', 'UN1-2559-03']);
    await openProject('UN1-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 1, status: 0, delete: 0 });
    await page.goto(`${server.url}/import`);
    await page.getByRole('radio').first().waitFor();
    // An agency reporter imports disbursements and monthly progress reports (of its projects).
    expect(await page.getByRole('radio').count()).toBe(2);
    expect(await page.getByLabel('การเบิกจ่าย', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('รายงานความก้าวหน้าประจำเดือน', { exact: true }).isChecked()).toBe(false);
  });

  it("shows a province officer the forms on its province's project only", async () => {
    await signInAs('officer-cm');
    await expectText(page, tid('user-role'), 'เจ้าหน้าที่จังหวัด · เชียงใหม่');
    expect(await navLinks()).toEqual([
      'ภาพรวม',
      'โครงการ',
      'เพิ่มโครงการ',
      'ตัวชี้วัด',
      'นำเข้าข้อมูล',
      'ตรวจรายงาน',
      'ลงพื้นที่ติดตาม',
      'กิจกรรม',
      'ปฏิทิน',
      'การประชุม',
    ]);
    await openProject('UN1-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 0, status: 0, delete: 0 });
    await openProject('CM-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 1, status: 1, delete: 1 });
  });

  it("shows a cluster officer the forms on the cluster's and its provinces' projects, and the server's 403", async () => {
    await signInAs('officer-un1');
    await expectText(page, tid('user-role'), 'เจ้าหน้าที่กลุ่มจังหวัด · กลุ่มจังหวัดภาคเหนือตอนบน 1');
    await openProject('UN1-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 1, status: 1, delete: 1 });
    await openProject('CM-2559-01');
    expect(await formsOnPage()).toEqual({ disbursement: 1, status: 1, delete: 1 });
    // The status form needs a reason, with the schema's message.
    const form = page.getByRole('form', { name: 'เปลี่ยนสถานะ' });
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, tid('error-reason'), 'a reason is required for a status change');
    // A project of another cluster: no forms.
    const { body } = await server.json<{ items: { code: string }[] }>('/api/v1/projects?owner=upper-north-2&limit=1');
    const other = body.items[0]?.code;
    if (other) {
      await openProject(other);
      expect(await formsOnPage()).toEqual({ disbursement: 0, status: 0, delete: 0 });
    }
  });

  it('refuses a write without the CSRF header, and accepts the same with it', async () => {
    // Signed in as officer-un1 (previous test); the session cookie goes with the request.
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/v1/projects/UN1-2559-01/disbursements', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ date: '2016-01-10', amount: '1.00', ref: 'CSRF-1' }),
      });
      return { status: res.status, body: (await res.json()) as { error: { message: string } } };
    });
    expect(status.status).toBe(403);
    expect(status.body.error.message).toContain('CSRF');
    const { body } = await server.json<{ disbursed: string }>('/api/v1/projects/UN1-2559-01');
    const before = body.disbursed;
    // The UI's own write (with the header) goes through.
    await openProject('UN1-2559-01');
    const form = page.getByRole('form', { name: 'บันทึกการเบิกจ่าย' });
    await form.getByLabel('วันที่', { exact: true }).fill('10/1/2559');
    await form.getByLabel('จำนวนเงิน (บาท)').fill('1.00');
    await form.getByLabel('เลขที่เอกสาร').fill('CSRF-2');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, '.ok[role=status]', 'บันทึกแล้ว');
    const after = await server.json<{ disbursed: string }>('/api/v1/projects/UN1-2559-01');
    expect(Number(after.body.disbursed) - Number(before)).toBeCloseTo(1, 2);
  });

  it('lets an administrator create a user who then signs in', async () => {
    await signInAs('admin', '/admin/users');
    expect(await navLinks()).toEqual([
      'ภาพรวม',
      'โครงการ',
      'เพิ่มโครงการ',
      'ตัวชี้วัด',
      'นำเข้าข้อมูล',
      'ตรวจรายงาน',
      'ลงพื้นที่ติดตาม',
      'กิจกรรม',
      'ปฏิทิน',
      'การประชุม',
      'ผู้ใช้',
      'ตั้งค่า',
    ]);
    await page.locator(`${tid('users')} tbody tr[data-username="reporter"]`).waitFor();
    const form = page.getByRole('form', { name: 'เพิ่มผู้ใช้' });
    await form.getByLabel('ชื่อผู้ใช้').fill('somchai');
    await form.getByLabel('ชื่อที่แสดง').fill('สมชาย ใจดี');
    await form.getByLabel('บทบาท').selectOption({ label: 'เจ้าหน้าที่จังหวัด' });
    await form.getByLabel('ขอบเขต').selectOption({ label: 'ลำพูน' });
    await form.getByLabel('รหัสผ่าน').fill('short');
    await form.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
    await expectText(page, tid('error-password'), 'password must have at least 10 characters');
    await form.getByLabel('รหัสผ่าน').fill('somchai-password-1');
    await form.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
    await expectText(page, tid('error-password'), 'password must not contain the username');
    await form.getByLabel('รหัสผ่าน').fill('ลำไย-Lamphun-2568');
    await form.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
    await expectText(page, tid('users-notice'), 'เพิ่มผู้ใช้ somchai แล้ว');
    const row = page.locator(`${tid('users')} tbody tr[data-username="somchai"]`);
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['somchai', 'สมชาย ใจดี', 'เจ้าหน้าที่จังหวัด', 'ลำพูน', 'ใช้งาน', 'แก้ไขลบ']);

    // Edited with the version read: the role becomes viewer (no scope), the password stays.
    await row.getByRole('button', { name: 'แก้ไข' }).click();
    const edit = page.getByRole('form', { name: 'แก้ไขผู้ใช้ somchai' });
    await edit.getByLabel('บทบาท').selectOption({ label: 'ผู้ชม' });
    expect(await edit.getByLabel('ขอบเขต').count()).toBe(0);
    await edit.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, tid('users-notice'), 'บันทึกแล้ว');
    await expectText(page, `${tid('users')} tbody tr[data-username="somchai"] td:nth-child(3)`, 'ผู้ชม');
    await row.getByRole('button', { name: 'แก้ไข' }).click();
    await edit.getByLabel('บทบาท').selectOption({ label: 'เจ้าหน้าที่จังหวัด' });
    await edit.getByLabel('ขอบเขต').selectOption({ label: 'ลำพูน' });
    await edit.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(page, `${tid('users')} tbody tr[data-username="somchai"] td:nth-child(4)`, 'ลำพูน');

    await context.clearCookies();
    await page.goto(`${server.url}/`);
    await fillSignIn('somchai', 'ลำไย-Lamphun-2568', 'สมชาย ใจดี');
    await expectText(page, tid('user-role'), 'เจ้าหน้าที่จังหวัด · ลำพูน');
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    // Signed in as somchai (previous test).
    await page.getByRole('link', { name: 'โทเคนของฉัน' }).click();
    await expectText(page, 'h1', 'โทเคน API ของฉัน');
    const form = page.getByRole('form', { name: 'สร้างโทเคน' });
    await form.getByLabel('ชื่อโทเคน').fill('สคริปต์รายงาน');
    await form.getByRole('button', { name: 'สร้างโทเคน' }).click();
    const token = (await page.locator(tid('token-value')).textContent())!;
    expect(token).toMatch(/^padme_[0-9a-f]{8}_/);
    await expectText(page, `${tid('tokens')} tbody tr td:first-child`, 'สคริปต์รายงาน');
    // The token works as a bearer token.
    const me = await server.anonymous.json<{ username: string }>('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect([me.status, me.body.username]).toEqual([200, 'somchai']);
    // Shown once: not after a reload.
    await page.reload();
    await expectText(page, `${tid('tokens')} tbody tr td:first-child`, 'สคริปต์รายงาน');
    expect(await page.locator(tid('token-value')).count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    await page.getByRole('button', { name: 'เพิกถอน' }).click();
    await expect.poll(() => page.locator(`${tid('tokens')} tbody tr td:nth-child(5)`).textContent()).toMatch(/^เพิกถอนเมื่อ/);
    const after = await server.anonymous.json('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it('deletes a project with a reason, lists it in the history, and restores it (administrator)', async () => {
    await signInAs('admin');
    await openProject('UN1-2559-14');
    await page.getByRole('button', { name: 'ลบโครงการ' }).click();
    const form = page.getByRole('form', { name: 'ลบโครงการ' });
    await form.getByRole('button', { name: 'ลบโครงการ' }).click();
    await expectText(page, tid('error-reason'), 'a reason is required');
    await form.getByLabel('เหตุผล').fill('บันทึกซ้ำ');
    await form.getByRole('button', { name: 'ลบโครงการ' }).click();
    await expectText(page, tid('deleted-banner'), 'โครงการนี้ถูกลบแล้ว');
    const last = `${tid('history')} tbody tr:last-child`;
    await expectText(page, `${last} td:nth-child(2)`, 'admin');
    await expectText(page, `${last} td:nth-child(3)`, 'ลบ');
    await expectText(page, `${last} td:nth-child(5)`, 'บันทึกซ้ำ');
    expect(await formsOnPage()).toEqual({ disbursement: 0, status: 0, delete: 0 });
    const restore = page.getByRole('form', { name: 'กู้คืนโครงการ' });
    await restore.getByLabel('เหตุผล').fill('ลบผิดโครงการ');
    await restore.getByRole('button', { name: 'กู้คืน' }).click();
    await expectText(page, `${last} td:nth-child(3)`, 'กู้คืน');
    expect(await page.locator(tid('deleted-banner')).count()).toBe(0);
    expect((await server.json('/api/v1/projects/UN1-2559-14')).status).toBe(200);
  });

  it('shows the dashboard to visitors who are not signed in when the reports are public', async () => {
    await signInAs('admin', '/admin/settings');
    const toggle = page.getByLabel('เปิดให้ผู้ที่ไม่ได้เข้าสู่ระบบดูรายงานภาพรวม', { exact: false });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expectText(page, '.ok[role=status]', 'บันทึกแล้ว');
    expect(await toggle.isChecked()).toBe(true);
    expect((await server.json<{ publicReports: boolean }>('/api/v1/settings')).body.publicReports).toBe(true);
    await context.clearCookies();
    await page.goto(`${server.url}/`);
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน 1');
    await expectText(page, tid('sign-in-link'), 'เข้าสู่ระบบ');
    expect(await page.locator(tid('user-name')).count()).toBe(0);
    // Other pages still ask for a sign-in; the header link returns to the dashboard.
    await page.getByRole('link', { name: 'เข้าสู่ระบบ' }).click();
    await fillSignIn('viewer', passwordOf('viewer'), 'ผู้ชม (ตัวอย่าง)');
    expect(new URL(page.url()).pathname).toBe('/');
    await expectText(page, tid('owner-name'), 'กลุ่มจังหวัดภาคเหนือตอนบน 1');
  });
});
