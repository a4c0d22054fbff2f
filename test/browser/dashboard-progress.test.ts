/**
 * The dashboard's plan line, quarterly target steps and legend, its warnings panel and its split by
 * budget category, in a real browser (chromium) against a real server with the demo data: FY 2559
 * of upper-north-1 as of 5 Jan 2559 (the seed's view), in Thai and English, Arabic and Thai digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce, expectText, launchBrowser, signInAs, tid, type Browser } from '../support/browser.ts';

const SUITE = 'dashboard progress in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const SEED_VIEW = '/?owner=upper-north-1&fy=2559&asOf=2016-01-05';

// The demo's approved FY 2559 projects without a commitment (all but 03, 05, 07, 08, which have
// one, and 15, being revised), approved on 15 Oct 2558: 82 days by 5 Jan 2559, more than 60.
const NO_COMMITMENT = ['01', '02', '04', '06', '09', '10', '11', '12', '13', '14'].map((n) => `UN1-2559-${n}`);

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let b: Browser;

  beforeAll(async () => {
    await buildWebOnce();
    server = await startServer('pglite', { demo: true, demoUsers: true, webDir: WEB_DIST });
    b = await launchBrowser();
    await signInAs(b, server, 'committee-un1', SEED_VIEW);
    await expectText(b.page, tid('disbursed'), '1,421,593.29');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const groupTexts = (kind: string) => b.page.locator(`${tid(`warnings-${kind}`)} li`).allTextContents();

  it('draws the dashed plan line over the 12 months of the fiscal year, with the actual curve', async () => {
    const plan = b.page.locator(tid('plan-line'));
    await plan.waitFor();
    const d = (await plan.getAttribute('d')) ?? '';
    expect(d.match(/[ML]/g)).toEqual(['M', ...Array(11).fill('L')]);
    expect(await plan.evaluate((el) => getComputedStyle(el).strokeDasharray)).not.toBe('none');
    expect(((await b.page.locator(tid('actual-line')).getAttribute('d')) ?? '').match(/[ML]/g)).toHaveLength(4);
    // each planned month has its point with the plan's percent (the 12 months of the demo plan)
    const titles = await b.page.locator(`${tid('plan')} circle title`).allTextContents();
    expect(titles).toHaveLength(12);
    expect(titles[2]).toBe('แผนการเบิกจ่ายสะสม ธันวาคม 2558: 2.83');
    expect(titles[11]).toBe('แผนการเบิกจ่ายสะสม กันยายน 2559: 94.27');
  });

  it('draws the target steps, one at each quarter end, labelled with its percent, and a legend', async () => {
    const steps = (await b.page.locator(tid('target-line')).getAttribute('d')) ?? '';
    expect(steps.match(/[MHV]/g)).toEqual(['M', 'H', 'V', 'H', 'V', 'H', 'V', 'H']);
    for (const [q, label] of [
      [1, '30.00'],
      [2, '52.00'],
      [3, '74.00'],
      [4, '96.00'],
    ] as const) {
      await expectText(b.page, tid(`target-label-q${q}`), label);
    }
    expect(await b.page.locator(`${tid('target-q1')} title`).textContent()).toBe('ไตรมาสที่ 1 (31 ธันวาคม 2558): 30.00');
    expect((await b.page.locator(`${tid('chart-legend')} li`).allTextContents()).map((s) => s.trim())).toEqual([
      'ผลการเบิกจ่ายสะสม',
      'แผนการเบิกจ่ายสะสม',
      'เป้าหมายการเบิกจ่ายสิ้นไตรมาส',
    ]);
  });

  it('lists the demo warnings grouped by kind, in Thai, each project warning linking to its project', async () => {
    await b.page.locator(tid('warnings-no_commitment')).waitFor();
    expect((await b.page.locator(`${tid('warnings')} h3`).allTextContents()).map((s) => s.trim())).toEqual([
      'เบิกจ่ายต่ำกว่าเป้าหมาย (2)',
      'ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน (4)',
      'ยังไม่มีการก่อหนี้ผูกพัน (10)',
    ]);
    // The demo's reports are due from December 2558: four projects have none submitted for it.
    expect(await groupTexts('report_overdue')).toEqual(
      ['03', '06', '10', '12'].map((n) => `โครงการ UN1-2559-${n} ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ธันวาคม 2558`),
    );
    expect(await groupTexts('below_target')).toEqual([
      'กลุ่มจังหวัดภาคเหนือตอนบน 1 เบิกจ่ายร้อยละ 0.40 ต่ำกว่าเป้าหมายสิ้นไตรมาสที่ 1 (ร้อยละ 30.00)',
      'กลุ่มจังหวัดภาคเหนือตอนบน 1 (งบลงทุน) เบิกจ่ายร้อยละ 0.42 ต่ำกว่าเป้าหมายสิ้นไตรมาสที่ 1 (ร้อยละ 20.00)',
    ]);
    expect(await groupTexts('no_commitment')).toEqual(
      NO_COMMITMENT.map((code) => `โครงการ ${code} อนุมัติเมื่อ 15 ตุลาคม 2558 ยังไม่มีการก่อหนี้ผูกพัน 82 วัน (เกิน 60 วัน)`),
    );
    expect(await b.page.locator(`${tid('warnings-below_target')} a`).count()).toBe(0);
    const links = b.page.locator(`${tid('warnings-no_commitment')} a`);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(NO_COMMITMENT.map((c) => `/projects/${c}`));
  });

  it('shows the split by budget category, adding up to the totals', async () => {
    const row = async (c: string) =>
      Promise.all(['allocated', 'disbursed', 'percent'].map(async (f) => (await b.page.locator(tid(`category-${c}-${f}`)).textContent())?.trim()));
    expect(await row('operating')).toEqual(['315,100,000.00', '1,236,210.50', '0.39']);
    expect(await row('investment')).toEqual(['44,320,700.00', '185,382.79', '0.42']);
    expect(await row('other')).toEqual(['0.00', '0.00', '–']);
    expect((await b.page.locator(`${tid('category-total')} td`).allTextContents()).map((s) => s.trim())).toEqual([
      'รวม',
      '359,420,700.00',
      '1,421,593.29',
      '0.40',
    ]);
  });

  it('in Thai digits and in English', async () => {
    await b.page.getByLabel('เลขไทย').check();
    await expectText(b.page, tid('target-label-q2'), '๕๒.๐๐');
    await expectText(b.page, tid('category-investment-allocated'), '๔๔,๓๒๐,๗๐๐.๐๐');
    expect((await groupTexts('no_commitment'))[0]).toBe('โครงการ UN1-2559-01 อนุมัติเมื่อ ๑๕ ตุลาคม ๒๕๕๘ ยังไม่มีการก่อหนี้ผูกพัน ๘๒ วัน (เกิน ๖๐ วัน)');
    await b.page.getByLabel('เลขไทย').uncheck();
    await b.page.getByRole('button', { name: 'English' }).click();
    await expectText(b.page, `${tid('warnings-below_target')} h3`, 'Below the disbursement target (2)');
    expect(await groupTexts('below_target')).toEqual([
      'upper-north-1 disbursed 0.40 % by 2016-01-05, below the target of 30.00 % for the end of quarter 1 (2015-12-31)',
      'upper-north-1 (investment budget) disbursed 0.42 % by 2016-01-05, below the target of 20.00 % for the end of quarter 1 (2015-12-31)',
    ]);
    expect((await groupTexts('no_commitment'))[9]).toBe(
      'Project UN1-2559-14, approved on 2015-10-15, has no commitment after 82 days (more than 60)',
    );
    expect((await b.page.locator(`${tid('chart-legend')} li`).allTextContents()).map((s) => s.trim())).toEqual([
      'Disbursed (cumulative)',
      'Plan (cumulative)',
      'Target at quarter end',
    ]);
    expect((await b.page.locator(`${tid('category-split')} tbody td:first-child`).allTextContents()).map((s) => s.trim())).toEqual([
      'Operating',
      'Investment',
      'Other',
    ]);
    await b.page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expectText(b.page, `${tid('warnings-below_target')} h3`, 'เบิกจ่ายต่ำกว่าเป้าหมาย (2)');
  });

  it('a project warning opens the project page', async () => {
    await b.page
      .locator(`${tid('warnings-no_commitment')} a`)
      .first()
      .click();
    await b.page.waitForURL(`${server.url}/projects/UN1-2559-01`);
    await b.page.locator('.project').waitFor();
  });

  it('says there are no warnings when there are none (20 Oct 2558: no quarter ended, 5 days after approval)', async () => {
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2015-10-20`);
    await expectText(b.page, tid('no-warnings'), 'ไม่มีการแจ้งเตือน');
    expect(await b.page.locator(`${tid('warnings')} li`).count()).toBe(0);
  });
});
