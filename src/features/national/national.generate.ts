/**
 * The national data set: every cluster and province in a cluster, 10 fiscal years (2559–2568),
 * about 10,000 projects and 500,000 ledger entries a year at scale 1. Pure and reproducible: a
 * seeded PRNG per fiscal year, so the same scale and seed give the same rows, byte for byte
 * (their digest says so), on any machine and database.
 *
 * Shapes: most payments late in the fiscal year (September highest), carry-over payments up to
 * March of the next year, returns (negative disbursements taking back part of an earlier
 * payment), budget adjustments (up or down, on the approval date), budget categories for about
 * 40 % of projects, contracts paying the investment budget of some, spending plans for about a
 * third, and cancelled, being-revised and still-proposed projects.
 *
 * Every project obeys the rules of the ledger by construction, and generateFiscalYear checks
 * each one with the rules themselves (ledger rule per category, commitment limit).
 */
import { createHash } from 'node:crypto';
import { fiscalYearStart } from '../../core/dates.ts';
import { effectiveLines, firstCategoryBreach, type BudgetLine, type CategorisedAmount, type Category } from '../budget/category.ts';
import { firstCommitmentBreach } from '../commitments/commitment.rules.ts';
import type { ProjectStatus } from '../projects/project.status.ts';
import { clusters, provinces } from '../reference/reference.data.ts';

export const NATIONAL_FISCAL_YEARS = [2559, 2560, 2561, 2562, 2563, 2564, 2565, 2566, 2567, 2568] as const;
/** Projects a fiscal year at scale 1 (10 years: 100,000). */
export const PROJECTS_PER_YEAR = 10_000;
/** The account the national data set is written by. */
export const NATIONAL_AUTHOR = 'national-demo';

/** mulberry32: small, fast, and the same on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from the user's seed and a fiscal year. */
function yearSeed(seed: number, fiscalYear: number): number {
  return createHash('sha256').update(`${seed}/${fiscalYear}`).digest().readUInt32LE(0);
}

// ---------------------------------------------------------------- dates as day numbers

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Relative weight of payments in each month from October of the fiscal year (0) to March after it (17): carry-over last. */
const MONTH_WEIGHTS = [2, 2, 3, 3, 4, 5, 6, 7, 8, 10, 13, 17, 4, 3, 2, 1.5, 1, 0.5];

/** The first day (as a day number) of month index m (0 = October of the fiscal year). */
function monthStart(fiscalYear: number, m: number): number {
  const y = fiscalYear - 544 + Math.floor((9 + m) / 12);
  return Math.round(Date.UTC(y, (9 + m) % 12, 1) / DAY);
}

// ---------------------------------------------------------------- rows

export interface GenProject {
  code: string;
  fiscalYear: number;
  ownerKind: 'cluster' | 'province';
  /** cluster slug or province code */
  owner: string;
  nameTh: string;
  agency: string;
  budget: bigint;
  status: ProjectStatus;
  /** [from, to, date], in order */
  history: [ProjectStatus | null, ProjectStatus, string][];
  lines: BudgetLine[];
  commitment: { number: string; date: string; vendor: string; amount: bigint; category: Category } | null;
  entries: GenEntry[];
  plan: { months: { month: string; category: Category; amount: bigint }[]; physical: { month: string; hundredths: number }[] } | null;
}

export interface GenEntry {
  kind: 'adjustment' | 'disbursement';
  date: string;
  amount: bigint;
  ref: string;
  note: string | null;
  category: Category;
  /** paid against the project's commitment */
  againstCommitment: boolean;
}

export interface Owner {
  kind: 'cluster' | 'province';
  code: string;
  nameTh: string;
}

const schemeOf = (fiscalYear: number) => (fiscalYear <= 2560 ? '2552' : '2560');

/** The owners of a fiscal year: its scheme's 18 clusters, then every province in one of them (by code). */
export function ownersOf(fiscalYear: number): { clusters: Owner[]; provinces: Owner[] } {
  const cs = clusters().filter((c) => c.scheme === schemeOf(fiscalYear));
  const names = new Map(provinces().map((p) => [p.code, p.name_th]));
  const inCluster = [...new Set(cs.flatMap((c) => c.province_codes.split(' ').filter(Boolean)))].sort();
  return {
    clusters: cs.map((c) => ({ kind: 'cluster', code: c.code, nameTh: c.name_th })),
    provinces: inCluster.map((code) => ({ kind: 'province', code, nameTh: names.get(code) ?? code })),
  };
}

