/**
 * The pure rules of progress: fiscal quarters, the warnings that need no monthly progress
 * report, and the forecast of disbursement at the end of the quarter and of the fiscal year.
 */
import { fiscalYearStart, type IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';
import { formatPercent, HUNDRED_PERCENT, percentHundredths, type Hundredths } from '../../core/percent.ts';
import { thaiDate } from '../../core/thai.ts';
import { plannedCumulative, type PlanMonth } from '../plans/plan.rules.ts';

const DAY_MS = 86_400_000;
const utc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return new Date(utc(d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of quarter q (1: Oct-Dec, ..., 4: Jul-Sep) of a fiscal year. */
export function quarterEnd(fiscalYear: number, q: number): IsoDate {
  const start = fiscalYearStart(fiscalYear);
  const y = Number(start.slice(0, 4));
  return ['', `${y}-12-31`, `${y + 1}-03-31`, `${y + 1}-06-30`, `${y + 1}-09-30`][q]!;
}

/** The quarter a date falls in: 0 before the fiscal year, 5 after it (carry-over). */
export function quarterOf(fiscalYear: number, date: IsoDate): number {
  if (date < fiscalYearStart(fiscalYear)) return 0;
  for (let q = 1; q <= 4; q++) if (date <= quarterEnd(fiscalYear, q)) return q;
  return 5;
}

/** The latest quarter ended on or before a date (0: none yet). */
export function lastEndedQuarter(fiscalYear: number, date: IsoDate): number {
  let last = 0;
  for (let q = 1; q <= 4; q++) if (quarterEnd(fiscalYear, q) <= date) last = q;
  return last;
}

// ---------------------------------------------------------------- warnings

export interface WarningSettings {
  /** percentage points of the allocation by which disbursement may lag the plan (hundredths): 1000 = 10 points */
  behindPlanHundredths: bigint;
  /** days after approval without any commitment */
  noCommitmentDays: number;
  /** the first month (YYYY-MM) monthly progress reports are due; null: none is due yet */
  reportsDueFrom: string | null;
}

export const DEFAULT_WARNING_SETTINGS: WarningSettings = { behindPlanHundredths: 1000n, noCommitmentDays: 60, reportsDueFrom: null };

/** Behind plan by more than the threshold: (planned - actual) / allocated > threshold, compared exactly. */
export function isBehindPlan(actual: Satang, planned: Satang, allocated: Satang, thresholdHundredths: bigint): boolean {
  if (allocated <= 0n) return false;
  return (planned - actual) * 10000n > thresholdHundredths * allocated;
}

/** Approved (or in progress) since approvedOn, with no commitment as of asOf, for more than the setting's days. */
export function hasNoCommitmentTooLong(
  status: string,
  approvedOn: IsoDate | null,
  firstCommitmentDate: IsoDate | null,
  asOf: IsoDate,
  days: number,
): boolean {
  if (status !== 'approved' && status !== 'in_progress') return false;
  if (!approvedOn || approvedOn > asOf) return false;
  if (firstCommitmentDate !== null && firstCommitmentDate <= asOf) return false;
  return daysBetween(approvedOn, asOf) > days;
}

/** Below a cumulative target: disbursed / allocated < target, compared exactly. */
export function isBelowTarget(disbursed: Satang, allocated: Satang, target: Hundredths): boolean {
  if (allocated <= 0n) return false;
  return disbursed * 10000n < target * allocated;
}

// ---------------------------------------------------------------- forecast

export interface ForecastInput {
  asOf: IsoDate;
  /** the date forecast (end of a quarter or of the fiscal year) */
  target: IsoDate;
  allocated: Satang;
  /** disbursements (any dates; those after asOf are ignored) */
  disbursements: readonly { date: IsoDate; amount: Satang }[];
  /** the plan in force on asOf, or null */
  plan: readonly PlanMonth[] | null;
  /** the target percent at that date, if any, for the explanation */
  targetPercent?: Hundredths | null;
  windowDays?: number;
}

export interface Forecast {
  date: IsoDate;
  method: 'actual' | 'pace' | 'plan' | 'sum';
  amount: Satang;
  percent: Hundredths | null;
  /** plan method: actual / planned over the window, in hundredths of a percent */
  paceOfPlan: Hundredths | null;
  explanation: string;
  explanationTh: string;
}

const pctText = (h: Hundredths | null) => (h === null ? '-' : `${formatPercent(h)} %`);
const enDate = (d: IsoDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(utc(d)));

/**
 * The disbursement forecast at a date. With a plan that planned something over the last
 * windowDays (default 60): what remains planned up to the date, at the ratio actually achieved
 * against the plan over the window. Otherwise: the net disbursed over the window, continued
 * linearly. Never below what is disbursed, never above the allocation; floored to the satang.
 */
export function forecast(input: ForecastInput): Forecast {
  const window = input.windowDays ?? 60;
  const windowStart = addDays(input.asOf, -window);
  let actual = 0n;
  let inWindow = 0n;
  for (const d of input.disbursements) {
    if (d.date > input.asOf) continue;
    actual += d.amount;
    if (d.date > windowStart) inWindow += d.amount;
  }
  const target = input.targetPercent ?? null;
  const againstTarget = target === null ? '' : ` against a target of ${pctText(target)}`;
  const againstTargetTh = target === null ? '' : ` เทียบกับเป้าหมายร้อยละ ${formatPercent(target)}`;
  const finish = (method: Forecast['method'], raw: Satang, paceOfPlan: Hundredths | null, how: string, howTh: string): Forecast => {
    let amount = raw < actual ? actual : raw;
    if (input.allocated > actual && amount > input.allocated) amount = input.allocated;
    if (input.allocated <= actual) amount = actual;
    const percent = percentHundredths(amount, input.allocated);
    return {
      date: input.target,
      method,
      amount,
      percent,
      paceOfPlan,
      explanation: `${how}: ${pctText(percent)} by ${enDate(input.target)}${againstTarget}`,
      explanationTh: `${howTh} ร้อยละ ${percent === null ? '-' : formatPercent(percent)} ภายในวันที่ ${thaiDate(input.target, { thaiDigits: false })}${againstTargetTh}`,
    };
  };
  if (input.target <= input.asOf) return finish('actual', actual, null, `disbursed as of ${enDate(input.asOf)}`, 'เบิกจ่ายแล้ว');
  const daysAhead = BigInt(daysBetween(input.asOf, input.target));
  if (input.plan && input.plan.length) {
    const plannedWindow = plannedCumulative(input.plan, input.asOf) - plannedCumulative(input.plan, windowStart);
    if (plannedWindow > 0n) {
      const pace = inWindow > 0n ? inWindow : 0n;
      const remaining = plannedCumulative(input.plan, input.target) - plannedCumulative(input.plan, input.asOf);
      const ratio = percentHundredths(pace, plannedWindow);
      return finish(
        'plan',
        actual + (remaining * pace) / plannedWindow,
        ratio,
        `the rest of the plan at ${pctText(ratio)} of its pace, as over the last ${window} days`,
        `ตามแผนที่เหลือ ด้วยอัตราร้อยละ ${ratio === null ? '-' : formatPercent(ratio)} ของแผนเช่นเดียวกับ ${window} วันที่ผ่านมา คาดว่าจะเบิกจ่ายได้`,
      );
    }
  }
  const pace = inWindow > 0n ? inWindow : 0n;
  return finish(
    'pace',
    actual + (pace * daysAhead) / BigInt(window),
    null,
    `at the pace of the last ${window} days`,
    `ตามอัตราการเบิกจ่าย ${window} วันที่ผ่านมา คาดว่าจะเบิกจ่ายได้`,
  );
}

/**
 * An owner's forecast: the sum of its projects' forecasts (each from its own plan or pace), so
 * that projects with and without a plan are each forecast their own way.
 */
export function sumForecasts(projects: readonly Forecast[], allocated: Satang, date: IsoDate, targetPercent: Hundredths | null = null): Forecast {
  const amount = projects.reduce((sum, f) => sum + f.amount, 0n);
  const percent = percentHundredths(amount, allocated);
  const count = (m: Forecast['method']) => projects.filter((f) => f.method === m).length;
  const [plan, pace, actual] = [count('plan'), count('pace'), count('actual')];
  const parts = [plan ? `${plan} from their plans` : '', pace ? `${pace} at their pace` : '', actual ? `${actual} as disbursed` : ''].filter(Boolean);
  const partsTh = [
    plan ? `ตามแผน ${plan} โครงการ` : '',
    pace ? `ตามอัตราการเบิกจ่าย ${pace} โครงการ` : '',
    actual ? `ตามที่เบิกจ่ายแล้ว ${actual} โครงการ` : '',
  ].filter(Boolean);
  const against = targetPercent === null ? '' : ` against a target of ${pctText(targetPercent)}`;
  const againstTh = targetPercent === null ? '' : ` เทียบกับเป้าหมายร้อยละ ${formatPercent(targetPercent)}`;
  return {
    date,
    method: 'sum',
    amount,
    percent,
    paceOfPlan: null,
    explanation: `the sum of the projects' forecasts (${parts.join(', ') || 'none'}): ${pctText(percent)} by ${enDate(date)}${against}`,
    explanationTh: `รวมคาดการณ์รายโครงการ (${partsTh.join(' ') || '-'}) คาดว่าจะเบิกจ่ายได้ ร้อยละ ${percent === null ? '-' : formatPercent(percent)} ภายในวันที่ ${thaiDate(date, { thaiDigits: false })}${againstTh}`,
  };
}

/**
 * An owner's physical progress: the allocation-weighted average of its projects' percentages
 * (each project's percent × its allocation, summed, over the sum of those allocations), rounded
 * half up from the exact ratio. Projects without a percentage (no physical plan, no accepted
 * report) are left out of both sums; null when none has one or their allocations sum to 0.
 */
export function weightedPhysical(items: readonly { allocated: Satang; percent: Hundredths | null }[]): {
  percent: Hundredths | null;
  projects: number;
} {
  let weighted = 0n;
  let weights = 0n;
  let projects = 0;
  for (const i of items) {
    if (i.percent === null) continue;
    weighted += i.allocated * i.percent;
    weights += i.allocated;
    projects++;
  }
  return { percent: weights > 0n ? percentHundredths(weighted, weights * HUNDRED_PERCENT) : null, projects };
}
