/**
 * The demo data: the Upper Northern Cluster 1 of the seed meeting report (no. 12/2558).
 *
 * FACTS FROM THE SEED (must hold exactly):
 * - FY 2559: 15 projects, 14 approved and 1 being revised (the one the seed names); budgets total
 *   359,420,700.00 baht; 1,421,593.29 disbursed by 5 Jan 2559 (0.40 %, remaining 99.60 %).
 * - FY 2558: 12 projects, 8 completed; 205,973,814.96 disbursed (72.32 %); 7th of 18 clusters.
 *
 * ILLUSTRATIVE (chosen so that the facts come out exactly; not from the seed): every project
 * name but the one the seed names, every project's budget, agency, dates and single payments,
 * the FY 2558 budget (284,810,000.00), and all figures of the other 17 clusters and of provinces.
 */
import type { ProjectStatus } from '../projects/project.status.ts';
import type { Role } from '../../core/context.ts';

export interface DemoPayment {
  date: string;
  amount: string;
  ref: string;
}

export interface DemoProject {
  code: string;
  fiscalYear: number;
  owner: string;
  nameTh: string;
  agency: string;
  budget: string;
  /** Status changes after 'proposed' (on proposedOn), with their dates. */
  proposedOn: string;
  statuses: [ProjectStatus, string][];
  payments: DemoPayment[];
}

const UN1 = 'upper-north-1';
const approvedFy59: [ProjectStatus, string][] = [['approved', '2015-10-15']];

/** FY 2559 of the Upper Northern Cluster 1: 15 projects, 359,420,700.00 baht. */
export const FY2559_UPPER_NORTH_1: DemoProject[] = [
  {
    code: 'UN1-2559-01',
    nameTh: 'โครงการพัฒนาเส้นทางท่องเที่ยวเชิงวัฒนธรรมล้านนา',
    agency: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่',
    budget: '45000000.00',
    payments: [
      { date: '2015-11-20', amount: '350000.00', ref: 'GF59-0101' },
      { date: '2015-12-18', amount: '212450.50', ref: 'GF59-0102' },
    ],
  },
  {
    code: 'UN1-2559-02',
    nameTh: 'โครงการส่งเสริมการตลาดท่องเที่ยวกลุ่มจังหวัดภาคเหนือตอนบน 1',
    agency: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำปาง',
    budget: '38500000.00',
    payments: [{ date: '2016-01-20', amount: '500000.00', ref: 'GF59-0201' }],
  },
  {
    code: 'UN1-2559-03',
    nameTh: 'โครงการเพิ่มประสิทธิภาพการผลิตลำไยคุณภาพเพื่อการส่งออก',
    agency: 'สำนักงานเกษตรจังหวัดลำพูน',
    budget: '32750000.00',
    payments: [{ date: '2015-12-10', amount: '298760.00', ref: 'GF59-0301' }],
  },
  {
    code: 'UN1-2559-04',
    nameTh: 'โครงการแก้ไขปัญหาหมอกควันและไฟป่าอย่างยั่งยืน',
    agency: 'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดเชียงใหม่',
    budget: '29800000.00',
    payments: [],
  },
  {
    code: 'UN1-2559-05',
    nameTh: 'โครงการพัฒนาแหล่งท่องเที่ยวเชิงธรรมชาติจังหวัดแม่ฮ่องสอน',
    agency: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดแม่ฮ่องสอน',
    budget: '27400000.00',
    payments: [{ date: '2015-12-25', amount: '185382.79', ref: 'GF59-0501' }],
  },
  { code: 'UN1-2559-06', nameTh: 'โครงการแปรรูปลำไยเพื่อเพิ่มมูลค่า', agency: 'สำนักงานพาณิชย์จังหวัดลำพูน', budget: '25000000.00', payments: [] },
  {
    code: 'UN1-2559-07',
    nameTh: 'โครงการพัฒนาถนนเชื่อมโยงแหล่งท่องเที่ยวจังหวัดลำปาง',
    agency: 'แขวงทางหลวงชนบทจังหวัดลำปาง',
    budget: '24320700.00',
    payments: [],
  },
  {
    code: 'UN1-2559-08',
    nameTh: 'โครงการเฝ้าระวังคุณภาพอากาศและสุขภาพประชาชน',
    agency: 'สำนักงานสาธารณสุขจังหวัดเชียงใหม่',
    budget: '22000000.00',
    payments: [{ date: '2016-01-04', amount: '375000.00', ref: 'GF59-0801' }],
  },
  {
    code: 'UN1-2559-09',
    nameTh: 'โครงการส่งเสริมหัตถกรรมและผลิตภัณฑ์ชุมชนล้านนา',
    agency: 'สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่',
    budget: '20650000.00',
    payments: [],
  },
  {
    code: 'UN1-2559-10',
    nameTh: 'โครงการพัฒนาศักยภาพผู้ประกอบการท่องเที่ยว',
    agency: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำพูน',
    budget: '18900000.00',
    payments: [],
  },
  { code: 'UN1-2559-11', nameTh: 'โครงการบริหารจัดการน้ำเพื่อการเกษตรลุ่มน้ำปิง', agency: 'โครงการชลประทานเชียงใหม่', budget: '17500000.00', payments: [] },
  { code: 'UN1-2559-12', nameTh: 'โครงการลดการเผาในพื้นที่เกษตรกรรม', agency: 'สำนักงานเกษตรจังหวัดแม่ฮ่องสอน', budget: '15000000.00', payments: [] },
  { code: 'UN1-2559-13', nameTh: 'โครงการพัฒนาระบบโลจิสติกส์สินค้าเกษตร', agency: 'สำนักงานพาณิชย์จังหวัดลำปาง', budget: '12000000.00', payments: [] },
  {
    code: 'UN1-2559-14',
    nameTh: 'โครงการส่งเสริมการท่องเที่ยวเชิงสุขภาพและสปาล้านนา',
    agency: 'สำนักงานสาธารณสุขจังหวัดลำปาง',
    budget: '10000000.00',
    payments: [],
  },
].map((p) => ({ ...p, fiscalYear: 2559, owner: UN1, proposedOn: '2015-08-01', statuses: approvedFy59 }));

