/**
 * Monitoring visits, events and the calendar in a real browser (chromium) against a real server with
 * the demo data: the month calendar of January 2559, the visit page with the demo's visited projects
 * and recommendations, a cluster officer's photo upload (GPS position and time from its EXIF), a
 * committee member closing a recommendation, and the dashboard's overdue recommendations as of a date.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH, noteSkip } from '../support/env.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { buildWebOnce, expectText, launchBrowser, signInAs, tid, type Browser } from '../support/browser.ts';

const SUITE = 'monitoring visits, events and calendar in chromium';
if (!CHROMIUM_PATH) noteSkip(SUITE, 'no chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg) and PADME_CHROMIUM unset');

const FIXTURE = fs.readFileSync(new URL('../fixtures/visit-gps.jpg', import.meta.url));

describe.skipIf(!CHROMIUM_PATH)(SUITE, () => {
  let server: TestServer;
  let b: Browser;
  let visitId: string;

  beforeAll(async () => {
    await buildWebOnce();
    server = await startServer('pglite', { demo: true, demoUsers: true, webDir: WEB_DIST });
    b = await launchBrowser();
    await signInAs(b, server, 'committee-un1', '/calendar?owner=upper-north-1&month=2016-01');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const texts = async (selector: string) => (await b.page.locator(selector).allTextContents()).map((s) => s.trim());
  /** The bars of the calendar of one kind: their segments (a week each) as [from, to, text]. */
  const bars = (type: 'visit' | 'event') =>
    b.page
      .locator(`[data-testid^="cal-${type}-"]`)
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-from'), e.getAttribute('data-to'), e.textContent?.trim()]));

  it('shows the calendar of มกราคม ๒๕๕๙ with Thai weekdays, the visits of 14–26 Jan and the training from 22 Jan', async () => {
    await b.page.getByLabel('เลขไทย').check();
    await expectText(b.page, tid('calendar-month'), 'มกราคม ๒๕๕๙');
    expect(await texts(tid('weekday'))).toEqual(['อาทิตย์', 'จันทร์', 'อังคาร', 'พุธ', 'พฤหัส', 'ศุกร์', 'เสาร์']);
    await b.page.locator('[data-testid^="cal-visit-"]').first().waitFor();
    const visit = 'ลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑';
    // Weeks run Sunday to Saturday: 14 (Thursday) – 26 (Tuesday) January crosses two Sundays.
    expect(await bars('visit')).toEqual([
      ['2016-01-14', '2016-01-16', visit],
      ['2016-01-17', '2016-01-23', visit],
      ['2016-01-24', '2016-01-26', visit],
    ]);
    const training = 'อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙';
    expect(await bars('event')).toEqual([
      ['2016-01-22', '2016-01-23', training],
      ['2016-01-24', '2016-01-30', training],
      ['2016-01-31', '2016-02-05', training],
    ]);
    expect(await b.page.locator(`${tid('day-2016-01-14')} .cal-date`).textContent()).toBe('๑๔');
    expect(await b.page.locator(`${tid('day-2015-12-27')}`).getAttribute('class')).toBe('cal-day other-month');
  });

  it('moves to the previous and next months: the seminar of 15 Dec 2558, the training to 5 Feb 2559', async () => {
    await b.page.getByTestId('prev-month').click();
    await expectText(b.page, tid('calendar-month'), 'ธันวาคม ๒๕๕๘');
    await b.page.locator('[data-testid^="cal-event-"]').first().waitFor();
    expect((await bars('event')).map(([from, to]) => [from, to])).toEqual([['2015-12-15', '2015-12-15']]);
    expect(await bars('visit')).toEqual([]);
    await b.page.getByTestId('next-month').click();
    await b.page.getByTestId('next-month').click();
    await expectText(b.page, tid('calendar-month'), 'กุมภาพันธ์ ๒๕๕๙');
    await b.page.locator('[data-testid^="cal-event-"]').first().waitFor();
    expect((await bars('event')).map(([from, to]) => [from, to])).toEqual([['2016-01-31', '2016-02-05']]);
    await b.page.getByLabel('เลขไทย').uncheck();
  });

  it('a visit on the calendar opens its page: the demo visited projects, findings and recommendations', async () => {
    await b.page.goto(`${server.url}/calendar?owner=upper-north-1&month=2016-01`);
    await b.page.locator('[data-testid^="cal-visit-"]').first().click();
    await b.page.waitForURL(/\/visits\/\d+$/);
    visitId = b.page.url().split('/').pop()!;
    await expectText(b.page, tid('visit-title'), 'ลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1');
    await expectText(b.page, tid('visit-committee'), 'อ.ก.บ.ก. ด้านติดตามฯ');
    // The weekdays come from the dates: 14 January 2559 was a Thursday, 26 January a Tuesday.
    await expectText(b.page, tid('visit-dates'), 'วันพฤหัสบดีที่ 14 มกราคม 2559 – วันอังคารที่ 26 มกราคม 2559');
    await expectText(b.page, tid('visit-provinces'), 'เชียงใหม่, ลำปาง, ลำพูน, แม่ฮ่องสอน');
    await expectText(b.page, tid('visit-count'), 'ลงพื้นที่แล้ว 3 จาก 3 โครงการ');
    expect(await b.page.locator('section.visited-project h2 a').allTextContents()).toEqual(['UN1-2559-01', 'UN1-2559-03', 'UN1-2559-05']);
    expect(await texts(`${tid('project-UN1-2559-03')} ${tid('visited-on')}`)).toEqual(['วันที่ลงพื้นที่ วันอังคารที่ 19 มกราคม 2559']);
    expect(await texts(`${tid('project-UN1-2559-03')} ${tid('findings')} li`)).toEqual([
      'เกษตรกรเข้าร่วมอบรมน้อยกว่าเป้าหมาย (ข้อมูลตัวอย่าง)',
      'แปลงสาธิตยังไม่ได้ติดตั้งระบบน้ำ (ข้อมูลตัวอย่าง)',
    ]);
    expect(await texts(`${tid('project-UN1-2559-03')} ${tid('rec-text')}`)).toEqual([
      'ประสานผู้นำชุมชนเพื่อเพิ่มจำนวนเกษตรกรที่เข้าร่วม (ข้อมูลตัวอย่าง)',
      'ติดตั้งระบบน้ำในแปลงสาธิตให้แล้วเสร็จ (ข้อมูลตัวอย่าง)',
    ]);
    expect(await texts(`${tid('project-UN1-2559-03')} ${tid('rec-due')}`)).toEqual(['31 มีนาคม 2559', '15 กุมภาพันธ์ 2559']);
    expect(await texts(`${tid('project-UN1-2559-03')} ${tid('rec-status')}`)).toEqual(['อยู่ระหว่างดำเนินการ', 'ยังไม่ดำเนินการ']);
    expect(await texts(`${tid('project-UN1-2559-01')} ${tid('rec-status')}`)).toEqual(['ดำเนินการแล้วเสร็จ (แล้วเสร็จเมื่อ 10 มีนาคม 2559)']);
    expect(await texts(`${tid('project-UN1-2559-01')} ${tid('follow-ups')} li`)).toEqual([
      '15 กุมภาพันธ์ 2559: ติดตั้งแล้ว 12 จาก 20 จุด (ข้อมูลตัวอย่าง) (อยู่ระหว่างดำเนินการ)',
      '10 มีนาคม 2559: ติดตั้งครบทุกจุดแล้ว (ข้อมูลตัวอย่าง) (ดำเนินการแล้วเสร็จ)',
    ]);
    expect(await texts(`${tid('project-UN1-2559-05')} ${tid('rec-responsible')}`)).toEqual(['สำนักงานการท่องเที่ยวและกีฬาจังหวัดแม่ฮ่องสอน']);
    // A committee member records results but does not plan: no closed recommendation offers a follow-up.
    expect(await b.page.locator(`${tid('project-UN1-2559-01')} ${tid('add-follow-up')}`).count()).toBe(0);
    expect(await b.page.locator(`${tid('project-UN1-2559-03')} ${tid('add-follow-up')}`).count()).toBe(2);
  });

  it('the dashboard lists the recommendations overdue as of 5 Mar 2559, with days overdue and links', async () => {
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-03-05`);
    await b.page.locator(tid('overdue-item')).first().waitFor();
    await expectText(b.page, `${tid('overdue-recommendations')} h2`, 'ข้อเสนอแนะที่เกินกำหนด (2)');
    // Due 15 Feb and never followed up: 19 days; due 29 Feb, in progress, closed only on 10 Mar: 5 days.
    expect(await texts(tid('overdue-item'))).toEqual([
      'ติดตั้งระบบน้ำในแปลงสาธิตให้แล้วเสร็จ (ข้อมูลตัวอย่าง)เกินกำหนด 19 วัน · กำหนด 15 กุมภาพันธ์ 2559 · สำนักงานเกษตรจังหวัดลำพูน · UN1-2559-03',
      'เร่งติดตั้งป้ายสื่อความหมายให้ครบก่อนฤดูท่องเที่ยว (ข้อมูลตัวอย่าง)เกินกำหนด 5 วัน · กำหนด 29 กุมภาพันธ์ 2559 · สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่ · UN1-2559-01',
    ]);
    const hrefs = await b.page.locator(`${tid('overdue-item')} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((h) => h?.startsWith('/visits/')).map((h) => h!.split('#')[0])).toEqual([`/visits/${visitId}`, `/visits/${visitId}`]);
    expect(hrefs.filter((h) => h?.startsWith('/projects/'))).toEqual(['/projects/UN1-2559-03', '/projects/UN1-2559-01']);
    // A recommendation's link opens its visit at it.
    await b.page
      .locator(`${tid('overdue-item')} a`)
      .first()
      .click();
    await b.page.waitForURL(/\/visits\/\d+#rec-\d+$/);
    const recId = b.page.url().split('#rec-')[1]!;
    await expectText(b.page, `${tid(`recommendation-${recId}`)} ${tid('rec-text')}`, 'ติดตั้งระบบน้ำในแปลงสาธิตให้แล้วเสร็จ (ข้อมูลตัวอย่าง)');
    await expect
      .poll(() =>
        b.page
          .locator(tid(`recommendation-${recId}`))
          .evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight),
      )
      .toBe(true);
    // As of 10 Mar 2559 the first is closed; the second still overdue, by 24 days.
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-03-10`);
    await expectText(b.page, `${tid('overdue-recommendations')} h2`, 'ข้อเสนอแนะที่เกินกำหนด (1)');
    await expectText(b.page, tid('overdue-days'), 'เกินกำหนด 24 วัน');
  });

  it('a committee member adds a follow-up closing a recommendation; the dashboard then lists none overdue', async () => {
    await b.page.goto(`${server.url}/visits/${visitId}`);
    const project = b.page.getByTestId('project-UN1-2559-03');
    const rec = project.locator('li', { hasText: 'ติดตั้งระบบน้ำในแปลงสาธิต' });
    await rec.getByTestId('add-follow-up').click();
    const form = rec.getByRole('form', { name: 'บันทึกการติดตามผล' });
    // Forward only: from open, every status is offered.
    expect(await form.locator('select[name="status"] option').allTextContents()).toEqual(['ยังไม่ดำเนินการ', 'อยู่ระหว่างดำเนินการ', 'ดำเนินการแล้วเสร็จ']);
    await form.getByLabel('วันที่ติดตาม').fill('20/3/2559');
    await form.getByLabel('วันที่ติดตาม').press('Enter');
    await form.getByLabel('ผลการติดตาม').fill('ติดตั้งระบบน้ำครบทุกแปลงแล้ว');
    await form.getByLabel('สถานะหลังการติดตาม').selectOption('closed');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(
      b.page,
      `${tid('project-UN1-2559-03')} li:has-text("ติดตั้งระบบน้ำในแปลงสาธิต") ${tid('rec-status')}`,
      'ดำเนินการแล้วเสร็จ (แล้วเสร็จเมื่อ 20 มีนาคม 2559)',
    );
    expect(await texts(`${tid('project-UN1-2559-03')} li:has-text("ติดตั้งระบบน้ำในแปลงสาธิต") ${tid('follow-ups')} li`)).toEqual([
      '20 มีนาคม 2559: ติดตั้งระบบน้ำครบทุกแปลงแล้ว (ดำเนินการแล้วเสร็จ)',
    ]);
    expect(await b.page.locator(`${tid('project-UN1-2559-03')} ${tid('add-follow-up')}`).count()).toBe(1);
    // Closed on 20 Mar: still overdue as of 10 Mar (it was open then), none is as of 25 Mar.
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-03-10`);
    await expectText(b.page, `${tid('overdue-recommendations')} h2`, 'ข้อเสนอแนะที่เกินกำหนด (1)');
    await b.page.goto(`${server.url}/?owner=upper-north-1&fy=2559&asOf=2016-03-25`);
    await expectText(b.page, tid('no-overdue'), 'ไม่มีข้อเสนอแนะที่เกินกำหนด');
  });

  it('a committee member is not offered to plan a visit; a cluster officer is', async () => {
    await b.page.goto(`${server.url}/visits?owner=upper-north-1&fy=2559`);
    await b.page.locator(tid('visit-list')).waitFor();
    expect(await texts(`${tid('visit-list')} tbody td:first-child`)).toEqual(['วันพฤหัสบดีที่ 14 มกราคม 2559 – วันอังคารที่ 26 มกราคม 2559']);
    expect(await b.page.getByTestId('plan-visit').count()).toBe(0);
    await signInAs(b, server, 'officer-un1', '/visits?owner=upper-north-1&fy=2559');
    await b.page.getByTestId('plan-visit').waitFor();
  });

  it('a cluster officer plans a visit, records what it found and adds a recommendation', async () => {
    await b.page.getByTestId('plan-visit').click();
    const form = b.page.getByRole('form', { name: 'วางแผนการลงพื้นที่ติดตาม' });
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, tid('error-committee'), 'the committee is required, e.g. อ.ก.บ.ก. ด้านติดตามฯ');
    await form.getByLabel('คณะกรรมการ').fill('อ.ก.บ.ก. ด้านติดตามฯ');
    await form.getByLabel('วันที่เริ่ม').fill('15/2/2559');
    await form.getByLabel('วันที่เริ่ม').press('Enter');
    await form.getByLabel('วันที่สิ้นสุด').fill('19/2/2559');
    await form.getByLabel('วันที่สิ้นสุด').press('Enter');
    await form.getByLabel('ลำปาง', { exact: true }).check();
    await form.getByLabel(/^UN1-2559-02 /).check();
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await b.page.waitForURL(/\/visits\/\d+$/);
    await expectText(b.page, tid('visit-title'), 'อ.ก.บ.ก. ด้านติดตามฯ');
    await expectText(b.page, tid('visit-dates'), 'วันจันทร์ที่ 15 กุมภาพันธ์ 2559 – วันศุกร์ที่ 19 กุมภาพันธ์ 2559');
    await expectText(b.page, tid('visit-provinces'), 'ลำปาง');
    await expectText(b.page, tid('visit-count'), 'ลงพื้นที่แล้ว 0 จาก 1 โครงการ');
    const project = b.page.getByTestId('project-UN1-2559-02');
    await expectText(b.page, `${tid('project-UN1-2559-02')} ${tid('visited-on')}`, 'ยังไม่ได้ลงพื้นที่');
    expect(await project.getByTestId('add-recommendation').count()).toBe(0);
    await project.getByTestId('record-result').click();
    const result = project.getByRole('form', { name: 'บันทึกผลการลงพื้นที่' });
    await result.getByLabel('วันที่ลงพื้นที่').fill('17/2/2559');
    await result.getByLabel('วันที่ลงพื้นที่').press('Enter');
    await result.getByLabel('ข้อค้นพบ (หนึ่งบรรทัดต่อหนึ่งข้อ)').fill('ครุภัณฑ์ส่งมอบครบ\nยังไม่ได้จัดทำทะเบียนครุภัณฑ์');
    await result.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, `${tid('project-UN1-2559-02')} ${tid('visited-on')}`, 'วันที่ลงพื้นที่ วันพุธที่ 17 กุมภาพันธ์ 2559');
    expect(await texts(`${tid('project-UN1-2559-02')} ${tid('findings')} li`)).toEqual(['ครุภัณฑ์ส่งมอบครบ', 'ยังไม่ได้จัดทำทะเบียนครุภัณฑ์']);
    await expectText(b.page, tid('visit-count'), 'ลงพื้นที่แล้ว 1 จาก 1 โครงการ');
    await project.getByTestId('add-recommendation').click();
    const rec = project.getByRole('form', { name: 'เพิ่มข้อเสนอแนะ' });
    await rec.getByLabel('ข้อเสนอแนะ').fill('จัดทำทะเบียนครุภัณฑ์ให้แล้วเสร็จ');
    await rec.getByLabel('ผู้รับผิดชอบ').fill('สำนักงานจังหวัดลำปาง');
    await rec.getByLabel('กำหนดแล้วเสร็จ').fill('10/2/2559');
    await rec.getByLabel('กำหนดแล้วเสร็จ').press('Enter');
    await rec.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, `${tid('project-UN1-2559-02')} [role="alert"]`, 'dueDate: 2016-02-10 is before the visit of 2016-02-17');
    await rec.getByLabel('กำหนดแล้วเสร็จ').fill('31/3/2559');
    await rec.getByLabel('กำหนดแล้วเสร็จ').press('Enter');
    await rec.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, `${tid('project-UN1-2559-02')} ${tid('rec-text')}`, 'จัดทำทะเบียนครุภัณฑ์ให้แล้วเสร็จ');
    await expectText(b.page, `${tid('project-UN1-2559-02')} ${tid('rec-due')}`, '31 มีนาคม 2559');
    await expectText(b.page, `${tid('project-UN1-2559-02')} ${tid('rec-status')}`, 'ยังไม่ดำเนินการ');
  });

  it('a cluster officer uploads a photo and sees its thumbnail, its GPS position and time, on the map', async () => {
    await b.page.goto(`${server.url}/visits/${visitId}`);
    const project = b.page.getByTestId('project-UN1-2559-01');
    await project.getByTestId('photo-input').setInputFiles({ name: 'หน้างาน.jpg', mimeType: 'image/jpeg', buffer: FIXTURE });
    const photo = project.locator('[data-testid^="photo-"]').filter({ has: b.page.locator('img.thumb') });
    await photo.first().waitFor();
    const img = photo.locator('img.thumb');
    expect(await img.getAttribute('src')).toMatch(/^\/api\/v1\/monitoring\/photos\/\d+\/thumbnail$/);
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    await expectText(b.page, `${tid('project-UN1-2559-01')} ${tid('photo-time')}`, 'ถ่ายเมื่อ 15 มกราคม 2559 10:30 น. (UTC+07:00)');
    await expectText(b.page, `${tid('project-UN1-2559-01')} ${tid('photo-position')}`, 'พิกัด 18.840333, 98.970667');
    expect(await project.locator(`${tid('photo-position')} a`).getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=18.8403333&mlon=98.9706667#map=16/18.8403333/98.9706667',
    );
    // The point lies within Chiang Mai's shape on the map of the visit's provinces.
    const point = b.page.locator('[data-testid^="photo-point-"]');
    await point.waitFor();
    expect(await point.locator('title').textContent()).toBe('หน้างาน.jpg · 15 มกราคม 2559 10:30 น. (UTC+07:00)');
    const inside = await b.page.evaluate(() => {
      const svg = document.querySelector('[data-testid="photo-map"]') as SVGSVGElement;
      const g = svg.querySelector('[data-testid^="photo-point-"]') as SVGGElement;
      const box = g.getBoundingClientRect();
      const hit = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return hit.filter((e) => e.tagName === 'path').map((e) => e.querySelector('title')?.textContent);
    });
    expect(inside).toEqual(['เชียงใหม่']);
    // The full image on click.
    await img.click();
    const full = b.page.getByTestId('photo-dialog').locator('img');
    expect(await full.getAttribute('src')).toMatch(/^\/api\/v1\/monitoring\/photos\/\d+\/image$/);
    await expect.poll(() => full.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    await b.page.getByTestId('photo-dialog').getByRole('button', { name: 'ปิด' }).click();
    expect(await b.page.getByTestId('photo-dialog').count()).toBe(0);
  });

  it('a cluster officer records a meeting over several venues: a wrong attendance is named, then the event page shows it', async () => {
    await b.page.goto(`${server.url}/events?owner=upper-north-1&fy=2559`);
    await b.page.locator(tid('event-list')).waitFor();
    expect(await texts(`${tid('event-list')} tbody td:first-child`)).toEqual([
      'วันอังคารที่ 15 ธันวาคม 2558',
      'วันศุกร์ที่ 22 มกราคม 2559 – วันศุกร์ที่ 5 กุมภาพันธ์ 2559',
    ]);
    await b.page.getByTestId('new-event').click();
    const form = b.page.getByRole('form', { name: 'บันทึกกิจกรรม' });
    await form.getByLabel('ประเภท').selectOption('meeting');
    await form.getByLabel('ชื่อเรื่อง').fill('ประชุมคณะอนุกรรมการติดตามฯ ทางไกล');
    await form.getByLabel('วันที่เริ่ม').fill('10/2/2559');
    await form.getByLabel('วันที่เริ่ม').press('Enter');
    await form.getByLabel('เวลาเริ่ม').fill('09:30');
    await form.getByLabel('สถานที่ (หนึ่งบรรทัดต่อหนึ่งแห่ง)').fill('ศาลากลางจังหวัดเชียงใหม่\nศาลากลางจังหวัดลำพูน');
    await form.getByLabel('เชียงใหม่').check();
    await form.getByLabel('ลำพูน').check();
    const chair = form.locator('fieldset', { hasText: 'ประธาน' });
    await chair.getByLabel('ตำแหน่ง').fill('ผู้ว่าราชการจังหวัดเชียงใหม่');
    await form.getByRole('button', { name: 'เพิ่มวิทยากร' }).click();
    await form.getByTestId('speaker-0').getByLabel('ชื่อ').fill('นางสาวตัวอย่าง ใจดี');
    await form.getByTestId('speaker-0').getByLabel('ตำแหน่ง').fill('หัวหน้ากลุ่มงานติดตามฯ');
    await form.getByRole('button', { name: 'เพิ่มกลุ่ม' }).click();
    await form.getByTestId('group-0').getByLabel('กลุ่ม').fill('เจ้าหน้าที่การเงิน');
    await form.getByTestId('group-0').getByLabel('จำนวนที่เข้าร่วม').fill('12');
    await form.getByLabel('จำนวนผู้เข้าร่วมทั้งหมด').fill('10');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(
      b.page,
      tid('error-attendance'),
      "attendance: the invited groups' attendance adds up to 12, more than the event's attendance 10",
    );
    expect(b.page.url()).toBe(`${server.url}/events?owner=upper-north-1&fy=2559`);
    await form.getByLabel('จำนวนผู้เข้าร่วมทั้งหมด').fill('40');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await b.page.waitForURL(/\/events\/\d+$/);
    await expectText(b.page, tid('event-kind'), 'การประชุม');
    await expectText(b.page, tid('event-dates'), 'วันพุธที่ 10 กุมภาพันธ์ 2559 เวลา 09:30 น.');
    expect(await texts(`${tid('event-venues')} li`)).toEqual(['ศาลากลางจังหวัดเชียงใหม่', 'ศาลากลางจังหวัดลำพูน']);
    await expectText(b.page, tid('event-provinces'), 'เชียงใหม่, ลำพูน');
    await expectText(b.page, tid('event-chair'), 'ผู้ว่าราชการจังหวัดเชียงใหม่');
    expect(await texts(`${tid('event-speakers')} li`)).toEqual(['นางสาวตัวอย่าง ใจดี หัวหน้ากลุ่มงานติดตามฯ']);
    expect(await texts(`${tid('event-groups')} li`)).toEqual(['เจ้าหน้าที่การเงิน (12 คน)']);
    await expectText(b.page, tid('event-attendance'), '40 คน');
    // Changed with the version read.
    await b.page.getByTestId('edit-event').click();
    const edit = b.page.getByRole('form', { name: 'บันทึกกิจกรรม' });
    expect(await edit.getByLabel('สถานที่ (หนึ่งบรรทัดต่อหนึ่งแห่ง)').inputValue()).toBe('ศาลากลางจังหวัดเชียงใหม่\nศาลากลางจังหวัดลำพูน');
    await edit.getByLabel('จำนวนผู้เข้าร่วมทั้งหมด').fill('45');
    await edit.getByRole('button', { name: 'บันทึก' }).click();
    await expectText(b.page, tid('event-attendance'), '45 คน');
    expect(await b.page.getByRole('form', { name: 'บันทึกกิจกรรม' }).count()).toBe(0);
    // On the calendar of February 2559, beside the training.
    await b.page.goto(`${server.url}/calendar?owner=upper-north-1&month=2016-02`);
    await b.page.locator('[data-testid^="cal-event-"]').nth(1).waitFor();
    expect(await bars('event')).toEqual([
      ['2016-01-31', '2016-02-05', 'อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. 2559'],
      ['2016-02-10', '2016-02-10', '09:30 ประชุมคณะอนุกรรมการติดตามฯ ทางไกล'],
    ]);
  });

  it('the event page shows the seminar with its chair, speakers and invited groups; the menu in English', async () => {
    await b.page.goto(`${server.url}/calendar?owner=upper-north-1&month=2015-12`);
    await b.page.locator('[data-testid^="cal-event-"]').first().click();
    await b.page.waitForURL(/\/events\/\d+$/);
    await expectText(b.page, tid('event-kind'), 'การสัมมนา');
    await expectText(b.page, tid('event-dates'), 'วันอังคารที่ 15 ธันวาคม 2558');
    await expectText(b.page, tid('event-chair'), 'นายฤกษ์ ธนาวณิช รองผู้ว่าราชการจังหวัดเชียงใหม่');
    expect(await texts(`${tid('event-speakers')} li`)).toEqual([
      'คลังจังหวัดเชียงใหม่',
      'หัวหน้าหน่วยตรวจสอบภายในจังหวัดเชียงใหม่',
      'ข้าราชการของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1',
    ]);
    expect(await texts(`${tid('event-groups')} li`)).toEqual(['เจ้าหน้าที่ผู้รับผิดชอบโครงการ', 'เจ้าหน้าที่การเงิน', 'เจ้าหน้าที่พัสดุ']);
    expect(await texts('.app-header nav a')).toContain('ปฏิทิน');
    await b.page.getByRole('button', { name: 'English' }).click();
    await expectText(b.page, tid('event-kind'), 'Seminar');
    await expectText(b.page, tid('event-dates'), 'Tuesday 15 December 2558 BE');
    expect(await texts('.app-header nav a')).toEqual(expect.arrayContaining(['Visits', 'Events', 'Calendar']));
    await b.page.goto(`${server.url}/visits/${visitId}`);
    await expectText(b.page, tid('visit-dates'), 'Thursday 14 January 2559 BE – Tuesday 26 January 2559 BE');
    await expectText(b.page, `${tid('project-UN1-2559-01')} ${tid('rec-status')}`, 'Closed (closed on 10 March 2559 BE)');
    await b.page.getByRole('button', { name: 'ภาษาไทย' }).click();
  });
});
