/** The sentences of the events report against the seed's, character for character. */
import { describe, expect, it } from 'vitest';
import { thaiDateRange } from '../../core/thai.ts';
import { eventSentence, visitSentence, whenTh, type EventFacts } from './events.report.ts';
import { attendanceProblem, personTh, thaiList, weekdayOf } from './events.rules.ts';
import { DEMO_SEMINAR, DEMO_TRAINING } from './events.demo.ts';

/** The seed's lines (shared/seed/000_0090340a6c3e03ac.txt), copied character for character. */
const SEED_LINES = [
  'กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙',
  'กำหนดการลงพื้นที่อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ในพื้นที่ ๔ จังหวัดในกลุ่มจังหวัดภาคเหนือตอนบน ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙',
  'เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM ได้มีการสัมมนาเชิงปฏิบัติการแนวทางการดำเนินโครงการและการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ โดยมีนายฤกษ์ ธนาวณิช รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธาน และมีคลังจังหวัดเชียงใหม่, หัวหน้าหน่วยตรวจสอบภายในจังหวัดเชียงใหม่ และข้าราชการของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน ๑ เป็นวิทยากร ซึ่งได้เชิญเจ้าหน้าที่ผู้รับผิดชอบโครงการ, เจ้าหน้าที่การเงิน และเจ้าหน้าที่พัสดุ เข้าร่วมการสัมมนาครั้งนี้ด้วย',
];
const seedLine = (start: string) => {
  const line = SEED_LINES.find((l) => l.startsWith(start));
  if (!line) throw new Error(`no seed line starting ${start}`);
  return line;
};
const THAI = { thaiDigits: true };
const UN1 = 'กลุ่มจังหวัดภาคเหนือตอนบน 1';
const FOUR = ['เชียงใหม่', 'ลำปาง', 'ลำพูน', 'แม่ฮ่องสอน'];

const facts = (e: typeof DEMO_SEMINAR, allOfCluster: boolean, provinces: string[]): EventFacts => ({
  ownerTh: UN1,
  kind: e.kind,
  title: e.title,
  organizer: e.organizer,
  startDate: e.startDate,
  endDate: e.endDate ?? e.startDate,
  startTime: e.startTime,
  provinces,
  allOfCluster,
  chair: e.chair,
  speakers: e.speakers,
  invitedGroups: e.invitedGroups,
  attendance: e.attendance,
});

describe('date ranges (src/core/thai.ts)', () => {
  it('within one month, across months, across B.E. years, one day; Thai or Arabic digits', () => {
    expect(thaiDateRange('2016-01-14', '2016-01-26')).toBe('๑๔ - ๒๖ มกราคม ๒๕๕๙');
    expect(thaiDateRange('2016-01-22', '2016-02-05')).toBe('๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙');
    expect(thaiDateRange('2015-12-28', '2016-01-05')).toBe('๒๘ ธันวาคม ๒๕๕๘ - ๕ มกราคม ๒๕๕๙');
    expect(thaiDateRange('2015-12-15', '2015-12-15')).toBe('๑๕ ธันวาคม ๒๕๕๘');
    expect(thaiDateRange('2016-01-14', '2016-01-26', { thaiDigits: false })).toBe('14 - 26 มกราคม 2559');
  });
  it('"ระหว่างวันที่" for a range; one day: "เมื่อวันที่" once held, "ในวันที่" ahead', () => {
    expect(whenTh('2016-01-14', '2016-01-26', false)).toBe('ระหว่างวันที่ 14 - 26 มกราคม 2559');
    expect(whenTh('2015-12-15', '2015-12-15', true)).toBe('เมื่อวันที่ 15 ธันวาคม 2558');
    expect(whenTh('2015-12-15', '2015-12-15', false)).toBe('ในวันที่ 15 ธันวาคม 2558');
  });
});

describe("the seed's sentences", () => {
  const visit = { ownerTh: UN1, committee: 'อ.ก.บ.ก. ด้านติดตามฯ', provinces: FOUR, startDate: '2016-01-14', endDate: '2016-01-26', visitedCount: 3 };

  it('the monitoring visit (scheduled), exactly as the seed', () => {
    expect(visitSentence(visit, false, THAI)).toBe(seedLine('กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่'));
    expect(visitSentence(visit, false, THAI)).toBe(
      'กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙',
    );
  });

  it('the seminar (held), exactly as the seed', () => {
    expect(eventSentence(facts(DEMO_SEMINAR, false, []), true, THAI)).toBe(seedLine('เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM'));
  });

  it('the training (scheduled): the seed with the cluster named in full ("…ตอนบน ๑"; the seed wrote "…ตอนบน", which names no cluster)', () => {
    const seed = seedLine('กำหนดการลงพื้นที่อบรม');
    expect(seed).toContain('จังหวัดในกลุ่มจังหวัดภาคเหนือตอนบน ระหว่างวันที่');
    expect(eventSentence(facts(DEMO_TRAINING, true, FOUR), false, THAI)).toBe(
      seed.replace('ในกลุ่มจังหวัดภาคเหนือตอนบน ระหว่าง', 'ในกลุ่มจังหวัดภาคเหนือตอนบน ๑ ระหว่าง'),
    );
  });

  it('in Arabic digits, codes and names kept', () => {
    expect(visitSentence(visit, false, { thaiDigits: false })).toBe(
      'กลุ่มจังหวัดภาคเหนือตอนบน 1 ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ 4 จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน) ระหว่างวันที่ 14 - 26 มกราคม 2559',
    );
  });
});