/** The one project the seed names: being revised. */
FY2559_UPPER_NORTH_1.push({
  code: 'UN1-2559-15',
  fiscalYear: 2559,
  owner: UN1,
  nameTh: 'โครงการพัฒนาระบบโครงสร้างเมืองพื้นฐานและบริการสาธารณสุขรองรับการพัฒนาอย่างยั่งยืน',
  agency: 'สำนักงานโยธาธิการและผังเมืองจังหวัดเชียงใหม่',
  budget: '20600000.00',
  proposedOn: '2015-08-01',
  statuses: [['revising', '2015-11-30']],
  payments: [],
});

/** Splits a project's total disbursement into three dated payments (illustrative). */
function payments(prefix: string, total: string, dates: [string, string, string]): DemoPayment[] {
  const satang = BigInt(total.replace('.', ''));
  const first = (satang * 40n) / 100n;
  const second = (satang * 35n) / 100n;
  const parts = [first, second, satang - first - second];
  return parts.map((s, i) => ({ date: dates[i]!, amount: `${s / 100n}.${(s % 100n).toString().padStart(2, '0')}`, ref: `${prefix}-${i + 1}` }));
}

const fy58 = (
  code: string,
  nameTh: string,
  agency: string,
  budget: string,
  disbursed: string,
  statuses: [ProjectStatus, string][],
  dates: [string, string, string],
): DemoProject => ({
  code,
  fiscalYear: 2558,
  owner: UN1,
  nameTh,
  agency,
  budget,
  proposedOn: '2014-08-01',
  statuses,
  payments: payments(`GF58-${code.slice(-2)}`, disbursed, dates),
});

const completed = (on: string): [ProjectStatus, string][] => [
  ['approved', '2014-10-20'],
  ['in_progress', '2014-11-15'],
  ['completed', on],
];
const inProgress: [ProjectStatus, string][] = [
  ['approved', '2014-10-20'],
  ['in_progress', '2014-11-15'],
];
const Q = ['2015-01-15', '2015-05-20', '2015-09-10'] as [string, string, string];
const CARRY = ['2015-03-10', '2015-08-25', '2015-11-30'] as [string, string, string];

