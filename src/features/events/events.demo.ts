/**
 * Demo data of events, as the seed gives them: the training on PADME and USD in the 4 provinces
 * (22 January – 5 February 2559) and the workshop seminar of 15 December 2558 with its chair,
 * speakers and invited groups. Loaded through the domain functions inside the demo's transaction.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { joinTransaction } from '../monitoring/monitoring.demo.ts';
import { createEvent } from './events.service.ts';
import type { EventInput } from './events.schema.ts';

export const DEMO_TRAINING: EventInput = {
  owner: 'upper-north-1',
  kind: 'training',
  title: 'อบรมการใช้งานระบบ PADME และ USD ประจำปีงบประมาณ พ.ศ. 2559',
  organizer: 'OSM',
  startDate: '2016-01-22',
  endDate: '2016-02-05',
  startTime: null,
  venues: [],
  provinces: ['50', '52', '51', '58'],
  chair: null,
  speakers: [],
  invitedGroups: [],
  attendance: null,
  note: '',
};

export const DEMO_SEMINAR: EventInput = {
  owner: 'upper-north-1',
  kind: 'seminar',
  title: 'สัมมนาเชิงปฏิบัติการแนวทางการดำเนินโครงการและการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 ประจำปีงบประมาณ พ.ศ. 2559',
  organizer: 'OSM',
  startDate: '2015-12-15',
  endDate: '2015-12-15',
  startTime: null,
  venues: [],
  provinces: [],
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
  attendance: null,
  note: '',
};

export async function loadEventsDemo(tx: Queryable, actor: Actor): Promise<void> {
  const ctx = { db: joinTransaction(tx), actor };
  await createEvent(ctx, DEMO_TRAINING);
  await createEvent(ctx, DEMO_SEMINAR);
}