const TOPICS = [
  'พัฒนาการท่องเที่ยวเชิงวัฒนธรรม',
  'ส่งเสริมการท่องเที่ยวเชิงนิเวศ',
  'พัฒนาศักยภาพการผลิตสินค้าเกษตรปลอดภัย',
  'ยกระดับมาตรฐานข้าวหอมมะลิ',
  'ก่อสร้างถนนลาดยางเชื่อมโยงแหล่งท่องเที่ยว',
  'ปรับปรุงระบบชลประทานขนาดเล็ก',
  'พัฒนาผลิตภัณฑ์ชุมชนและวิสาหกิจชุมชน',
  'ส่งเสริมการค้าชายแดน',
  'พัฒนาทักษะแรงงานรองรับอุตสาหกรรม',
  'เพิ่มประสิทธิภาพการบริหารจัดการน้ำ',
  'ส่งเสริมเกษตรอินทรีย์',
  'พัฒนาโครงสร้างพื้นฐานด้านการท่องเที่ยว',
  'ป้องกันและแก้ไขปัญหาหมอกควัน',
  'ส่งเสริมการตลาดผลไม้คุณภาพ',
  'พัฒนาเมืองน่าอยู่และสิ่งแวดล้อม',
  'ยกระดับการแปรรูปสินค้าประมง',
  'พัฒนาศูนย์กระจายสินค้า',
  'ส่งเสริมอุตสาหกรรมไมซ์',
];
const AGENCIES = [
  'สำนักงานจังหวัด',
  'สำนักงานเกษตรจังหวัด',
  'สำนักงานการท่องเที่ยวและกีฬาจังหวัด',
  'สำนักงานพาณิชย์จังหวัด',
  'แขวงทางหลวงชนบท',
  'โครงการชลประทาน',
  'สำนักงานพัฒนาชุมชนจังหวัด',
  'สำนักงานอุตสาหกรรมจังหวัด',
  'สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด',
  'สำนักงานประมงจังหวัด',
];
const VENDORS = ['ห้างหุ้นส่วนจำกัด รุ่งเรืองก่อสร้าง', 'บริษัท สยามโยธา จำกัด', 'บริษัท ไทยพัฒนาการช่าง จำกัด', 'ห้างหุ้นส่วนจำกัด มั่นคงวิศวกรรม'];

/** Projects a fiscal year at a scale: at least one per cluster. */
export function projectsPerYear(scale: number): number {
  return Math.max(18, Math.round(PROJECTS_PER_YEAR * scale));
}

export interface GenerateOptions {
  scale: number;
  seed: number;
}

