/**
 * Demo data of monitoring visits: the seed's visit of the monitoring sub-committee (อ.ก.บ.ก.
 * ด้านติดตามฯ) to the 4 provinces, 14–26 January 2559. The projects visited, the findings,
 * recommendations and follow-ups are illustrative (the seed does not give them) and say so.
 * Loaded through the same domain functions as every other write, inside the demo's transaction.
 */
import type { Db, Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { addFollowUp, addRecommendation, createVisit, recordVisitResult } from './monitoring.service.ts';

const MARK = ' (ข้อมูลตัวอย่าง)';

/** A Db whose transactions are the caller's open transaction: the domain functions join it. */
export function joinTransaction(tx: Queryable, kind: Db['kind'] = 'pglite'): Db {
  return {
    kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    close: async () => {},
  };
}

export const DEMO_VISIT = {
  owner: 'upper-north-1',
  fiscalYear: 2559,
  committee: 'อ.ก.บ.ก. ด้านติดตามฯ',
  title: 'ลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1',
  startDate: '2016-01-14',
  endDate: '2016-01-26',
  provinces: ['50', '52', '51', '58'],
  projects: ['UN1-2559-01', 'UN1-2559-03', 'UN1-2559-05'],
};

/** Illustrative results: [project, visited on, findings, recommendations with their follow-ups]. */
const RESULTS: {
  project: string;
  visitedOn: string;
  findings: string[];
  recommendations: {
    text: string;
    responsible: string;
    dueDate: string;
    followUps: { date: string; note: string; status?: 'in_progress' | 'closed' }[];
  }[];
}[] = [
  {
    project: 'UN1-2559-01',
    visitedOn: '2016-01-14',
    findings: ['ป้ายสื่อความหมายเส้นทางท่องเที่ยวยังติดตั้งไม่ครบทุกจุด' + MARK],
    recommendations: [
      {
        text: 'เร่งติดตั้งป้ายสื่อความหมายให้ครบก่อนฤดูท่องเที่ยว' + MARK,
        responsible: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่',
        dueDate: '2016-02-29',
        followUps: [
          { date: '2016-02-15', note: 'ติดตั้งแล้ว 12 จาก 20 จุด' + MARK, status: 'in_progress' },
          { date: '2016-03-10', note: 'ติดตั้งครบทุกจุดแล้ว' + MARK, status: 'closed' },
        ],
      },
    ],
  },
  {
    project: 'UN1-2559-03',
    visitedOn: '2016-01-19',
    findings: ['เกษตรกรเข้าร่วมอบรมน้อยกว่าเป้าหมาย' + MARK, 'แปลงสาธิตยังไม่ได้ติดตั้งระบบน้ำ' + MARK],
    recommendations: [
      {
        text: 'ประสานผู้นำชุมชนเพื่อเพิ่มจำนวนเกษตรกรที่เข้าร่วม' + MARK,
        responsible: 'สำนักงานเกษตรจังหวัดลำพูน',
        dueDate: '2016-03-31',
        followUps: [{ date: '2016-03-01', note: 'จัดประชุมชี้แจงในพื้นที่แล้ว 3 อำเภอ' + MARK, status: 'in_progress' }],
      },
      {
        text: 'ติดตั้งระบบน้ำในแปลงสาธิตให้แล้วเสร็จ' + MARK,
        responsible: 'สำนักงานเกษตรจังหวัดลำพูน',
        dueDate: '2016-02-15',
        followUps: [],
      },
    ],
  },
  {
    project: 'UN1-2559-05',
    visitedOn: '2016-01-26',
    findings: ['การก่อสร้างลานจอดรถล่าช้ากว่าแผนเนื่องจากสภาพอากาศ' + MARK],
    recommendations: [
      {
        text: 'ปรับแผนการดำเนินงานและรายงานความก้าวหน้าทุกเดือน' + MARK,
        responsible: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดแม่ฮ่องสอน',
        dueDate: '2016-04-30',
        followUps: [],
      },
    ],
  },
];

export async function loadMonitoringDemo(tx: Queryable, actor: Actor): Promise<void> {
  const ctx = { db: joinTransaction(tx), actor };
  const visit = await createVisit(ctx, DEMO_VISIT);
  for (const r of RESULTS) {
    await recordVisitResult(ctx, visit.id, r.project, { visitedOn: r.visitedOn, findings: r.findings });
    for (const rec of r.recommendations) {
      const made = await addRecommendation(ctx, visit.id, r.project, rec);
      for (const f of rec.followUps) await addFollowUp(ctx, made.id, f);
    }
  }
}
