/**
 * Meetings through the HTTP API on both databases: the demo's meeting 12/2558 whose report equals
 * the seed document but for the intended differences listed below; every computed block's figures
 * on the demo and on a second data set built here; freezing on close and regenerating; the PDF
 * read back with pdftotext and the DOCX converted by LibreOffice equal the text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { auditCount } from '../../../test/support/roles.ts';
import { noteSkip, PDFTOTEXT_PATH, SOFFICE_PATH } from '../../../test/support/env.ts';
import type { Meeting, MeetingReport, MeetingReportOut, Regenerated } from './meetings.schema.ts';
import { paragraphsOf, seedAsIntended } from './meetings.seed.ts';
import { renderReport, reportPdfLines } from './meetings.render.ts';
import { reportText } from './meetings.text.ts';

/**
 * The PDF's text as `pdftotext -raw` reads it back, compared line by line with the lines the PDF
 * prints (reportPdfLines: the report's paragraphs broken at word boundaries). -raw keeps the order in
 * which the glyphs were drawn; pdftotext's default reading order sorts them by position instead, and
 * puts a mark above or below its letter (drawn with no advance) after the next letter ("ผา่น" for
 * "ผ่าน") or on a line of its own. Empty lines (paragraph spacing, page breaks) are dropped, and one
 * known mangling is undone, nothing else tolerated: Sarabun draws SARA AM (U+0E33) as two glyphs,
 * NIKHAHIT and SARA AA, which pdftotext maps back to SARA AM and SARA AA ("จำานวน" for "จำนวน").
 */
const pdfLine = (extracted: string) => extracted.replaceAll('ำา', 'ำ');

/** How the audit trail names the test server's administrator (its API token is named "test"). */
const ADMIN_LABEL = 'test-admin (token test)';