describe('other wordings', () => {
  it('a visit once held says how many projects were visited; one province is named alone', () => {
    const v = {
      ownerTh: 'จังหวัดเชียงใหม่',
      committee: 'คณะทำงานติดตาม',
      provinces: ['เชียงใหม่'],
      startDate: '2016-03-01',
      endDate: '2016-03-01',
      visitedCount: 2,
    };
    expect(visitSentence(v, true, THAI)).toBe(
      'จังหวัดเชียงใหม่ ได้ลงพื้นที่ติดตามและประเมินผลโครงการจังหวัดเชียงใหม่ โดยคณะทำงานติดตาม ในพื้นที่จังหวัดเชียงใหม่ เมื่อวันที่ ๑ มีนาคม ๒๕๕๙ จำนวน ๒ โครงการ',
    );
  });
  it('a held training over some provinces with speakers but no chair, attendance counted; a scheduled one-day workshop with its time', () => {
    const training: EventFacts = {
      ...facts(DEMO_TRAINING, false, ['ลำปาง', 'ลำพูน']),
      organizer: '',
      speakers: [{ name: 'นางสาวตัวอย่าง ใจดี', position: 'นักวิเคราะห์นโยบายและแผน' }],
      invitedGroups: [{ name: 'เจ้าหน้าที่การเงิน' }, { name: 'เจ้าหน้าที่พัสดุ' }],
      attendance: 85,
    };
    expect(eventSentence(training, true, THAI)).toBe(
      'ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙ กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้มีการอบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ โดยมีนางสาวตัวอย่าง ใจดี นักวิเคราะห์นโยบายและแผน เป็นวิทยากร ซึ่งได้เชิญเจ้าหน้าที่การเงิน และเจ้าหน้าที่พัสดุ เข้าร่วมการอบรมครั้งนี้ด้วย มีผู้เข้าร่วมทั้งสิ้น ๘๕ คน',
    );
    expect(eventSentence(training, false, THAI)).toBe(
      'กำหนดการลงพื้นที่อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ในพื้นที่ ๒ จังหวัด (ลำปาง และลำพูน) ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙',
    );
    const workshop: EventFacts = {
      ...training,
      kind: 'workshop',
      title: 'ประชุมเชิงปฏิบัติการจัดทำแผน',
      provinces: ['เชียงใหม่'],
      startDate: '2016-03-08',
      endDate: '2016-03-08',
      startTime: '09:30',
    };
    expect(eventSentence(workshop, false, THAI)).toBe('กำหนดการประชุมเชิงปฏิบัติการจัดทำแผน ในพื้นที่จังหวัดเชียงใหม่ ในวันที่ ๘ มีนาคม ๒๕๕๙ เวลา ๐๙.๓๐ น.');
  });
});

describe('rules', () => {
  it('the weekday is derived: 2 January 2016 was a Saturday (the seed printed Wednesday), 6 January a Wednesday', () => {
    expect(weekdayOf('2016-01-02')).toBe('saturday');
    expect(weekdayOf('2016-01-06')).toBe('wednesday');
    expect(weekdayOf('2015-12-15')).toBe('tuesday');
  });
  it('Thai lists as the seed writes them', () => {
    expect(thaiList([])).toBe('');
    expect(thaiList(['ก'])).toBe('ก');
    expect(thaiList(['ก', 'ข'])).toBe('ก และข');
    expect(thaiList(['ลำไย', 'กระเทียม', 'ถั่วเหลือง'])).toBe('ลำไย, กระเทียม และถั่วเหลือง');
    expect(personTh({ name: 'นายฤกษ์ ธนาวณิช', position: null })).toBe('นายฤกษ์ ธนาวณิช');
  });
  it("the groups' attendance may not add up to more than the event's", () => {
    const groups = [
      { name: 'ก', attended: 40 },
      { name: 'ข', attended: null },
      { name: 'ค', attended: 45 },
    ];
    expect(attendanceProblem(85, groups)).toBeNull();
    expect(attendanceProblem(null, groups)).toBeNull();
    expect(attendanceProblem(84, groups)).toBe("the invited groups' attendance adds up to 85, more than the event's attendance 84");
  });
});
