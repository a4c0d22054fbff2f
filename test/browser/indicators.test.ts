/**
 * The indicator pages in a real browser (chromium) against a real server with the demo data: the
 * cluster officer opens the indicators of upper-north-1 for FY 2559 as of 5 Jan 2559, sees the
 * garlic and soybean warnings, enters a result with an evidence file and sees it in the table and
 * on the chart; the dashboard panel lists the indicator warnings; an administrator approves the
 * cluster's change request on the agricultural indicator and the page shows the new version in
 * force (and, as of the day before, the old one). Thai, Arabic and Thai digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce, expectText, launchBrowser, signInAs, tid, type Browser } from '../support/browser.ts';

const SUITE = 'indicators in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const VIEW = '/indicators?owner=upper-north-1&fy=2559&asOf=2016-01-05';
/** A small PDF generated here: the evidence file of the result entered. */
const EVIDENCE = Buffer.from('%PDF-1.4\n% PADME test evidence: PM10 days of December 2558\n%%EOF\n', 'latin1');

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let b: Browser;
  const ids: Record<string, string> = {};

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
  const cells = (row: string) => texts(`${row} td`);

  it('the cluster officer sees the draft agreement, its three indicators and the garlic and soybean warnings', async () => {
    await signInAs(b, server, 'officer-un1', VIEW);
    await expect.poll(() => texts('header nav a')).toContain('ตัวชี้วัด');
    await expectText(b.page, tid('agreement-status'), 'ร่าง');
    await b.page.locator(tid('indicator-KPI-3')).waitFor();
    for (const code of ['KPI-1', 'KPI-2', 'KPI-3'])
      ids[code] = ((await b.page.locator(`${tid(`indicator-${code}`)} a`).getAttribute('href')) ?? '').replace(/^\/indicators\/(\d+)\?.*$/, '$1');
    expect(await cells(tid('indicator-KPI-1'))).toEqual([
      'KPI-1',
      'รายได้จากการท่องเที่ยวของกลุ่มจังหวัด',
      'ล้านบาท',
      'ยิ่งมากยิ่งดี',
      '40',
      '90,000',
      '21,500 (ไตรมาสที่ 1)',
      '22,000',
      '97.73',
      '–',
      'ผลการดำเนินงานล่าสุดไม่ถึงเป้าหมาย (ไตรมาสที่ 1): KPI-1',
      'แก้ไข',
    ]);
    expect(await cells(tid('indicator-KPI-2'))).toEqual([
      'KPI-2',
      'มูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม, ถั่วเหลือง)',
      'ล้านบาท',
      'ยิ่งมากยิ่งดี',
      '30',
      '10,500',
      '–',
      '–',
      '–',
      '–',
      'ไม่มีโครงการสนับสนุน: กระเทียม (KPI-2); ไม่มีโครงการสนับสนุน: ถั่วเหลือง (KPI-2)',
      'แก้ไข',
    ]);
    expect((await cells(tid('indicator-KPI-3'))).slice(3, 10)).toEqual(['ยิ่งน้อยยิ่งดี', '30', '35', '9 (ไตรมาสที่ 1)', '12', '133.33', '–']);
    await expectText(b.page, tid('weighted-score'), 'คะแนนถ่วงน้ำหนัก: ยังไม่มีคะแนน (น้ำหนักที่มีคะแนน 0 จาก 100)');
    expect(await texts(`${tid('indicator-warnings')} li`)).toEqual([
      'ผลการดำเนินงานล่าสุดไม่ถึงเป้าหมาย (ไตรมาสที่ 1): KPI-1',
      'ไม่มีโครงการสนับสนุน: กระเทียม (KPI-2)',
      'ไม่มีโครงการสนับสนุน: ถั่วเหลือง (KPI-2)',
    ]);
    // the officer proposes nothing: only administrators move the agreement
    expect(await b.page.locator(tid('agreement-action')).count()).toBe(0);
  });

  it('in Thai digits', async () => {
    await b.page.getByLabel('เลขไทย').check();
    await expectText(b.page, `${tid('indicator-KPI-1')} ${tid('annual-target')}`, '๙๐,๐๐๐');
    await expectText(b.page, `${tid('indicator-KPI-1')} ${tid('latest')}`, '๒๑,๕๐๐ (ไตรมาสที่ ๑)');
    await expectText(b.page, `${tid('indicator-KPI-3')} ${tid('achievement')}`, '๑๓๓.๓๓');
    await expectText(b.page, tid('weighted-score'), 'คะแนนถ่วงน้ำหนัก: ยังไม่มีคะแนน (น้ำหนักที่มีคะแนน ๐ จาก ๑๐๐)');
    await b.page.getByLabel('เลขไทย').uncheck();
  });

  it('enters the December result of air quality with an evidence file, and sees it in the table and on the chart', async () => {
    await b.page.locator(`${tid('indicator-KPI-3')} a`).click();
    await b.page.waitForURL(`${server.url}/indicators/${ids['KPI-3']}?asOf=2016-01-05`);
    await expectText(b.page, tid('version-in-force'), 'ฉบับที่ 1 มีผลตั้งแต่ 1 ตุลาคม 2558');
    const form = b.page.locator(tid('result-form'));
    await form.getByLabel('งวด').selectOption('2015-12');
    await form.getByLabel('ผล (วัน)').fill('4');
    await form.getByLabel('แหล่งที่มา').fill('กรมควบคุมมลพิษ');
    await form.locator('input[type=file]').setInputFiles({ name: 'pm10-dec-2558.pdf', mimeType: 'application/pdf', buffer: EVIDENCE });
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, tid('result-saved'), 'บันทึกแล้ว');
    await b.page.locator(tid('result-row-indicator-2015-12')).waitFor();
    expect(await texts(`${tid('results')} tbody tr td:first-child`)).toEqual(['ธันวาคม 2558', 'ไตรมาสที่ 1']);
    await expectText(b.page, `${tid('result-row-indicator-2015-12')} td:nth-child(7)`, 'officer-un1');
    expect(await cells(tid('result-row-indicator-2015-12'))).toEqual([
      'ธันวาคม 2558',
      'ทั้งตัวชี้วัด',
      '4 วัน',
      '5 มกราคม 2559',
      'กรมควบคุมมลพิษ',
      'pm10-dec-2558.pdf',
      'officer-un1',
    ]);
    // the file is kept as sent
    const href = (await b.page.locator(`${tid('result-row-indicator-2015-12')} a`).getAttribute('href')) ?? '';
    const res = await b.page.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(EVIDENCE)).toBe(true);
    // on the chart: the result point of December, with the Q1 and annual target steps
    const chart = `${tid('indicator-chart')} ${tid('chart-indicator')}`;
    await expectText(b.page, `${chart} ${tid('result-indicator-2015-12')} title`, 'ผลการดำเนินงาน ธันวาคม 2558: 4 วัน');
    expect(await texts(`${chart} circle title`)).toEqual(['ผลการดำเนินงาน ธันวาคม 2558: 4 วัน', 'ผลการดำเนินงาน ไตรมาสที่ 1: 9 วัน']);
    expect(await texts(`${chart} line[data-testid^="target-"] title`)).toEqual(['ค่าเป้าหมาย ไตรมาสที่ 1: 12 วัน', 'ค่าเป้าหมาย ทั้งปี: 35 วัน']);
    // December and the first quarter both end on 31 December: their points share an x, below the Q1 target (fewer days is better)
    const at = async (id: string, a: string) => Number(await b.page.locator(`${chart} ${tid(id)}`).getAttribute(a));
    expect(await at('result-indicator-2015-12', 'cx')).toBe(await at('result-indicator-Q1', 'cx'));
    expect(await at('result-indicator-Q1', 'cx')).toBe(await at('target-indicator-Q1', 'x2'));
    expect(await at('result-indicator-2015-12', 'cy')).toBeGreaterThan(await at('result-indicator-Q1', 'cy'));
    expect(await at('result-indicator-Q1', 'cy')).toBeGreaterThan(await at('target-indicator-Q1', 'y1'));
    await b.page.getByLabel('เลขไทย').check();
    await expectText(b.page, `${tid('result-row-indicator-2015-12')} td:nth-child(4)`, '๕ มกราคม ๒๕๕๙');
    await expectText(b.page, `${chart} ${tid('result-indicator-2015-12')} title`, 'ผลการดำเนินงาน ธันวาคม ๒๕๕๘: ๔ วัน');
    await b.page.getByLabel('เลขไทย').uncheck();
  });

  it('the dashboard lists the indicator warnings of the owner and year, each linking to its indicator', async () => {
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-01-05`);
    await b.page
      .locator(`${tid('indicator-warnings')} li`)
      .first()
      .waitFor();
    expect(await texts(`${tid('indicator-warnings')} li`)).toEqual([
      'ผลการดำเนินงานล่าสุดไม่ถึงเป้าหมาย (ไตรมาสที่ 1): KPI-1',
      'ไม่มีโครงการสนับสนุน: กระเทียม (KPI-2)',
      'ไม่มีโครงการสนับสนุน: ถั่วเหลือง (KPI-2)',
    ]);
    expect(await b.page.locator(`${tid('indicator-warnings')} li a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `/indicators/${ids['KPI-1']}?asOf=2016-01-05`,
      `/indicators/${ids['KPI-2']}?asOf=2016-01-05`,
      `/indicators/${ids['KPI-2']}?asOf=2016-01-05`,
    ]);
    await expectText(b.page, `${tid('indicator-warnings')} h2`, 'การแจ้งเตือนตัวชี้วัด (3)');
  });

  it('the officer creates an indicator of Chiang Mai with the form: the shared schema and the server refuse bad input, then it is a draft', async () => {
    await b.page.goto(`${server.url}/import`);
    await b.page.getByRole('radio', { name: 'ผลการดำเนินงานตามตัวชี้วัด' }).check();
    await b.page.goto(`${server.url}/indicators?owner=50&fy=2559&asOf=2016-01-05`);
    await expectText(b.page, tid('agreement-status'), 'ยังไม่มีตัวชี้วัด');
    await b.page.getByRole('button', { name: 'เพิ่มตัวชี้วัด' }).click();
    const form = b.page.locator(tid('indicator-form'));
    const field = (label: string) => form.getByLabel(label, { exact: true });
    await field('รหัส').fill('CM-1');
    await field('หน่วยนับ').fill('ล้านคน');
    await field('น้ำหนัก (ร้อยละ)').fill('100');
    await field('ทั้งปี').fill('10');
    for (const [i, v] of ['12', '11', '10', '9', '8'].entries()) await field(`ระดับ ${i + 1}`).fill(v);
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, tid('error-nameTh'), 'a name is required');
    await field('ตัวชี้วัด').fill('จำนวนนักท่องเที่ยวของจังหวัดเชียงใหม่');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(
      b.page,
      tid('error-scale'),
      'The scoring scale: the value of level 2 must be greater than that of level 1 (higher is better: yes)',
    );
    for (const [i, v] of ['8', '9', '10', '11', '12'].entries()) await field(`ระดับ ${i + 1}`).fill(v);
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await b.page.locator(tid('indicator-CM-1')).waitFor();
    expect(await b.page.locator(tid('indicator-form')).count()).toBe(0);
    expect((await cells(tid('indicator-CM-1'))).slice(0, 7)).toEqual([
      'CM-1',
      'จำนวนนักท่องเที่ยวของจังหวัดเชียงใหม่',
      'ล้านคน',
      'ยิ่งมากยิ่งดี',
      '100',
      '10',
      '–',
    ]);
    await expectText(b.page, tid('agreement-status'), 'ร่าง');
  });

  it('an administrator proposes the agreement of Chiang Mai: its indicators are no longer edited but through change requests', async () => {
    await signInAs(b, server, 'admin', '/indicators?owner=50&fy=2559&asOf=2016-01-05');
    await b.page.locator(tid('indicator-CM-1')).waitFor();
    expect(await b.page.getByRole('button', { name: 'แก้ไข' }).count()).toBe(1);
    await b.page.getByRole('button', { name: 'เสนอคำรับรอง' }).click();
    await expectText(b.page, tid('agreement-status'), 'เสนอแล้ว');
    expect(await texts(`${tid('agreement-history')} li`)).toEqual(['ร่าง · 1 ตุลาคม 2558 · officer-un1', 'เสนอแล้ว · 5 มกราคม 2559 · admin']);
    expect(await b.page.getByRole('button', { name: 'แก้ไข' }).count()).toBe(0);
    expect(await b.page.getByRole('button', { name: 'ลงนามคำรับรอง' }).count()).toBe(1);
  });

  it("an administrator approves the cluster's change request on the agricultural indicator: version 2 is in force from the decision", async () => {
    await signInAs(b, server, 'admin', `/indicators/${ids['KPI-2']}?asOf=2016-01-05`);
    await expectText(b.page, tid('version-in-force'), 'ฉบับที่ 1 มีผลตั้งแต่ 1 ตุลาคม 2558');
    const row = b.page.locator(`${tid('change-requests')} tbody tr`).first();
    expect((await row.locator('td').allTextContents()).slice(0, 4).map((s) => s.trim())).toEqual([
      '28 ธันวาคม 2558',
      'demo',
      'ชื่อใหม่: มูลค่าผลผลิตลำไย; องค์ประกอบ: ลำไย; ค่าเป้าหมาย: ทั้งปี 9,500',
      'กลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง',
    ]);
    await row.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await expectText(b.page, tid('version-in-force'), 'ฉบับที่ 2 มีผลตั้งแต่ 5 มกราคม 2559');
    await expectText(b.page, tid('indicator-title'), 'KPI-2 มูลค่าผลผลิตลำไย');
    await expectText(b.page, `${tid('change-requests')} ${tid('decision')}`, 'อนุมัติ โดย admin เมื่อ 5 มกราคม 2559');
    expect(await texts(`${tid('versions')} tbody tr td:nth-child(2)`)).toEqual(['1 ตุลาคม 2558', '5 มกราคม 2559']);
    expect(await texts(`${tid('versions')} tbody tr td:nth-child(3)`)).toEqual(['มูลค่าผลผลิตทางการเกษตรสำคัญ', 'มูลค่าผลผลิตลำไย']);
    await expectText(b.page, tid('components'), 'ลำไย');
    // garlic and soybean are no longer part of it: no warning is left
    await expectText(b.page, `${tid('warnings')} .none`, 'ไม่มีการแจ้งเตือนตัวชี้วัด');
    await b.page.getByLabel('เลขไทย').check();
    await expectText(b.page, tid('version-in-force'), 'ฉบับที่ ๒ มีผลตั้งแต่ ๕ มกราคม ๒๕๕๙');
    await expectText(b.page, `${tid('change-requests')} ${tid('decision')}`, 'อนุมัติ โดย admin เมื่อ ๕ มกราคม ๒๕๕๙');
    await b.page.getByLabel('เลขไทย').uncheck();
  });

  it('as of the day before the decision the old version, its components and target are in force', async () => {
    await b.page.goto(`${server.url}/indicators/${ids['KPI-2']}?asOf=2016-01-04`);
    await expectText(b.page, tid('version-in-force'), 'ฉบับที่ 1 มีผลตั้งแต่ 1 ตุลาคม 2558');
    await expectText(b.page, tid('indicator-title'), 'KPI-2 มูลค่าผลผลิตทางการเกษตรสำคัญ');
    await expectText(b.page, tid('components'), 'ลำไย, กระเทียม, ถั่วเหลือง');
    await b.page.goto(`${server.url}${VIEW}`);
    await expectText(b.page, `${tid('indicator-KPI-2')} ${tid('name')}`, 'มูลค่าผลผลิตลำไย (ลำไย)');
    await expectText(b.page, `${tid('indicator-KPI-2')} ${tid('annual-target')}`, '9,500');
    expect(await texts(`${tid('indicator-warnings')} li`)).toEqual(['ผลการดำเนินงานล่าสุดไม่ถึงเป้าหมาย (ไตรมาสที่ 1): KPI-1']);
  });

  it('links a project to air quality with the share of its budget', async () => {
    await b.page.goto(`${server.url}/indicators/${ids['KPI-3']}?asOf=2016-01-05`);
    await b.page.getByRole('button', { name: 'แก้ไขโครงการที่สนับสนุน' }).click();
    await b.page.getByRole('button', { name: 'เพิ่มโครงการ' }).click();
    const editor = b.page.locator(tid('links-editor'));
    await editor.locator('input[name="link-project-3"]').fill('UN1-2559-13');
    await editor.locator('input[name="link-share-3"]').fill('25.5');
    await editor.getByRole('button', { name: 'บันทึก' }).click();
    await expect.poll(() => b.page.locator(`${tid('links')} tbody tr`).count()).toBe(4);
    expect(await texts(`${tid('links')} tbody tr:last-child td`)).toEqual([
      'UN1-2559-13 โครงการพัฒนาระบบโลจิสติกส์สินค้าเกษตร',
      'ทั้งตัวชี้วัด',
      '25.50',
      '3,060,000.00',
    ]);
  });

  it('the officer requests a change of the tourism target with a supporting file; an administrator rejects it, in English', async () => {
    await signInAs(b, server, 'officer-un1', `/indicators/${ids['KPI-1']}?asOf=2016-01-05`);
    const form = b.page.locator(tid('request-form'));
    await form.getByLabel('ค่าเป้าหมายทั้งปีใหม่ (ล้านบาท)').fill('88000');
    await form.getByRole('button', { name: 'ส่งคำขอ' }).click();
    await expectText(b.page, tid('request-error'), 'reason: a reason is required');
    await form.getByLabel('เหตุผล').fill('นักท่องเที่ยวลดลงจากปัญหาหมอกควัน');
    await form.locator('input[type=file]').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: EVIDENCE });
    await form.getByRole('button', { name: 'ส่งคำขอ' }).click();
    const row = b.page.locator(`${tid('change-requests')} tbody tr`).first();
    await expectText(b.page, `${tid('change-requests')} ${tid('decision')}`, 'รอพิจารณา');
    await expect
      .poll(async () => (await row.locator('td').allTextContents()).map((x) => x.trim()))
      .toEqual(['5 มกราคม 2559', 'officer-un1', 'ค่าเป้าหมาย: ทั้งปี 88,000', 'นักท่องเที่ยวลดลงจากปัญหาหมอกควัน', 'letter.pdf', 'รอพิจารณา']);
    // one open request at a time: no form for another
    expect(await b.page.locator(tid('request-form')).count()).toBe(0);

    await signInAs(b, server, 'admin', `/indicators/${ids['KPI-1']}?asOf=2016-01-05`);
    await b.page.getByRole('button', { name: 'English' }).click();
    await expectText(b.page, tid('version-in-force'), 'Version 1 in force from 1 October 2558 BE');
    await b.page.getByRole('button', { name: 'Reject' }).click();
    await expectText(b.page, `${tid('change-requests')} ${tid('decision')}`, 'Rejected by admin on 5 January 2559 BE');
    await expectText(b.page, tid('version-in-force'), 'Version 1 in force from 1 October 2558 BE');
    expect(await texts('header nav a')).toContain('Indicators');
    await b.page.getByRole('button', { name: 'ภาษาไทย' }).click();
  });
});