describeEachDb('meetings API', (kind) => {
  let s: TestServer;
  let tmp: string;
  const send = <T = unknown>(method: string, p: string, body?: unknown) =>
    s.json<T & { error?: { code: string; message: string } }>(p, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const byNumber = '/api/v1/meetings/by-number/report?owner=upper-north-1&no=12&year=2558';

  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-meeting-'));
  });
  afterAll(async () => {
    await s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("the demo meeting's report is the seed's text, but for the intended differences", async () => {
    const res = await s.api(`${byNumber}&format=text`);
    expect(res.status).toBe(200);
    expect(paragraphsOf(await res.text())).toEqual(paragraphsOf(seedAsIntended()));
  });

  it('the meeting: weekday derived, venues, purposes, agenda by division', async () => {
    const m = await send<Meeting>('GET', '/api/v1/meetings/by-number?owner=upper-north-1&no=12&year=2558');
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({
      no: 12,
      year: 2558,
      month: '2015-12',
      date: '2016-01-06',
      weekday: 'วันพุธ',
      startTime: '09:00',
      cutOff: '2016-01-05',
    });
    expect(m.body.venues).toHaveLength(4);
    expect(m.body.agenda.map((a) => [a.division, a.position])).toEqual([
      ['strategy', 1],
      ['strategy', 2],
      ['monitoring', 1],
      ['monitoring', 2],
      ['monitoring', 3],
      ['administration', 1],
    ]);
  });

  it("every block's figures on the demo data (hand-computed from the seed)", async () => {
    const r = await send<MeetingReport>('GET', `${byNumber}&format=json`);
    const blocks = Object.fromEntries(r.body.divisions.flatMap((d) => d.topics.flatMap((t) => t.items.map((i) => [i.kind, i]))));
    expect(blocks.approval!.figures).toMatchObject({ approved: 14, pending: [{ status: 'revising' }] });
    expect((blocks.approval!.figures.pending as { nameTh: string }[])[0]!.nameTh).toBe(
      'โครงการพัฒนาระบบโครงสร้างเมืองพื้นฐานและบริการสาธารณสุขรองรับการพัฒนาอย่างยั่งยืน',
    );
    expect(blocks.indicators!.figures).toMatchObject({ status: 'draft' });
    expect(
      (blocks.indicators!.figures.indicators as { code: string; openChangeRequests: unknown[] }[]).map((i) => [i.code, i.openChangeRequests.length]),
    ).toEqual([
      ['KPI-1', 0],
      ['KPI-2', 1],
      ['KPI-3', 0],
    ]);
    // 205,973,814.96 / allocated = 72.32 %, 7th of the 18 clusters
    expect(blocks.previousYear!.figures).toMatchObject({
      completed: 8,
      projectCount: 12,
      disbursed: '205973814.96',
      disbursedPercent: '72.32',
      rank: 7,
      of: 18,
    });
    // 1,421,593.29 + 357,999,106.71 = 359,420,700.00
    expect(blocks.disbursement!.figures).toMatchObject({
      allocated: '359420700.00',
      disbursed: '1421593.29',
      disbursedPercent: '0.40',
      remaining: '357999106.71',
      remainingPercent: '99.60',
    });
    expect((blocks.eventsHeld!.figures.items as { kind: string; startDate: string }[]).map((i) => [i.kind, i.startDate])).toEqual([
      ['seminar', '2015-12-15'],
    ]);
  });

  it("the JSON report carries its layout: the paragraphs cut where the PDF may break them (Node's Intl.Segmenter)", async () => {
    const r = await send<MeetingReportOut>('GET', `${byNumber}&format=json`);
    expect(r.body.layout.map((p) => [p.kind, p.units.join('')])).toEqual(paragraphsOf(seedAsIntended()).map((t, i) => [r.body.layout[i]!.kind, t]));
    expect(r.body.layout.map((p) => p.kind).slice(0, 3)).toEqual(['intro', 'heading', 'topic']);
    expect(r.body.layout[0]!.units.slice(0, 4)).toEqual(['เมื่อ', 'วัน', 'พุธ', 'ที่']);
    // An abbreviation stays one unit ("พ.ศ."; Chromium's own segmenter cuts it in two).
    expect(r.body.layout[0]!.units.filter((u) => u.startsWith('พ.'))).toEqual(['พ.ศ.', 'พ.ศ.']);
    // The CLI's JSON (renderReport, as `padme report meeting --format json` writes it) is the API's, layout included.
    const { layout: _, ...report } = r.body;
    expect(JSON.parse(String((await renderReport(report, 'json')).body))).toEqual(r.body);
  });

  it('Arabic digits on request', async () => {
    const res = await s.api(`${byNumber}&format=text&digits=arabic`);
    const text = await res.text();
    expect(text).toContain('ได้จัดประชุมครั้งที่ 12/2558 ประจำเดือนธันวาคม พ.ศ. 2558');
    expect(text).toContain('จำนวน 1,421,593.29 บาท คิดเป็นร้อยละ 0.40 คงเหลือ 357,999,106.71 บาท คิดเป็นร้อยละ 99.60 (ข้อมูล ณ วันที่ 5 มกราคม 2559)');
  });

  it('a second data set: a province meeting with its own projects, ledger and agenda', async () => {
    // Province 58 (Mae Hong Son), FY 2561: three projects of 1,000.00, 2,000.00 and 3,000.00.
    const mk = async (code: string, budget: string) =>
      expect(
        (
          await send('POST', '/api/v1/projects', {
            code,
            fiscalYear: 2561,
            owner: '58',
            nameTh: `โครงการทดสอบ ${code}`,
            budget,
            status: 'proposed',
            statusDate: '2017-10-02',
          })
        ).status,
      ).toBe(201);
    await mk('MT-01', '1000.00');
    await mk('MT-02', '2000.00');
    await mk('MT-03', '3000.00');
    for (const code of ['MT-01', 'MT-02'])
      expect((await send('POST', `/api/v1/projects/${code}/status`, { status: 'approved', date: '2017-11-01', reason: 'อนุมัติ' })).status).toBe(200);
    // MT-03 approved only after the cut-off: as of the cut-off it is still pending.
    expect((await send('POST', '/api/v1/projects/MT-03/status', { status: 'approved', date: '2018-02-01', reason: 'อนุมัติ' })).status).toBe(200);
    expect((await send('POST', '/api/v1/projects/MT-01/disbursements', { date: '2017-12-15', amount: '333.33', ref: 'MT-D1' })).status).toBe(201);
    expect((await send('POST', '/api/v1/projects/MT-02/disbursements', { date: '2018-01-20', amount: '500.00', ref: 'MT-D2' })).status).toBe(201);
    const m = await send<Meeting>('POST', '/api/v1/meetings', {
      owner: '58',
      no: 1,
      year: 2561,
      month: '2017-12',
      date: '2018-01-10',
      startTime: '13:30',
      cutOff: '2018-01-09',
      venues: ['ศาลากลางจังหวัดแม่ฮ่องสอน'],
      organizer: 'สำนักงานจังหวัดแม่ฮ่องสอน',
      purposes: ['ติดตามผลการดำเนินงาน'],
    });
    expect(m.status).toBe(201);
    expect(m.body.weekday).toBe('วันพุธ');
    const added = await send<Meeting>('POST', `/api/v1/meetings/${m.body.id}/agenda`, {
      division: 'administration',
      topic: 'ความก้าวหน้า',
      items: [
        { kind: 'approval', fiscalYear: 2561 },
        { kind: 'disbursement', fiscalYear: 2561 },
        { kind: 'text', text: 'ที่ประชุมรับทราบ 2 เรื่อง' },
      ],
    });
    expect(added.status).toBe(201);
    const text = await (await s.api(`/api/v1/meetings/${m.body.id}/report?format=text`)).text();
    // 2 approved by 9 Jan 2018, MT-03 pending; disbursed 333.33 of 6,000.00 = 5.5555 % -> 5.56, remaining 94.44
    expect(text).toBe(
      'เมื่อวันพุธที่ ๑๐ มกราคม ๒๕๖๑ ที่ผ่านมา เวลา ๑๓.๓๐ น. ณ ศาลากลางจังหวัดแม่ฮ่องสอน สำนักงานจังหวัดแม่ฮ่องสอน ได้จัดประชุมครั้งที่ ๑/๒๕๖๑ ประจำเดือนธันวาคม พ.ศ. ๒๕๖๐ เพื่อติดตามผลการดำเนินงาน\n\n' +
        'ฝ่ายบริหารทั่วไป\n\n❖ ความก้าวหน้า\n\n' +
        '- ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน ๒ โครงการ คงเหลืออีก ๑ โครงการที่ยังไม่ได้อนุมัติ คือ โครงการทดสอบ MT-03 ซึ่งอยู่ระหว่างการพิจารณาอนุมัติ\n\n' +
        '- ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๑ จำนวน ๓๓๓.๓๓ บาท คิดเป็นร้อยละ ๕.๕๖ คงเหลือ ๕,๖๖๖.๖๗ บาท คิดเป็นร้อยละ ๙๔.๔๔ (ข้อมูล ณ วันที่ ๙ มกราคม ๒๕๖๑)\n\n' +
        '- ที่ประชุมรับทราบ ๒ เรื่อง\n',
    );

    // Closing freezes the figures: a later disbursement dated before the cut-off does not change the report...
    const before = await auditCount(s);
    expect((await send('POST', `/api/v1/meetings/${m.body.id}/close`)).status).toBe(200);
    expect(await auditCount(s)).toBe(before + 1);
    expect((await send('POST', '/api/v1/projects/MT-03/disbursements', { date: '2018-01-05', amount: '666.67', ref: 'MT-D3' })).status).toBe(201);
    expect(await (await s.api(`/api/v1/meetings/${m.body.id}/report?format=text`)).text()).toBe(text);
    // ...a closed meeting refuses changes, and changes nothing
    const refused = await send('POST', `/api/v1/meetings/${m.body.id}/agenda`, { division: 'strategy', topic: 'x', items: [] });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'conflict']);
    // ...and regenerating computes it again from live data, saying what changed (audited).
    const g = await send<Regenerated>('POST', `/api/v1/meetings/${m.body.id}/regenerate`);
    expect(g.status).toBe(200);
    expect(g.body.changes).toEqual([
      {
        topic: 'ความก้าวหน้า',
        index: 1,
        kind: 'disbursement',
        old: [
          'ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๑ จำนวน ๓๓๓.๓๓ บาท คิดเป็นร้อยละ ๕.๕๖ คงเหลือ ๕,๖๖๖.๖๗ บาท คิดเป็นร้อยละ ๙๔.๔๔ (ข้อมูล ณ วันที่ ๙ มกราคม ๒๕๖๑)',
        ],
        new: [
          'ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๑ จำนวน ๑,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๑๖.๖๗ คงเหลือ ๕,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๘๓.๓๓ (ข้อมูล ณ วันที่ ๙ มกราคม ๒๕๖๑)',
        ],
      },
    ]);
    expect(await auditCount(s)).toBe(before + 1 + 1 + 1);
  });

  it('the second data set: previous year with its rank among provinces, visits, events held, no indicators', async () => {
    // FY 2560 of province 58: 4,000.00, completed, 1,000.00 disbursed = 25.00 %; no other province has a FY 2560 budget: 1st of the 76.
    expect(
      (
        await send('POST', '/api/v1/projects', {
          code: 'MT-60',
          fiscalYear: 2560,
          owner: '58',
          nameTh: 'โครงการทดสอบปีก่อน',
          budget: '4000.00',
          status: 'approved',
          statusDate: '2016-10-03',
        })
      ).status,
    ).toBe(201);
    expect((await send('POST', '/api/v1/projects/MT-60/disbursements', { date: '2017-03-01', amount: '1000.00', ref: 'MT-60-1' })).status).toBe(201);
    expect((await send('POST', '/api/v1/projects/MT-60/status', { status: 'completed', date: '2017-09-01', reason: 'เสร็จ' })).status).toBe(200);
    expect(
      (
        await send('POST', '/api/v1/monitoring/visits', {
          owner: '58',
          fiscalYear: 2561,
          committee: 'คณะทำงานติดตามของจังหวัด',
          startDate: '2018-01-15',
          endDate: '2018-01-15',
          provinces: ['58'],
          projects: ['MT-01'],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/events', {
          owner: '58',
          kind: 'seminar',
          title: 'สัมมนาทดสอบ',
          organizer: 'จังหวัดแม่ฮ่องสอน',
          startDate: '2017-12-20',
          chair: { name: 'นายทดสอบ ใจดี', position: 'ผู้ว่าราชการจังหวัดแม่ฮ่องสอน' },
        })
      ).status,
    ).toBe(201);
    const m = await send<Meeting>('POST', '/api/v1/meetings', {
      owner: '58',
      no: 2,
      year: 2561,
      month: '2017-12',
      date: '2018-01-12',
      cutOff: '2018-01-09',
      organizer: 'สำนักงานจังหวัดแม่ฮ่องสอน',
    });
    expect(m.status).toBe(201);
    const add = (division: string, topic: string, items: unknown[]) =>
      send('POST', `/api/v1/meetings/${m.body.id}/agenda`, { division, topic, items });
    expect((await add('strategy', 'ตัวชี้วัด', [{ kind: 'indicators', fiscalYear: 2561 }])).status).toBe(201);
    expect(
      (
        await add('monitoring', 'การติดตาม', [
          { kind: 'monitoring', from: '2018-01-01', to: '2018-01-31' },
          { kind: 'previousYear', fiscalYear: 2560 },
        ])
      ).status,
    ).toBe(201);
    expect((await add('administration', 'กิจกรรม', [{ kind: 'eventsHeld', from: '2017-12-01', to: '2017-12-31' }])).status).toBe(201);
    const r = await send<MeetingReport>('GET', `/api/v1/meetings/${m.body.id}/report?digits=arabic`);
    const items = r.body.divisions.flatMap((d) => d.topics.flatMap((t) => t.items));
    expect(items.map((i) => i.sentences)).toEqual([
      ['ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของจังหวัดแม่ฮ่องสอน ประจำปีงบประมาณ พ.ศ. 2561 ยังไม่มีตัวชี้วัด'],
      ['จังหวัดแม่ฮ่องสอน ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการจังหวัดแม่ฮ่องสอน โดยคณะทำงานติดตามของจังหวัด ในพื้นที่จังหวัดแม่ฮ่องสอน ในวันที่ 15 มกราคม 2561'],
      ['มีโครงการที่ดำเนินการแล้วเสร็จ จำนวน 1 โครงการ จากทั้งหมด จำนวน 1 โครงการ มีผลการเบิกจ่าย 1,000.00 บาท คิดเป็นร้อยละ 25.00 ซึ่งอยู่ลำดับที่ 1 จาก 76 จังหวัด'],
      ['เมื่อวันที่ 20 ธันวาคม 2560 จังหวัดแม่ฮ่องสอน ได้มีการสัมมนาทดสอบ โดยมีนายทดสอบ ใจดี ผู้ว่าราชการจังหวัดแม่ฮ่องสอน เป็นประธาน'],
    ]);
    expect(items[2]!.figures).toMatchObject({
      completed: 1,
      projectCount: 1,
      allocated: '4000.00',
      disbursed: '1000.00',
      disbursedPercent: '25.00',
      rank: 1,
      of: 76,
    });

    // Then the province's indicators (one with components, a removal requested before the cut-off, one requested after
    // it) and a training in January: the draft's blocks follow the live data.
    const indicator = async (code: string, nameTh: string, components: { key: string; nameTh: string }[] = []) => {
      const r = await send<{ id: string }>('POST', '/api/v1/indicators', {
        owner: '58',
        fiscalYear: 2561,
        code,
        nameTh,
        unit: 'ร้อยละ',
        direction: 'higher',
        weight: '1',
        components,
        scale: { levels: ['1', '2', '3', '4', '5'] },
      });
      expect(r.status).toBe(201);
      return r.body.id;
    };
    await indicator('K-1', 'ผู้มาเยือนเพิ่มขึ้น');
    const k2 = await indicator('K-2', 'มูลค่าผลผลิต', [
      { key: 'rice', nameTh: 'ข้าว' },
      { key: 'garlic', nameTh: 'กระเทียม' },
    ]);
    const k3 = await indicator('K-3', 'คุณภาพอากาศ');
    const request = (id: string, requestedOn: string) =>
      send('POST', `/api/v1/indicators/${id}/change-requests`, { kind: 'remove', reason: 'ไม่มีโครงการสนับสนุน', requestedOn });
    expect((await request(k2, '2018-01-05')).status).toBe(201);
    expect((await request(k3, '2018-01-10')).status).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/events', {
          owner: '58',
          kind: 'training',
          title: 'อบรมการใช้งานระบบ',
          organizer: 'จังหวัดแม่ฮ่องสอน',
          startDate: '2018-01-20',
          endDate: '2018-01-22',
          provinces: ['58'],
        })
      ).status,
    ).toBe(201);
    const again = await send<MeetingReport>('GET', `/api/v1/meetings/${m.body.id}/report?digits=arabic`);
    const items2 = again.body.divisions.flatMap((d) => d.topics.flatMap((t) => t.items));
    expect(items2.slice(0, 2).map((i) => i.sentences)).toEqual([
      [
        'สำนักงาน ก.พ.ร. ได้กำหนดร่าง ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของจังหวัดแม่ฮ่องสอน ประจำปีงบประมาณ พ.ศ. 2561 ประกอบด้วย 3 ตัวชี้วัด คือ ' +
          'ตัวชี้วัดผู้มาเยือนเพิ่มขึ้น, ตัวชี้วัดมูลค่าผลผลิต (ข้าว และกระเทียม) และตัวชี้วัดคุณภาพอากาศ ซึ่ง OSM ได้เสนอขอยกเลิกตัวชี้วัดมูลค่าผลผลิต เนื่องจากไม่มีโครงการสนับสนุน',
      ],
      [
        'จังหวัดแม่ฮ่องสอน ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการจังหวัดแม่ฮ่องสอน โดยคณะทำงานติดตามของจังหวัด ในพื้นที่จังหวัดแม่ฮ่องสอน ในวันที่ 15 มกราคม 2561',
        // A training after the cut-off: planned ("กำหนดการ…"), dates of one month written once.
        'กำหนดการอบรมการใช้งานระบบ ในพื้นที่จังหวัดแม่ฮ่องสอน ระหว่างวันที่ 20 - 22 มกราคม 2561',
      ],
    ]);
    expect(
      (items2[0]!.figures.indicators as { code: string; components: string[]; openChangeRequests: unknown[] }[]).map((i) => [
        i.code,
        i.openChangeRequests.length,
      ]),
    ).toEqual([
      ['K-1', 0],
      ['K-2', 1],
      ['K-3', 0],
    ]);
  });

  it('a meeting number is unique per owner and year; bad input names the field and changes nothing', async () => {
    const before = await auditCount(s);
    const dup = await send('POST', '/api/v1/meetings', {
      owner: 'upper-north-1',
      no: 12,
      year: 2558,
      month: '2015-12',
      date: '2016-01-07',
      cutOff: '2016-01-05',
      organizer: 'OSM',
    });
    expect([dup.status, dup.body.error?.message]).toEqual([409, 'upper-north-1 already has meeting 12/2558 (meeting 1)']);
    const late = await send('POST', '/api/v1/meetings', {
      owner: 'upper-north-1',
      no: 13,
      year: 2558,
      month: '2015-12',
      date: '2016-01-07',
      cutOff: '2016-01-08',
      organizer: 'OSM',
    });
    expect([late.status, late.body.error?.message]).toEqual([400, "cutOff: 2016-01-08 is after the meeting's date 2016-01-07"]);
    expect(await auditCount(s)).toBe(before);
  });

  it("reorders a division's topics in one transaction, with one audit record; refuses a wrong list, a stale version, a closed meeting, a reader", async () => {
    const m = await send<Meeting>('POST', '/api/v1/meetings', {
      owner: 'upper-north-1',
      no: 20,
      year: 2559,
      month: '2016-02',
      date: '2016-03-02',
      cutOff: '2016-02-29',
      organizer: 'OSM',
    });
    const other = await send<Meeting>('POST', '/api/v1/meetings', {
      owner: 'upper-north-1',
      no: 21,
      year: 2559,
      month: '2016-03',
      date: '2016-04-06',
      cutOff: '2016-03-31',
      organizer: 'OSM',
    });
    const add = async (id: string, division: string, topic: string) => {
      const r = await send<Meeting>('POST', `/api/v1/meetings/${id}/agenda`, { division, topic, items: [{ kind: 'text', text: topic }] });
      expect(r.status).toBe(201);
      return r.body.agenda.find((a) => a.topic === topic)!.id;
    };
    const [a, b, c] = [await add(m.body.id, 'strategy', 'ก'), await add(m.body.id, 'strategy', 'ข'), await add(m.body.id, 'strategy', 'ค')];
    const mon = await add(m.body.id, 'monitoring', 'ง');
    const elsewhere = await add(other.body.id, 'strategy', 'จ');
    const path = `/api/v1/meetings/${m.body.id}/agenda/reorder`;
    const current = async () => (await send<Meeting>('GET', `/api/v1/meetings/${m.body.id}`)).body;
    const order = (x: Meeting) => x.agenda.map((t) => [t.division, t.topic, t.position]);
    const start = await current();
    expect(order(start)).toEqual([
      ['strategy', 'ก', 1],
      ['strategy', 'ข', 2],
      ['strategy', 'ค', 3],
      ['monitoring', 'ง', 1],
    ]);

    const committee = await s.as({ username: 'reorder-committee', role: 'committee_member', scope: 'upper-north-1' });
    // Refused, each with its message, and nothing changed.
    const before = await auditCount(s);
    const refused = async (body: unknown, who = send) => {
      const r = await who<Meeting>('POST', path, body);
      return [r.status, r.body.error?.message];
    };
    const v = start.version;
    expect(await refused({ version: v, division: 'strategy', items: [c, a] })).toEqual([
      400,
      `items: the strategy division of meeting ${m.body.id} has 3 topics, each to be given once; missing: ${b}`,
    ]);
    expect(await refused({ version: v, division: 'strategy', items: [c, a, a, b] })).toEqual([400, `items.2: topic ${a} is given twice`]);
    expect(await refused({ version: v, division: 'strategy', items: [c, a, mon] })).toEqual([
      400,
      `items.2: ${mon} is not a topic of the strategy division of meeting ${m.body.id}`,
    ]);
    expect(await refused({ version: v, division: 'strategy', items: [c, a, b, elsewhere] })).toEqual([
      400,
      `items.3: ${elsewhere} is not a topic of the strategy division of meeting ${m.body.id}`,
    ]);
    expect(await refused({ version: v - 1, division: 'strategy', items: [c, a, b] })).toEqual([
      409,
      `Meeting ${m.body.id} changed meanwhile (version ${v}, not ${v - 1}): reload it`,
    ]);
    const asCommittee = <T>(method: string, p: string, body?: unknown) =>
      committee.json<T & { error?: { code: string; message: string } }>(p, { method, body: JSON.stringify(body) });
    expect(await refused({ version: v, division: 'strategy', items: [c, a, b] }, asCommittee)).toEqual([
      403,
      'reorder-committee (committee member of upper-north-1) may not hold meetings of upper-north-1 (fiscal year 2559)',
    ]);
    expect(await auditCount(s)).toBe(before);
    expect(order(await current())).toEqual(order(start));

    // Applied: the exact order, positions 1.., the meeting's version moved on, one audit record with both orders and the actor.
    const done = await send<Meeting>('POST', path, { version: v, division: 'strategy', items: [c, a, b] });
    expect(done.status).toBe(200);
    expect(order(done.body)).toEqual([
      ['strategy', 'ค', 1],
      ['strategy', 'ก', 2],
      ['strategy', 'ข', 3],
      ['monitoring', 'ง', 1],
    ]);
    expect(done.body.version).toBe(v + 1);
    expect(await auditCount(s)).toBe(before + 1);
    const records = await s.db.query<{ actor: string; before: unknown; after: unknown }>(
      `SELECT actor, before, after FROM audit_log WHERE action = 'reorder_agenda' AND entity_type = 'meeting' AND entity_key = $1`,
      [m.body.id],
    );
    expect(records).toEqual([
      { actor: ADMIN_LABEL, before: { division: 'strategy', order: [a, b, c] }, after: { division: 'strategy', order: [c, a, b] } },
    ]);
    // The report follows the new order.
    const report = await send<MeetingReport>('GET', `/api/v1/meetings/${m.body.id}/report`);
    expect(report.body.divisions.map((d) => d.topics.map((t) => t.topic))).toEqual([['ค', 'ก', 'ข'], ['ง']]);

    // Closed, the meeting refuses any order.
    expect((await send('POST', `/api/v1/meetings/${m.body.id}/close`)).status).toBe(200);
    const closed = await current();
    expect(await refused({ version: closed.version, division: 'strategy', items: [a, b, c] })).toEqual([
      409,
      'Meeting 20/2559 of upper-north-1 is closed: its report is frozen and it may no longer change',
    ]);
  });

  it('PDF: the text read back with pdftotext -raw equals the lines printed (SARA AM normalised), fonts embedded', async (ctx) => {
    if (!PDFTOTEXT_PATH) {
      noteSkip('meetings PDF', 'pdftotext (poppler-utils) is not installed');
      ctx.skip();
    }
    const res = await s.api(`${byNumber}&format=pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tmp, `r-${kind}.pdf`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const report = (await send<MeetingReport>('GET', `${byNumber}&format=json`)).body;
    const { lines } = await reportPdfLines(report);
    // The lines are the report's text, broken only at spaces and word boundaries.
    expect(lines.join('').replace(/\s/g, '')).toBe(reportText(report).replace(/\s/g, ''));
    const extracted = execFileSync(PDFTOTEXT_PATH!, ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .split(/[\n\f]/)
      .filter((l) => l.trim() !== '');
    expect(extracted).toHaveLength(lines.length);
    expect(extracted.map(pdfLine)).toEqual(lines);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/Sarabun.*yes/);
  });

  it('DOCX: LibreOffice converts it to the same text', async (ctx) => {
    if (!SOFFICE_PATH) {
      noteSkip('meetings DOCX', 'soffice (libreoffice-writer-nogui) is not installed');
      ctx.skip();
    }
    const res = await s.api(`${byNumber}&format=docx`);
    const file = path.join(tmp, `r-${kind}.docx`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    execFileSync(
      SOFFICE_PATH!,
      ['--headless', `-env:UserInstallation=file://${tmp}/lo-${kind}`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', tmp, file],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    const converted = fs.readFileSync(file.replace(/\.docx$/, '.txt'), 'utf8').replace(/^\uFEFF/, '');
    const text = await (await s.api(`${byNumber}&format=text`)).text();
    expect(paragraphsOf(converted)).toEqual(paragraphsOf(text));
  }, 180_000);

  it('HTML and XLSX', async () => {
    const html = await (await s.api(`${byNumber}&format=html`)).text();
    expect(html).toContain("font-family: Sarabun, 'TH Sarabun New'");
    expect(html).toContain("@font-face { font-family: 'Sarabun'; font-weight: 700; src: url(data:font/ttf;base64,");
    // Each word unbreakable, a <wbr> between words: the browser breaks only where the PDF may.
    expect(html).toContain('<h2><span class="w">ฝ่าย</span><wbr><span class="w">บริหาร</span><wbr><span class="w">ทั่วไป</span></h2>');
    expect(html).toContain('.w { white-space: nowrap; }');
    const res = await s.api(`${byNumber}&format=xlsx`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const disb = wb.getWorksheet('การเบิกจ่าย')!;
    expect([2, 3].map((r) => [disb.getRow(r).getCell(1).value, disb.getRow(r).getCell(6).value, disb.getRow(r).getCell(7).value])).toEqual([
      [2558, 205973814.96, 72.32],
      [2559, 1421593.29, 0.4],
    ]);
    expect(wb.getWorksheet('ลำดับ')!.rowCount).toBe(19);
    expect(wb.getWorksheet('ตัวชี้วัด')!.rowCount).toBe(4);
  });
});