/** FY 2558 of the Upper Northern Cluster 1: 12 projects (8 completed), 284,810,000.00 baht. */
export const FY2558_UPPER_NORTH_1: DemoProject[] = [
  fy58(
    'UN1-2558-01',
    'โครงการพัฒนาแหล่งท่องเที่ยวเชิงประวัติศาสตร์เวียงกุมกาม',
    'สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่',
    '32000000.00',
    '32000000.00',
    completed('2015-09-25'),
    Q,
  ),
  fy58('UN1-2558-02', 'โครงการส่งเสริมการผลิตลำไยนอกฤดู', 'สำนักงานเกษตรจังหวัดลำพูน', '28500000.00', '28500000.00', completed('2015-09-28'), Q),
  fy58(
    'UN1-2558-03',
    'โครงการจัดการไฟป่าแบบมีส่วนร่วม',
    'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดลำปาง',
    '26000000.00',
    '26000000.00',
    completed('2015-09-20'),
    Q,
  ),
  fy58('UN1-2558-04', 'โครงการพัฒนาตลาดสินค้าเกษตรปลอดภัย', 'สำนักงานพาณิชย์จังหวัดเชียงใหม่', '24000000.00', '24000000.00', completed('2015-09-29'), Q),
  fy58(
    'UN1-2558-05',
    'โครงการพัฒนาเส้นทางจักรยานเชื่อมโยงแหล่งท่องเที่ยว',
    'สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำพูน',
    '21500000.00',
    '21500000.00',
    completed('2015-12-15'),
    CARRY,
  ),
  fy58(
    'UN1-2558-06',
    'โครงการยกระดับมาตรฐานที่พักโฮมสเตย์',
    'สำนักงานการท่องเที่ยวและกีฬาจังหวัดแม่ฮ่องสอน',
    '19000000.00',
    '19000000.00',
    completed('2015-09-18'),
    Q,
  ),
  fy58('UN1-2558-07', 'โครงการส่งเสริมเกษตรอินทรีย์', 'สำนักงานเกษตรจังหวัดแม่ฮ่องสอน', '17800000.00', '17800000.00', completed('2015-12-20'), CARRY),
  fy58('UN1-2558-08', 'โครงการพัฒนาศูนย์แสดงสินค้าหัตถกรรม', 'สำนักงานพัฒนาชุมชนจังหวัดลำปาง', '15000000.00', '15000000.00', completed('2015-09-15'), Q),
  fy58(
    'UN1-2558-09',
    'โครงการก่อสร้างระบบประปาหมู่บ้านในพื้นที่ท่องเที่ยว',
    'สำนักงานโยธาธิการและผังเมืองจังหวัดลำปาง',
    '40000000.00',
    '10000000.00',
    inProgress,
    CARRY,
  ),
  fy58('UN1-2558-10', 'โครงการปรับปรุงถนนสายท่องเที่ยวดอยอินทนนท์', 'แขวงทางหลวงชนบทจังหวัดเชียงใหม่', '30000000.00', '7500000.00', inProgress, CARRY),
  fy58('UN1-2558-11', 'โครงการพัฒนาระบบเตือนภัยหมอกควัน', 'สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงใหม่', '18510000.00', '3173814.96', inProgress, CARRY),
  fy58('UN1-2558-12', 'โครงการฝึกอบรมมัคคุเทศก์ท้องถิ่น', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำพูน', '12500000.00', '1500000.00', inProgress, CARRY),
];

/**
 * FY 2558 of the other 17 clusters (illustrative): budget and disbursement by 5 Jan 2559,
 * chosen so that 6 clusters are ahead of the Upper Northern Cluster 1 (72.32 %) and 11 behind.
 */
export const FY2558_OTHER_CLUSTERS: { owner: string; budget: string; disbursed: string }[] = [
  { owner: 'upper-central-1', budget: '301250000.00', disbursed: '265551875.00' }, // 88.15
  { owner: 'east', budget: '322400000.00', disbursed: '270880480.00' }, // 84.02
  { owner: 'south-andaman', budget: '298760000.00', disbursed: '240412172.00' }, // 80.47
  { owner: 'lower-central-2', budget: '276300000.00', disbursed: '215320590.00' }, // 77.93
  { owner: 'upper-northeast-1', budget: '345120000.00', disbursed: '260910720.00' }, // 75.60
  { owner: 'middle-central', budget: '264000000.00', disbursed: '193010400.00' }, // 73.11
  { owner: 'lower-north-1', budget: '310500000.00', disbursed: '223094250.00' }, // 71.85
  { owner: 'south-gulf', budget: '287900000.00', disbursed: '199802600.00' }, // 69.40
  { owner: 'lower-central-1', budget: '255600000.00', disbursed: '170536320.00' }, // 66.72
  { owner: 'central-northeast', budget: '333000000.00', disbursed: '213386400.00' }, // 64.08
  { owner: 'lower-northeast-1', budget: '356700000.00', disbursed: '219548850.00' }, // 61.55
  { owner: 'upper-north-2', budget: '289400000.00', disbursed: '170456600.00' }, // 58.90
  { owner: 'lower-northeast-2', budget: '318800000.00', disbursed: '176519560.00' }, // 55.37
  { owner: 'upper-central-2', budget: '270000000.00', disbursed: '138240000.00' }, // 51.20
  { owner: 'lower-north-2', budget: '295500000.00', disbursed: '140835300.00' }, // 47.66
  { owner: 'upper-northeast-2', budget: '249900000.00', disbursed: '107581950.00' }, // 43.05
  { owner: 'southern-border', budget: '362000000.00', disbursed: '140890400.00' }, // 38.92
];

/** Two projects per other cluster: the first takes 60 % of the budget, the second the rest. */
export function otherClusterProjects(): DemoProject[] {
  return FY2558_OTHER_CLUSTERS.flatMap((c, i) => {
    const budget = BigInt(c.budget.replace('.', ''));
    const disbursed = BigInt(c.disbursed.replace('.', ''));
    const b1 = (budget * 60n) / 100n;
    const d1 = (disbursed * b1) / budget;
    const fmt = (s: bigint) => `${s / 100n}.${(s % 100n).toString().padStart(2, '0')}`;
    const n = String(i + 1).padStart(2, '0');
    const mk = (k: number, b: bigint, d: bigint): DemoProject => ({
      code: `C${n}-2558-0${k}`,
      fiscalYear: 2558,
      owner: c.owner,
      nameTh: k === 1 ? 'โครงการพัฒนาเศรษฐกิจกลุ่มจังหวัด (ตัวอย่าง)' : 'โครงการพัฒนาคุณภาพชีวิตและสิ่งแวดล้อมกลุ่มจังหวัด (ตัวอย่าง)',
      agency: 'สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด',
      budget: fmt(b),
      proposedOn: '2014-08-01',
      statuses: inProgress,
      payments: payments(`GF58-C${n}${k}`, fmt(d), CARRY),
    });
    return [mk(1, b1, d1), mk(2, budget - b1, disbursed - d1)];
  });
}

/** A few FY 2559 projects of the cluster's four provinces (illustrative), for province dashboards. */
export const FY2559_PROVINCES: DemoProject[] = [
  {
    code: 'CM-2559-01',
    owner: '50',
    nameTh: 'โครงการพัฒนาคูเมืองเชียงใหม่เพื่อการท่องเที่ยว',
    agency: 'เทศบาลนครเชียงใหม่',
    budget: '12500000.00',
    payments: [{ date: '2015-12-01', amount: '1250000.00', ref: 'GF59-CM01' }],
  },
  {
    code: 'LP-2559-01',
    owner: '52',
    nameTh: 'โครงการส่งเสริมเซรามิกลำปาง',
    agency: 'สำนักงานอุตสาหกรรมจังหวัดลำปาง',
    budget: '8400000.00',
    payments: [{ date: '2015-11-25', amount: '420000.00', ref: 'GF59-LP01' }],
  },
  { code: 'LN-2559-01', owner: '51', nameTh: 'โครงการพัฒนาผ้าไหมยกดอกลำพูน', agency: 'สำนักงานพัฒนาชุมชนจังหวัดลำพูน', budget: '6300000.00', payments: [] },
  {
    code: 'MH-2559-01',
    owner: '58',
    nameTh: 'โครงการพัฒนาเส้นทางท่องเที่ยวปาย',
    agency: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดแม่ฮ่องสอน',
    budget: '5200000.00',
    payments: [{ date: '2015-12-22', amount: '780000.00', ref: 'GF59-MH01' }],
  },
].map((p) => ({ ...p, fiscalYear: 2559, proposedOn: '2015-08-01', statuses: approvedFy59 }));

export const ALL_DEMO_PROJECTS = (): DemoProject[] => [
  ...FY2559_UPPER_NORTH_1,
  ...FY2558_UPPER_NORTH_1,
  ...otherClusterProjects(),
  ...FY2559_PROVINCES,
];

/** Demo accounts of every role (passwords are generated at load and printed once). */
export const DEMO_USERS: { username: string; displayName: string; role: Role; scope?: string; projects?: string[] }[] = [
  { username: 'admin', displayName: 'ผู้ดูแลระบบ (ตัวอย่าง)', role: 'admin' },
  { username: 'officer-un1', displayName: 'เจ้าหน้าที่ OSM ภาคเหนือตอนบน 1 (ตัวอย่าง)', role: 'cluster_officer', scope: 'upper-north-1' },
  { username: 'officer-cm', displayName: 'เจ้าหน้าที่จังหวัดเชียงใหม่ (ตัวอย่าง)', role: 'province_officer', scope: '50' },
  { username: 'reporter', displayName: 'ผู้รายงานของหน่วยงาน (ตัวอย่าง)', role: 'agency_reporter', projects: ['UN1-2559-01', 'UN1-2559-03'] },
  { username: 'committee-un1', displayName: 'กรรมการ อ.ก.บ.ก. ด้านติดตามฯ (ตัวอย่าง)', role: 'committee_member', scope: 'upper-north-1' },
  { username: 'viewer', displayName: 'ผู้ชม (ตัวอย่าง)', role: 'viewer' },
];

/**
 * PROGRESS OF FY 2559 (ILLUSTRATIVE: none of it is in the seed). Budget lines by category of two
 * projects, commitments (contracts and purchase orders) some of the seed's payments are paid
 * against, a spending plan for each approved project, and the cabinet's quarterly targets. None
 * of it changes a disbursement, so the seed's figures (1,421,593.29 = 0.40 % as of 5 Jan 2559)
 * stay exactly as they are.
 */
export interface DemoCommitment {
  number: string;
  kind: 'contract' | 'purchase_order';
  date: string;
  vendor: string;
  amount: string;
  category: 'operating' | 'investment' | 'other';
}

export interface DemoProgress {
  /** budget lines by category, summing to the project's budget (none: all operating) */
  lines?: { category: 'operating' | 'investment' | 'other'; amount: string }[];
  commitments?: DemoCommitment[];
  /** payments (by ref) and the category and commitment they are of */
  payments?: Record<string, { category?: 'operating' | 'investment' | 'other'; commitment?: string }>;
}

export const FY2559_PROGRESS: Record<string, DemoProgress> = {
  'UN1-2559-03': {
    commitments: [
      {
        number: 'ใบสั่งซื้อ 59-03/001',
        kind: 'purchase_order',
        date: '2015-11-25',
        vendor: 'ห้างหุ้นส่วนจำกัด ลำไยทอง (ตัวอย่าง)',
        amount: '1200000.00',
        category: 'operating',
      },
    ],
    payments: { 'GF59-0301': { commitment: 'ใบสั่งซื้อ 59-03/001' } },
  },
  'UN1-2559-05': {
    lines: [
      { category: 'operating', amount: '7400000.00' },
      { category: 'investment', amount: '20000000.00' },
    ],
    commitments: [
      {
        number: 'สญ.59-05/001',
        kind: 'contract',
        date: '2015-12-01',
        vendor: 'บริษัท แม่ฮ่องสอนก่อสร้าง จำกัด (ตัวอย่าง)',
        amount: '3500000.00',
        category: 'investment',
      },
    ],
    payments: { 'GF59-0501': { commitment: 'สญ.59-05/001' } },
  },
  'UN1-2559-07': {
    lines: [{ category: 'investment', amount: '24320700.00' }],
    commitments: [
      {
        number: 'สญ.59-07/001',
        kind: 'contract',
        date: '2015-12-20',
        vendor: 'บริษัท ทางหลวงเหนือ จำกัด (ตัวอย่าง)',
        amount: '20000000.00',
        category: 'investment',
      },
    ],
  },
  'UN1-2559-08': {
    commitments: [
      {
        number: 'ใบสั่งซื้อ 59-08/001',
        kind: 'purchase_order',
        date: '2015-12-15',
        vendor: 'บริษัท เครื่องมือวัดคุณภาพอากาศ จำกัด (ตัวอย่าง)',
        amount: '900000.00',
        category: 'operating',
      },
    ],
    payments: { 'GF59-0801': { commitment: 'ใบสั่งซื้อ 59-08/001' } },
  },
};

/** Share of each line planned for each month of FY 2559 (Oct ... Sep), in percent: 100 in all (illustrative). */
export const DEMO_PLAN_MONTHLY_PERCENT = [0, 1, 2, 5, 8, 12, 12, 12, 12, 12, 12, 12] as const;
/** Planned physical progress at the end of each month of FY 2559, cumulative percent (illustrative). */
export const DEMO_PLAN_PHYSICAL_PERCENT = [0, 5, 10, 15, 25, 35, 45, 55, 65, 75, 85, 100] as const;

/** The cabinet's cumulative disbursement targets for FY 2559 at the end of each quarter (illustrative). */
export const DEMO_TARGETS_2559: { quarter: number; category: 'all' | 'investment'; percent: string }[] = [
  { quarter: 1, category: 'all', percent: '30' },
  { quarter: 2, category: 'all', percent: '52' },
  { quarter: 3, category: 'all', percent: '74' },
  { quarter: 4, category: 'all', percent: '96' },
  { quarter: 1, category: 'investment', percent: '20' },
  { quarter: 2, category: 'investment', percent: '45' },
  { quarter: 3, category: 'investment', percent: '65' },
  { quarter: 4, category: 'investment', percent: '87' },
];

/**
 * MONTHLY PROGRESS REPORTS OF FY 2559 (ILLUSTRATIVE: the seed has none of this text; it only says
 * the meeting heard the "problems and obstacles in fiscal year 2559"). Consistent with the seed's
 * figures as of 5 Jan 2559: 0.40 % disbursed, so most projects are still procuring (TOR, e-GP
 * bidding, contracts); the physical progress stays near the demo plan (5 % at the end of November,
 * 10 % at the end of December). Reports are due from December 2558 (reportsDueFrom), so that as
 * of 5 Jan 2559 the overdue list holds December for UN1-2559-03 (returned), -06 and -12 (none)
 * and -10 (a draft only); UN1-2559-02 is submitted and awaits review.
 * Submitted by the demo agency reporter on its projects (-01, -03) and by the loader ("demo") on
 * the others; reviewed by the cluster officer.
 */
export const DEMO_REPORTS_DUE_FROM = '2015-12';

export interface DemoProgressReport {
  project: string;
  month: string;
  percent: string;
  done: string;
  obstacles: string;
  solutions: string;
  helpRequested: string;
  outcome: 'draft' | 'submitted' | 'accepted' | 'returned';
  returnReason?: string;
}

const NONE = 'ไม่มี';

export const DEMO_PROGRESS_REPORTS: DemoProgressReport[] = [
  {
    project: 'UN1-2559-01',
    month: '2015-10',
    percent: '2',
    done: 'ประชุมคณะทำงานกำหนดเส้นทางท่องเที่ยว ๓ เส้นทาง สำรวจชุมชนเป้าหมาย ๑๒ ชุมชน',
    obstacles: 'ได้รับจัดสรรงบประมาณล่าช้า ยังไม่สามารถก่อหนี้ผูกพันได้',
    solutions: 'จัดทำร่างขอบเขตงาน (TOR) ไว้ล่วงหน้า',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-01',
    month: '2015-11',
    percent: '6',
    done: 'จัดทำป้ายสื่อความหมายแล้ว ๑๒ จุด เบิกจ่ายงวดที่ ๑',
    obstacles: 'ผู้ประกอบการในพื้นที่เสนอราคาน้อยราย',
    solutions: 'ประชาสัมพันธ์การจัดซื้อจัดจ้างผ่านหอการค้าจังหวัด',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-01',
    month: '2015-12',
    percent: '12',
    done: 'จัดกิจกรรมนำร่องเส้นทางวัฒนธรรมล้านนา ๑ ครั้ง ผู้เข้าร่วม ๒๕๐ คน เบิกจ่ายงวดที่ ๒',
    obstacles: 'ช่วงเทศกาลปีใหม่ชุมชนมีภารกิจมาก เลื่อนการอบรมมัคคุเทศก์ท้องถิ่น',
    solutions: 'เลื่อนการอบรมไปเดือนมกราคม ๒๕๕๙',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-02',
    month: '2015-12',
    percent: '6',
    done: 'จัดทำแผนการตลาดและร่างขอบเขตงานจ้างประชาสัมพันธ์แล้วเสร็จ',
    obstacles: 'ขอบเขตงานจ้างต้องปรับแก้ตามข้อสังเกตของคณะกรรมการ ทำให้ประกาศประกวดราคาทางระบบ e-GP ล่าช้า',
    solutions: 'ประกาศประกวดราคาภายในเดือนมกราคม ๒๕๕๙ และเร่งรัดการทำสัญญา',
    helpRequested: 'ขอให้สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดช่วยประสานการพิจารณาขอบเขตงาน',
    outcome: 'submitted',
  },
  {
    project: 'UN1-2559-03',
    month: '2015-11',
    percent: '4',
    done: 'คัดเลือกเกษตรกรผู้ปลูกลำไยเข้าร่วมโครงการ ๔๐๐ ราย',
    obstacles: 'ราคาปัจจัยการผลิตสูงกว่าราคากลาง',
    solutions: 'ปรับแผนการจัดซื้อตามราคาตลาดและขอความเห็นชอบคณะกรรมการ',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-03',
    month: '2015-12',
    percent: '20',
    done: 'ส่งมอบปัจจัยการผลิตงวดที่ ๑ ตามใบสั่งซื้อ',
    obstacles: 'ฝนทิ้งช่วง ผลผลิตลำไยนอกฤดูออกดอกน้อย',
    solutions: 'ส่งเสริมการให้น้ำในสวนลำไย',
    helpRequested: 'ขอรับการสนับสนุนเครื่องสูบน้ำจากสำนักงานชลประทาน',
    outcome: 'returned',
    returnReason: 'ร้อยละความก้าวหน้าไม่สอดคล้องกับผลการเบิกจ่าย (ร้อยละ ๐.๙๑) ขอให้แนบรายละเอียดการส่งมอบปัจจัยการผลิตและแก้ไขร้อยละ',
  },
  {
    project: 'UN1-2559-04',
    month: '2015-12',
    percent: '8',
    done: 'จัดตั้งเครือข่ายอาสาสมัครเฝ้าระวังไฟป่า ๓๕ หมู่บ้าน จัดทำแนวกันไฟแล้ว ๔๐ กิโลเมตร',
    obstacles: 'การจัดซื้อวัสดุอุปกรณ์ดับไฟป่ายังไม่แล้วเสร็จ อาจไม่ทันฤดูไฟป่าเดือนกุมภาพันธ์',
    solutions: 'แบ่งการจัดซื้อเป็น ๒ งวด เร่งงวดแรกให้ทันเดือนมกราคม',
    helpRequested: 'ขอให้จังหวัดเร่งอนุมัติการจัดซื้อ',
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-05',
    month: '2015-11',
    percent: '5',
    done: 'สำรวจและออกแบบจุดชมวิวและเส้นทางศึกษาธรรมชาติ',
    obstacles: 'พื้นที่โครงการอยู่ในเขตอุทยานแห่งชาติ ต้องขออนุญาตใช้พื้นที่',
    solutions: 'ยื่นขออนุญาตต่อกรมอุทยานแห่งชาติฯ แล้ว',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-05',
    month: '2015-12',
    percent: '9',
    done: 'ลงนามสัญญาก่อสร้างเมื่อ ๑ ธันวาคม ๒๕๕๘ ผู้รับจ้างเข้าพื้นที่และเบิกเงินล่วงหน้าแล้ว',
    obstacles: 'เส้นทางขนส่งวัสดุเข้าพื้นที่ลาดชันและแคบ รถบรรทุกขนาดใหญ่เข้าไม่ได้',
    solutions: 'ใช้รถขนาดเล็กขนส่งหลายเที่ยว',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-07',
    month: '2015-12',
    percent: '8',
    done: 'ลงนามสัญญาจ้างก่อสร้างถนนเมื่อ ๒๐ ธันวาคม ๒๕๕๘ ส่งมอบพื้นที่ให้ผู้รับจ้างแล้ว',
    obstacles: 'ต้องย้ายเสาไฟฟ้าและแนวท่อประปาในเขตทาง',
    solutions: 'ประสานการไฟฟ้าส่วนภูมิภาคและการประปาส่วนภูมิภาคเพื่อย้ายแนว',
    helpRequested: 'ขอให้ผู้ว่าราชการจังหวัดลำปางช่วยเร่งรัดการย้ายสาธารณูปโภค',
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-08',
    month: '2015-12',
    percent: '10',
    done: 'ออกใบสั่งซื้อเครื่องตรวจวัดคุณภาพอากาศ ๖ เครื่อง อบรมอาสาสมัครสาธารณสุข ๑๒๐ คน',
    obstacles: 'ผู้ขายแจ้งส่งเครื่องตรวจวัดล่าช้า ๒ สัปดาห์',
    solutions: 'ติดตั้งเครื่องชุดแรกก่อนเข้าฤดูหมอกควัน',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-09',
    month: '2015-12',
    percent: '7',
    done: 'คัดเลือกกลุ่มหัตถกรรม ๒๐ กลุ่ม จัดประชุมออกแบบผลิตภัณฑ์',
    obstacles: 'ผู้เชี่ยวชาญด้านการออกแบบมีคิวงานเต็ม',
    solutions: 'ประสานมหาวิทยาลัยในพื้นที่เป็นที่ปรึกษา',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-10',
    month: '2015-12',
    percent: '4',
    done: 'ร่างหลักสูตรอบรมผู้ประกอบการ',
    obstacles: 'อยู่ระหว่างรอผลการพิจารณาหลักสูตร',
    solutions: '',
    helpRequested: '',
    outcome: 'draft',
  },
  {
    project: 'UN1-2559-11',
    month: '2015-12',
    percent: '6',
    done: 'สำรวจแหล่งน้ำและออกแบบฝายชะลอน้ำ ๘ แห่ง',
    obstacles: 'ต้องรอให้ระดับน้ำลดลงในฤดูแล้งจึงจะเริ่มก่อสร้างได้',
    solutions: 'เตรียมเอกสารประกวดราคาให้พร้อมทำสัญญาเดือนกุมภาพันธ์',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-13',
    month: '2015-12',
    percent: '5',
    done: 'ศึกษาเส้นทางขนส่งสินค้าเกษตร ๓ เส้นทาง',
    obstacles: 'ขอบเขตงานจ้างที่ปรึกษาต้องปรับแก้ตามระเบียบพัสดุ',
    solutions: 'ปรับขอบเขตงานและประกาศใหม่',
    helpRequested: NONE,
    outcome: 'accepted',
  },
  {
    project: 'UN1-2559-14',
    month: '2015-12',
    percent: '8',
    done: 'จัดทำมาตรฐานสปาล้านนา ประชุมผู้ประกอบการ ๔๕ ราย',
    obstacles: NONE,
    solutions: NONE,
    helpRequested: NONE,
    outcome: 'accepted',
  },
];