/** One fiscal year of the national data set, checked against the rules of the ledger. */
export function generateFiscalYear(fiscalYear: number, opts: GenerateOptions): GenProject[] {
  const rnd = prng(yearSeed(opts.seed, fiscalYear));
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const { clusters: cs, provinces: ps } = ownersOf(fiscalYear);
  const n = projectsPerYear(opts.scale);
  const fyStart = dayOf(fiscalYearStart(fiscalYear));
  const latest = fiscalYear >= NATIONAL_FISCAL_YEARS[NATIONAL_FISCAL_YEARS.length - 2]!;
  const out: GenProject[] = [];
  const serial = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    // Every cluster has a project; then a quarter go to clusters and the rest to provinces, in turn.
    const owner = i < cs.length ? cs[i]! : rnd() < 0.25 ? pick(cs) : ps[(i * 7 + fiscalYear) % ps.length]!;
    const no = (serial.get(owner.code) ?? 0) + 1;
    serial.set(owner.code, no);
    const code = `N${fiscalYear}-${owner.kind === 'cluster' ? owner.code : `P${owner.code}`}-${String(no).padStart(4, '0')}`;
    // Budget: log-normal around 8 million baht (clusters' projects about 3 times larger), whole thousands of baht.
    const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const baht = Math.min(300_000_000, Math.max(200_000, Math.exp(Math.log(8_000_000) + normal) * (owner.kind === 'cluster' ? 3 : 1)));
    const budget = Math.round(baht / 1000) * 1000 * 100;
    // Status path and dates.
    const r = rnd();
    const fate: ProjectStatus =
      r < 0.03 ? 'cancelled' : r < 0.045 ? 'revising' : r < 0.055 ? 'proposed' : latest && r < 0.25 ? 'in_progress' : 'completed';
    const proposed = fyStart - int(30, 120);
    const approved = fyStart + int(0, 60);
    const started = approved + int(1, 30);
    const history: GenProject['history'] = [[null, 'proposed', isoOf(proposed)]];
    if (fate === 'revising') history.push(['proposed', 'revising', isoOf(fyStart + int(0, 90))]);
    const paying = fate === 'cancelled' || fate === 'in_progress' || fate === 'completed';
    let cancelDay = Infinity;
    if (paying) {
      history.push(['proposed', 'approved', isoOf(approved)]);
      history.push(['approved', 'in_progress', isoOf(started)]);
      if (fate === 'cancelled') {
        cancelDay = started + int(20, 200);
        history.push(['in_progress', 'cancelled', isoOf(cancelDay)]);
      }
    }
    // Budget categories: 40 % split into operating and investment (and sometimes other).
    let lines: BudgetLine[] = [];
    if (rnd() < 0.4) {
      const inv = Math.round((budget * (0.4 + rnd() * 0.5)) / 100_000) * 100_000;
      const other = rnd() < 0.2 ? Math.round((budget - inv) * 0.2) : 0;
      lines = [
        { category: 'operating' as const, amount: BigInt(budget - inv - other) },
        { category: 'investment' as const, amount: BigInt(inv) },
        { category: 'other' as const, amount: BigInt(other) },
      ].filter((l) => l.amount > 0n);
    }
    const effective = effectiveLines(BigInt(budget), lines);
    const entries: GenEntry[] = [];
    let commitment: GenProject['commitment'] = null;
    let plan: GenProject['plan'] = null;
    if (paying) {
      // Share of the allocation disbursed in the end.
      const share = fate === 'completed' ? 0.92 + rnd() * 0.08 : fate === 'in_progress' ? 0.4 + rnd() * 0.5 : rnd() * 0.3;
      // An adjustment on the approval date, before any payment, in one category.
      const alloc = new Map(effective.map((l) => [l.category, Number(l.amount)]));
      if (rnd() < 0.1) {
        const line = pick(effective);
        const delta = Math.round((Number(line.amount) * (rnd() < 0.5 ? -1 : 1) * (0.02 + rnd() * 0.08)) / 100_000) * 100_000;
        if (delta !== 0) {
          alloc.set(line.category, alloc.get(line.category)! + delta);
          entries.push({
            kind: 'adjustment',
            date: isoOf(approved),
            amount: BigInt(delta),
            ref: 'ADJ-1',
            note: delta > 0 ? 'เพิ่มงบประมาณตามมติคณะกรรมการ' : 'ปรับลดงบประมาณตามมติคณะกรรมการ',
            category: line.category,
            againstCommitment: false,
          });
        }
      }
      const investment = alloc.get('investment');
      if (investment !== undefined && rnd() < 0.5) {
        commitment = {
          number: `CT-${fiscalYear}-${String(i + 1).padStart(5, '0')}`,
          date: isoOf(started),
          vendor: pick(VENDORS),
          amount: BigInt(Math.round(investment * (0.85 + rnd() * 0.15))),
          category: 'investment',
        };
      }
      // Payments: 12 to 90 of them, spread over the categories by allocation, most late in the year.
      const count = fate === 'cancelled' ? int(1, 12) : int(12, 90);
      const firstMonth = Math.min(17, Math.max(0, Math.floor((started - fyStart) / 30.5)));
      const lastDay = Math.min(cancelDay - 1, monthStart(fiscalYear, 18) - 1);
      const months = MONTH_WEIGHTS.map((w, m) => (m >= firstMonth && monthStart(fiscalYear, m) <= lastDay ? w : 0));
      const monthTotal = months.reduce((a, b) => a + b, 0);
      const allocTotal = [...alloc.values()].reduce((a, b) => a + b, 0);
      let seq = 0;
      for (const [category, amount] of alloc) {
        const k = Math.max(1, Math.round((count * amount) / Math.max(1, allocTotal)));
        const limit = commitment && commitment.category === category ? Number(commitment.amount) : amount;
        const total = Math.floor(limit * share);
        if (total < k) continue;
        const weights = Array.from({ length: k }, () => 0.2 + rnd());
        const wsum = weights.reduce((a, b) => a + b, 0);
        let left = total;
        for (let j = 0; j < k; j++) {
          const part = j === k - 1 ? left : Math.max(1, Math.floor((total * weights[j]!) / wsum));
          if (part <= 0 || part > left) break;
          left -= part;
          let pickM = rnd() * monthTotal;
          let m = 0;
          while (m < 17 && (pickM -= months[m]!) > 0) m++;
          while (months[m] === 0 && m > 0) m--;
          const day = Math.min(lastDay, Math.max(started, monthStart(fiscalYear, m) + int(0, 27)));
          const ref = `GF${fiscalYear}-${String(i + 1).padStart(5, '0')}-${String(++seq).padStart(3, '0')}`;
          const against = commitment?.category === category;
          entries.push({ kind: 'disbursement', date: isoOf(day), amount: BigInt(part), ref, note: null, category, againstCommitment: against });
          // About 3 % of payments are partly returned a few days later.
          if (rnd() < 0.03 && part >= 100) {
            const back = Math.floor(part * (0.05 + rnd() * 0.45));
            if (back > 0)
              entries.push({
                kind: 'disbursement',
                date: isoOf(Math.min(lastDay, day + int(0, 20))),
                amount: BigInt(-back),
                ref: `${ref}-R`,
                note: 'คืนเงินเหลือจ่าย',
                category,
                againstCommitment: against,
              });
          }
        }
      }
      // A spending plan for a third of the projects: the allocation by month, as the payments are weighted.
      if (rnd() < 0.33) {
        const planMonths: { month: string; category: Category; amount: bigint }[] = [];
        for (const [category, amount] of alloc) {
          const w = MONTH_WEIGHTS.slice(0, 12);
          const ws = w.reduce((a, b) => a + b, 0);
          let left = Math.floor(amount * 0.98);
          const total = left;
          w.forEach((x, m) => {
            const a = m === 11 ? left : Math.floor((total * x) / ws);
            left -= a;
            if (a > 0) planMonths.push({ month: isoOf(monthStart(fiscalYear, m)).slice(0, 7), category, amount: BigInt(a) });
          });
        }
        const physical = [3, 6, 9, 12].map((q, k) => ({
          month: isoOf(monthStart(fiscalYear, q - 1)).slice(0, 7),
          hundredths: [1500, 4000, 7000, 10000][k]!,
        }));
        plan = { months: planMonths, physical };
      }
    }
    entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const status = history[history.length - 1]![1];
    if (fate === 'completed') {
      const last = entries.length ? dayOf(entries[entries.length - 1]!.date) : started;
      history.push(['in_progress', 'completed', isoOf(Math.max(last, started) + int(1, 30))]);
    }
    const p: GenProject = {
      code,
      fiscalYear,
      ownerKind: owner.kind,
      owner: owner.code,
      nameTh: `โครงการ${pick(TOPICS)}${owner.kind === 'cluster' ? owner.nameTh : `จังหวัด${owner.nameTh}`} ปี ${fiscalYear}`,
      agency: `${pick(AGENCIES)}${owner.kind === 'province' ? owner.nameTh : ''}`,
      budget: BigInt(budget),
      status: fate === 'completed' ? 'completed' : status,
      history,
      lines,
      commitment,
      entries,
      plan,
    };
    assertRules(p);
    out.push(p);
  }
  return out;
}

