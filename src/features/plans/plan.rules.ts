/**
 * Spending plans: versions in force from their effective dates, and what a plan says for a date.
 * A month's planned amount accrues evenly over its days (floored to the satang); the planned
 * physical progress (cumulative percent at each month end) runs linearly from the previous
 * month end's value, rounded half up.
 */
import type { IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';
import type { Hundredths } from '../../core/percent.ts';
import type { Category } from '../budget/category.ts';

export interface PlanMonth {
  month: string; // YYYY-MM
  category: Category;
  amount: Satang;
}

export interface PlanPhysical {
  month: string;
  percent: Hundredths;
}

export interface PlanVersionFacts {
  version: number;
  effectiveFrom: IsoDate;
  months: PlanMonth[];
  physical: PlanPhysical[];
}

/** The version in force on a date: the latest effective on or before it (a later version wins a tie); null if none yet. */
export function planInForce<T extends { version: number; effectiveFrom: IsoDate }>(versions: readonly T[], date: IsoDate): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Planned cumulative disbursement as of a date (of one category, or all when category is null). */
export function plannedCumulative(months: readonly PlanMonth[], date: IsoDate, category: Category | null = null): Satang {
  const current = date.slice(0, 7);
  const day = BigInt(Number(date.slice(8, 10)));
  let total = 0n;
  for (const m of months) {
    if (category !== null && m.category !== category) continue;
    if (m.month < current) total += m.amount;
    else if (m.month === current) total += (m.amount * day) / BigInt(daysInMonth(m.month));
  }
  return total;
}

/** Planned physical progress (hundredths of a percent) as of a date; null when the plan has none. */
export function plannedPhysical(physical: readonly PlanPhysical[], date: IsoDate): Hundredths | null {
  if (!physical.length) return null;
  const current = date.slice(0, 7);
  const sorted = [...physical].sort((a, b) => (a.month < b.month ? -1 : 1));
  let before = 0n;
  let atEnd: bigint | null = null;
  for (const p of sorted) {
    if (p.month < current) before = p.percent;
    else if (p.month === current) atEnd = p.percent;
  }
  if (atEnd === null) return before;
  const day = BigInt(Number(date.slice(8, 10)));
  const days = BigInt(daysInMonth(current));
  // before + (atEnd - before) * day / days, half up
  const num = 2n * (atEnd - before) * day + days;
  const q = num / (2n * days);
  return before + (num < 0n && num % (2n * days) !== 0n ? q - 1n : q);
}
