/**
 * The seed's meeting 12/2558 of the Upper Northern Cluster 1 (December B.E. 2558), with its venues,
 * purposes and agenda exactly as the seed gives them. The seed prints "วันพุธที่ ๒ มกราคม ๒๕๕๙" but
 * 2 January 2016 was a Saturday: the demo holds Wednesday 6 January 2016, the day after the data
 * cut-off of 5 January, the likely date (the weekday is derived, never stored). The computed
 * blocks read the demo's illustrative projects, ledger, indicators, visits and events.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { insertAgendaItem, insertMeeting } from './meetings.service.ts';
import type { AgendaItemInput, MeetingInput } from './meetings.schema.ts';

export const DEMO_MEETING: MeetingInput = {
  owner: 'upper-north-1',
  no: 12,
  year: 2558,
  month: '2015-12',
  date: '2016-01-06',
  startTime: '09:00',
  cutOff: '2016-01-05',
  venues: ['ศาลากลางจังหวัดเชียงใหม่', 'ศาลากลางจังหวัดลำปาง', 'ศาลากลางจังหวัดลำพูน', 'ศาลากลางจังหวัดแม่ฮ่องสอน'],
  organizer: 'สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1 (OSM)',
  purposes: [
    'ติดตามผลการดำเนินงานของ OSM',
    'ความก้าวหน้าการดำเนินงานโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1',
    'การขับเคลื่อนของคณะทำงานขับเคลื่อนการบริหารงานกลุ่มจังหวัดแบบบูรณาการ (Cluster) ของทั้ง 4 จังหวัด',
    'รวมถึงการใช้งานโปรแกรมระบบติดตามประเมินผลแผนงานโครงการตามแผนปฏิบัติราชการประจำปีของจังหวัดและกลุ่มจังหวัด (PADME)',
    'และรับทราบถึงปัญหา อุปสรรคการขับเคลื่อนการทำงาน และการดำเนินงานโครงการในปีงบประมาณ พ.ศ. 2559',
  ],
  note: 'วันที่ประชุม: เอกสารต้นฉบับพิมพ์ "วันพุธที่ ๒ มกราคม ๒๕๕๙" แต่วันที่ ๒ มกราคม ๒๕๕๙ เป็นวันเสาร์ จึงใช้วันพุธที่ ๖ มกราคม ๒๕๕๙ (วันถัดจากวันที่ข้อมูล ๕ มกราคม ๒๕๕๙) (ข้อมูลตัวอย่าง)',
};

/** The seed's agenda: three divisions, six ❖ topics, every item a block computed as of 5 January 2016. */
export const DEMO_AGENDA: AgendaItemInput[] = [
  { division: 'strategy', topic: 'ความก้าวหน้าการดำเนินโครงการฯ ประจำปีงบประมาณ พ.ศ. 2559', items: [{ kind: 'approval', fiscalYear: 2559 }] },
  {
    division: 'strategy',
    topic: 'ตัวชี้วัดของกลุ่มจังหวัดภาคเหนือตอนบน 1',
    items: [{ kind: 'indicators', fiscalYear: 2559, setBy: 'สำนักงาน ก.พ.ร.', requestedBy: 'OSM' }],
  },
  {
    division: 'monitoring',
    topic: 'การประชุม อ.ก.บ.ก. ด้านติดตามฯ',
    items: [{ kind: 'monitoring', from: '2016-01-01', to: '2016-01-31', include: 'visits' }],
  },
  {
    division: 'monitoring',
    topic: 'การลงพื้นที่อบรมการใช้งานระบบ PADME และ USD',
    items: [{ kind: 'monitoring', from: '2016-01-01', to: '2016-02-29', include: 'trainings' }],
  },
  { division: 'monitoring', topic: 'ความก้าวหน้าการใช้งานระบบ PADME ประจำปีงบประมาณ พ.ศ. 2558', items: [{ kind: 'previousYear', fiscalYear: 2558 }] },
  {
    division: 'administration',
    topic: 'ความก้าวหน้าการเบิกจ่ายงบประมาณ',
    items: [
      { kind: 'disbursement', fiscalYear: 2559 },
      { kind: 'eventsHeld', from: '2015-12-01', to: '2015-12-31' },
    ],
  },
];

export async function loadMeetingsDemo(tx: Queryable, actor: Actor): Promise<void> {
  const m = await insertMeeting(tx, actor, DEMO_MEETING);
  for (const item of DEMO_AGENDA) await insertAgendaItem(tx, actor, m.id, item);
}