/** The rules the services apply to every write, applied to a whole generated project. */
export function assertRules(p: GenProject): void {
  const lines = effectiveLines(p.budget, p.lines);
  const entries: CategorisedAmount[] = p.entries;
  const breach = firstCategoryBreach(lines, entries);
  if (breach) throw new Error(`generated project ${p.code} breaks the ledger rule: ${JSON.stringify(breach, (_k, v) => String(v))}`);
  if (p.commitment) {
    const cb = firstCommitmentBreach(lines, p.entries, [p.commitment]);
    if (cb) throw new Error(`generated project ${p.code} breaks the commitment limit on ${cb.date}`);
    const paid = p.entries.filter((e) => e.againstCommitment).reduce((s, e) => s + e.amount, 0n);
    if (paid > p.commitment.amount) throw new Error(`generated project ${p.code} pays more than its commitment`);
  }
  const cancelled = p.history.find((h) => h[1] === 'cancelled');
  if (cancelled && p.entries.some((e) => e.date >= cancelled[2])) throw new Error(`generated project ${p.code} has entries after its cancellation`);
}

/** Feeds a fiscal year's rows, in a fixed order and form, into a digest. */
export function digestFiscalYear(hash: ReturnType<typeof createHash>, projects: readonly GenProject[]): void {
  for (const p of projects) {
    hash.update(
      JSON.stringify([p.code, p.fiscalYear, p.owner, p.nameTh, p.agency, p.budget, p.status, p.history, p.lines, p.commitment, p.plan], (_k, v) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
    );
    for (const e of p.entries) hash.update(`${e.kind},${e.date},${e.amount},${e.ref},${e.note ?? ''},${e.category},${e.againstCommitment ? 1 : 0}\n`);
  }
}
