/**
 * The seed's indicators: the OPDC (สำนักงาน ก.พ.ร.) drafted three indicators for the performance
 * agreement of the Upper Northern Cluster 1 for FY 2559 (the cluster's tourism revenue; the value
 * of key agricultural products: longan, garlic and soybean; air quality), and the cluster asked to
 * change the agricultural one because none of its projects supports garlic or soybean.
 *
 * What the seed says: the three indicators, their names, the agreement being a draft, the change
 * request and its reason. Everything else is illustrative and marked so: units, weights,
 * baselines, scales, targets, results, dates, and the shares of the projects linked (the demo
 * projects of src/features/demo/demo.data.ts that support tourism, longan and air quality).
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { parseDec } from './indicators.rules.ts';
import { applyLinks, applyResult, insertChangeRequest, insertIndicator } from './indicators.service.ts';
import { findIndicator } from './indicators.queries.ts';

export const ILLUSTRATIVE = 'ข้อมูลตัวอย่าง (illustrative)';
const OWNER = 'upper-north-1';
const FY = 2559;

const d = (s: string) => parseDec(s)!;
const scale = (...levels: string[]) => ({ levels: levels.map(d), below: 0n, above: d('5') });

interface DemoIndicator {
  code: string;
  nameTh: string;
  unit: string;
  direction: 'higher' | 'lower';
  weight: string;
  baseline: string;
  dataSource: string;
  components: { key: string; nameTh: string }[];
  levels: string[];
  targets: { component?: string; period: string; value: string }[];
  results: { component?: string; period: string; value: string; date: string }[];
  links: { project: string; component?: string; share: string }[];
}

export const DEMO_INDICATORS: DemoIndicator[] = [
  {
    code: 'KPI-1',
    nameTh: 'รายได้จากการท่องเที่ยวของกลุ่มจังหวัด',
    unit: 'ล้านบาท',
    direction: 'higher',
    weight: '40',
    baseline: '85000',
    dataSource: `กรมการท่องเที่ยว; ค่าฐาน เกณฑ์ และค่าเป้าหมาย: ${ILLUSTRATIVE}`,
    components: [],
    levels: ['85000', '87500', '90000', '92500', '95000'],
    targets: [
      { period: 'annual', value: '90000' },
      { period: 'Q1', value: '22000' },
      { period: 'Q2', value: '45000' },
      { period: 'Q3', value: '67000' },
    ],
    results: [{ period: 'Q1', value: '21500', date: '2016-01-04' }],
    links: [
      { project: 'UN1-2559-01', share: '100' },
      { project: 'UN1-2559-02', share: '100' },
      { project: 'UN1-2559-05', share: '100' },
      { project: 'UN1-2559-07', share: '50' },
      { project: 'UN1-2559-10', share: '100' },
      { project: 'UN1-2559-14', share: '100' },
    ],
  },
  {
    code: 'KPI-2',
    nameTh: 'มูลค่าผลผลิตทางการเกษตรสำคัญ',
    unit: 'ล้านบาท',
    direction: 'higher',
    weight: '30',
    baseline: '9800',
    dataSource: `สำนักงานเศรษฐกิจการเกษตร; ค่าฐาน เกณฑ์ และค่าเป้าหมาย: ${ILLUSTRATIVE}`,
    components: [
      { key: 'longan', nameTh: 'ลำไย' },
      { key: 'garlic', nameTh: 'กระเทียม' },
      { key: 'soybean', nameTh: 'ถั่วเหลือง' },
    ],
    levels: ['9500', '10000', '10500', '11000', '11500'],
    targets: [
      { period: 'annual', value: '10500' },
      { component: 'longan', period: 'annual', value: '9000' },
      { component: 'garlic', period: 'annual', value: '1200' },
      { component: 'soybean', period: 'annual', value: '300' },
    ],
    results: [],
    links: [
      { project: 'UN1-2559-03', component: 'longan', share: '100' },
      { project: 'UN1-2559-06', component: 'longan', share: '100' },
    ],
  },
  {
    code: 'KPI-3',
    nameTh: 'คุณภาพอากาศ',
    unit: 'วัน',
    direction: 'lower',
    weight: '30',
    baseline: '45',
    dataSource: `กรมควบคุมมลพิษ (จำนวนวันที่ค่าฝุ่นละออง PM10 เกินค่ามาตรฐาน); ค่าฐาน เกณฑ์ และค่าเป้าหมาย: ${ILLUSTRATIVE}`,
    components: [],
    levels: ['45', '40', '35', '30', '25'],
    targets: [
      { period: 'annual', value: '35' },
      { period: 'Q1', value: '12' },
    ],
    results: [{ period: 'Q1', value: '9', date: '2016-01-05' }],
    links: [
      { project: 'UN1-2559-04', share: '100' },
      { project: 'UN1-2559-08', share: '100' },
      { project: 'UN1-2559-12', share: '100' },
    ],
  },
];

/** The cluster's change request on the agricultural indicator (the seed's reason; the proposal and its date are illustrative). */
export const DEMO_CHANGE_REQUEST = {
  indicator: 'KPI-2',
  nameTh: 'มูลค่าผลผลิตลำไย',
  components: [{ key: 'longan', nameTh: 'ลำไย' }],
  targets: [{ period: 'annual', value: '9500' }],
  reason: 'กลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง',
  requestedOn: '2015-12-28',
};

/** Loads the demo indicators (a draft agreement drafted on 1 December 2015), their links, results and the change request. */
export async function loadIndicatorDemo(tx: Queryable, actor: Actor): Promise<void> {
  const ids = new Map<string, bigint>();
  for (const x of DEMO_INDICATORS) {
    const ind = await insertIndicator(
      tx,
      actor,
      {
        owner: OWNER,
        fiscalYear: FY,
        code: x.code,
        nameTh: x.nameTh,
        unit: x.unit,
        direction: x.direction,
        weight: d(x.weight),
        baseline: d(x.baseline),
        dataSource: x.dataSource,
        components: x.components,
        scale: scale(...x.levels),
        targets: x.targets.map((t) => ({ ...t, value: d(t.value) })),
      },
      { draftedOn: '2015-12-01' },
    );
    const id = BigInt(ind.id);
    ids.set(x.code, id);
    await applyLinks(tx, actor, id, {
      links: x.links.map((l) => ({ ...l, share: d(l.share) / 100n })),
      reason: ILLUSTRATIVE,
    });
    for (const r of x.results) {
      const row = (await findIndicator(tx, id, true))!;
      await applyResult(tx, actor, row, r.period, {
        component: r.component,
        value: d(r.value),
        date: r.date,
        source: ILLUSTRATIVE,
        evidenceUrl: null,
      });
    }
  }
  const cr = DEMO_CHANGE_REQUEST;
  await insertChangeRequest(tx, actor, ids.get(cr.indicator)!, {
    kind: 'change',
    nameTh: cr.nameTh,
    components: cr.components,
    targets: cr.targets.map((t) => ({ ...t, value: d(t.value) })),
    reason: cr.reason,
    requestedOn: cr.requestedOn,
  });
}
