/**
 * Events, the calendar and the events report through the HTTP API on both databases: the seed's
 * training and seminar of the demo data, their sentences equal to the seed's, weekdays derived,
 * roles, refusals that change nothing, the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { auditCount } from '../../../test/support/roles.ts';
import type { Calendar, Event, EventsReport } from './events.schema.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

const SEMINAR =
  'เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM ได้มีการสัมมนาเชิงปฏิบัติการแนวทางการดำเนินโครงการและการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ โดยมีนายฤกษ์ ธนาวณิช รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธาน และมีคลังจังหวัดเชียงใหม่, หัวหน้าหน่วยตรวจสอบภายในจังหวัดเชียงใหม่ และข้าราชการของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน ๑ เป็นวิทยากร ซึ่งได้เชิญเจ้าหน้าที่ผู้รับผิดชอบโครงการ, เจ้าหน้าที่การเงิน และเจ้าหน้าที่พัสดุ เข้าร่วมการสัมมนาครั้งนี้ด้วย';
const VISIT =
  'กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙';
const TRAINING =
  'กำหนดการลงพื้นที่อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ในพื้นที่ ๔ จังหวัดในกลุ่มจังหวัดภาคเหนือตอนบน ๑ ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙';

describeEachDb('events API', (kind) => {
  let s: TestServer;
  let officer: Client;
  let province: Client;
  let committee: Client;
  let reporter: Client;
  let eventId: string;
  const send = <T = unknown>(c: Client, method: string, path: string, body?: unknown) =>
    c.json<T & ErrorBody>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const refused = async (c: Client, method: string, path: string, body: unknown, status: number, message: string) => {
    const before = await auditCount(s);
    const r = await send(c, method, path, body);
    expect([r.status, r.body.error?.message], `${method} ${path}`).toEqual([status, message]);
    expect(await auditCount(s)).toBe(before);
  };
  const workshop = {
    owner: '50',
    kind: 'workshop',
    title: 'ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาจังหวัด',
    organizer: 'สำนักงานจังหวัดเชียงใหม่',
    startDate: '2016-01-30',
    endDate: '2016-01-31',
    startTime: '09.30',
    venues: ['ศาลากลางจังหวัดเชียงใหม่', 'โรงแรมตัวอย่าง'],
    provinces: ['TH-50'],
    chair: { name: 'นายตัวอย่าง ใจดี', position: 'ผู้ว่าราชการจังหวัดเชียงใหม่' },
    speakers: [{ position: 'คลังจังหวัดเชียงใหม่' }],
    invitedGroups: [
      { name: 'เจ้าหน้าที่การเงิน', attended: 40 },
      { name: 'เจ้าหน้าที่พัสดุ', attended: 35 },
    ],
    attendance: 80,
  };

  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    officer = await s.as({ username: 'un1-officer', role: 'cluster_officer', scope: 'upper-north-1' });
    province = await s.as({ username: 'cm-officer', role: 'province_officer', scope: '50' });
    committee = await s.as({ username: 'un1-committee', role: 'committee_member', scope: 'upper-north-1' });
    reporter = await s.as({ username: 'un1-reporter', role: 'agency_reporter', projects: ['UN1-2559-01'] });
  });
  afterAll(() => s.close());

  it("the demo holds the seed's training and seminar, their weekdays derived", async () => {
    const r = await send<Event[]>(committee, 'GET', '/api/v1/events?owner=upper-north-1&from=2015-10-01&to=2016-09-30');
    expect(r.status).toBe(200);
    expect(r.body.map((e) => [e.kind, e.startDate, e.endDate, e.startWeekday, e.endWeekday, e.provinces.map((p) => p.code)])).toEqual([
      ['seminar', '2015-12-15', '2015-12-15', 'tuesday', 'tuesday', []],
      ['training', '2016-01-22', '2016-02-05', 'friday', 'friday', ['50', '52', '51', '58']],
    ]);
    expect(r.body[0]).toMatchObject({
      organizer: 'OSM',
      chair: { name: 'นายฤกษ์ ธนาวณิช', position: 'รองผู้ว่าราชการจังหวัดเชียงใหม่' },
      speakers: [
        { name: null, position: 'คลังจังหวัดเชียงใหม่' },
        { name: null, position: 'หัวหน้าหน่วยตรวจสอบภายในจังหวัดเชียงใหม่' },
        { name: null, position: 'ข้าราชการของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1' },
      ],
      invitedGroups: [
        { name: 'เจ้าหน้าที่ผู้รับผิดชอบโครงการ', attended: null },
        { name: 'เจ้าหน้าที่การเงิน', attended: null },
        { name: 'เจ้าหน้าที่พัสดุ', attended: null },
      ],
    });
    expect(
      (await send<Event[]>(committee, 'GET', '/api/v1/events?owner=upper-north-1&from=2015-10-01&to=2016-09-30&kind=training')).body.length,
    ).toBe(1);
    const other = await send(reporter, 'GET', '/api/v1/events?owner=upper-north-1&from=2015-10-01&to=2016-09-30');
    expect([other.status, other.body.error.message]).toEqual([403, 'un1-reporter (agency reporter) may not read the events of upper-north-1']);
  });

  it("the events report: the seed's sentences as of the meeting (6 Jan 2559); later, all told as held", async () => {
    const q = '/api/v1/reports/events?owner=upper-north-1&from=2015-12-01&to=2016-02-29&asOf=2016-01-06';
    const r = await send<EventsReport>(committee, 'GET', q);
    expect(r.status).toBe(200);
    expect(r.body.monitoring.map((i) => [i.kind, i.held, i.sentence])).toEqual([
      ['monitoring_visit', false, VISIT],
      ['training', false, TRAINING],
    ]);
    expect(r.body.held.map((i) => [i.kind, i.sentence])).toEqual([['seminar', SEMINAR]]);
    const text = await committee.api(`${q}&format=text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe(`การลงพื้นที่ติดตามและประเมินผล และการอบรม\n- ${VISIT}\n- ${TRAINING}\n\nกิจกรรมที่ได้ดำเนินการ\n- ${SEMINAR}\n`);
    const csv = await (await committee.api(`${q}&format=csv&digits=arabic`)).text();
    expect(csv.split('\n')[0]).toBe('block,type,id,kind,start_date,end_date,held,sentence');
    expect(csv).toContain('ระหว่างวันที่ 14 - 26 มกราคม 2559');
    const later = await send<EventsReport>(
      committee,
      'GET',
      '/api/v1/reports/events?owner=upper-north-1&from=2015-12-01&to=2016-02-29&asOf=2016-03-01',
    );
    expect(later.body.monitoring.map((i) => i.sentence)).toEqual([
      'กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้ลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙ จำนวน ๓ โครงการ',
      'ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙ OSM ได้มีการอบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙',
    ]);
    // The seminar before the range is not in it.
    const jan = await send<EventsReport>(
      committee,
      'GET',
      '/api/v1/reports/events?owner=upper-north-1&from=2016-01-01&to=2016-01-31&asOf=2016-03-01',
    );
    expect([jan.body.monitoring.length, jan.body.held.length]).toEqual([2, 0]);
    expect((await send(reporter, 'GET', q)).status).toBe(403);
  });

  it('the calendar of a month: visits and events overlapping it, by start date', async () => {
    const jan = await send<Calendar>(committee, 'GET', '/api/v1/calendar?owner=upper-north-1&month=2016-01');
    expect(jan.status).toBe(200);
    expect([jan.body.from, jan.body.to]).toEqual(['2016-01-01', '2016-01-31']);
    expect(jan.body.items.map((i) => [i.type, i.kind, i.startDate, i.endDate, i.startWeekday])).toEqual([
      ['visit', 'monitoring_visit', '2016-01-14', '2016-01-26', 'thursday'],
      ['event', 'training', '2016-01-22', '2016-02-05', 'friday'],
    ]);
    const feb = await send<Calendar>(committee, 'GET', '/api/v1/calendar?owner=upper-north-1&month=2016-02');
    expect(feb.body.items.map((i) => i.kind)).toEqual(['training']);
    const range = await send<Calendar>(committee, 'GET', '/api/v1/calendar?owner=upper-north-1&from=2015-12-01&to=2015-12-31');
    expect(range.body.items.map((i) => [i.kind, i.title])).toEqual([
      ['seminar', 'สัมมนาเชิงปฏิบัติการแนวทางการดำเนินโครงการและการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 ประจำปีงบประมาณ พ.ศ. 2559'],
    ]);
    const both = await send(committee, 'GET', '/api/v1/calendar?owner=upper-north-1&month=2016-01&from=2016-01-01&to=2016-01-31');
    expect([both.status, both.body.error.message]).toEqual([400, 'month: give either month, or from and to']);
  });

  it('recorded by an officer of the owner (a cluster officer for its provinces too); checked; audited', async () => {
    await refused(
      committee,
      'POST',
      '/api/v1/events',
      workshop,
      403,
      'un1-committee (committee member of upper-north-1) may not record events of 50 (fiscal year 2559)',
    );
    await refused(
      province,
      'POST',
      '/api/v1/events',
      { ...workshop, owner: 'upper-north-1' },
      403,
      'cm-officer (province officer of 50) may not record events of upper-north-1 (fiscal year 2559)',
    );
    await refused(
      province,
      'POST',
      '/api/v1/events',
      { ...workshop, provinces: ['52'] },
      400,
      'provinces.0: province 52 (ลำปาง) is not within 50 in fiscal year 2559',
    );
    await refused(
      province,
      'POST',
      '/api/v1/events',
      { ...workshop, attendance: 70 },
      400,
      "attendance: the invited groups' attendance adds up to 75, more than the event's attendance 70",
    );
    const bad = await send(province, 'POST', '/api/v1/events', {
      ...workshop,
      startTime: '25:00',
      endDate: '2016-01-29',
      speakers: [{}],
      weekday: 'wednesday',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('startTime: a time HH:MM such as 09:00');
    expect(bad.body.error.message).toContain('speakers.0: a name or a position is required');
    expect(bad.body.error.message).toContain('endDate: the end date is before the start date');

    const before = await auditCount(s);
    const r = await send<Event>(province, 'POST', '/api/v1/events', workshop);
    expect(r.status).toBe(201);
    expect(await auditCount(s)).toBe(before + 1);
    eventId = r.body.id;
    expect(r.body).toMatchObject({
      owner: { kind: 'province', code: '50', nameTh: 'เชียงใหม่' },
      startTime: '09:30',
      startWeekday: 'saturday',
      endWeekday: 'sunday',
      provinces: [{ code: '50', nameTh: 'เชียงใหม่' }],
      speakers: [{ name: null, position: 'คลังจังหวัดเชียงใหม่' }],
      attendance: 80,
      version: 1,
      createdBy: 'cm-officer',
    });
    expect((r.body as unknown as Record<string, unknown>).weekday).toBeUndefined();
    const got = await send<Event>(committee, 'GET', `/api/v1/events/${eventId}`);
    expect(got.body).toEqual(r.body);
    const held = await send<EventsReport>(officer, 'GET', '/api/v1/reports/events?owner=50&from=2016-01-01&to=2016-01-31&asOf=2016-02-01');
    expect(held.body.held.map((i) => i.sentence)).toEqual([
      'ระหว่างวันที่ ๓๐ - ๓๑ มกราคม ๒๕๕๙ สำนักงานจังหวัดเชียงใหม่ ได้มีการประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาจังหวัด โดยมีนายตัวอย่าง ใจดี ผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธาน และมีคลังจังหวัดเชียงใหม่ เป็นวิทยากร ซึ่งได้เชิญเจ้าหน้าที่การเงิน และเจ้าหน้าที่พัสดุ เข้าร่วมการประชุมเชิงปฏิบัติการครั้งนี้ด้วย มีผู้เข้าร่วมทั้งสิ้น ๘๐ คน',
    ]);
  });

  it('changed with the version read (a cluster officer may, for its province), then deleted with a reason', async () => {
    const path = `/api/v1/events/${eventId}`;
    await refused(officer, 'PATCH', path, { version: 2, title: 'x' }, 409, `Event ${eventId} changed meanwhile (version 1, not 2): reload it`);
    await refused(
      officer,
      'PATCH',
      path,
      { version: 1, attendance: 10 },
      400,
      "attendance: the invited groups' attendance adds up to 75, more than the event's attendance 10",
    );
    const r = await send<Event>(officer, 'PATCH', path, { version: 1, startDate: '2016-02-06', startTime: null, chair: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      startDate: '2016-02-06',
      endDate: '2016-02-06',
      startWeekday: 'saturday',
      startTime: null,
      chair: null,
      version: 2,
      updatedBy: 'un1-officer',
    });
    const [a] = await s.db.query<{ before: { startDate: string }; after: { startDate: string } }>(
      "SELECT before, after FROM audit_log WHERE entity_type = 'event' AND entity_key = $1 AND action = 'update'",
      [eventId],
    );
    expect([a!.before.startDate, a!.after.startDate]).toEqual(['2016-01-30', '2016-02-06']);
    await refused(
      committee,
      'POST',
      `${path}/delete`,
      { reason: 'x' },
      403,
      'un1-committee (committee member of upper-north-1) may not record events of 50 (fiscal year 2559)',
    );
    expect((await send(province, 'POST', `${path}/delete`, { reason: 'ยกเลิกการจัด' })).status).toBe(200);
    expect((await send(province, 'GET', path)).status).toBe(404);
    expect((await send(province, 'PATCH', path, { version: 3, title: 'x' })).status).toBe(404);
  });
});
