/**
 * The pure rules of performance-agreement indicators (ตัวชี้วัดตามคำรับรองการปฏิบัติราชการ):
 * decimal values as scaled integers, the five-level scoring scale, achievement, periods of a
 * fiscal year and the agreement's status transitions. No database, no Node: shared by server,
 * CLI and web.
 */
import { fiscalYearEnd, fiscalYearMonthEnds, fiscalYearStart, type IsoDate } from '../../core/dates.ts';
import { percentHundredths, type Hundredths } from '../../core/percent.ts';
import { toArabicDigits } from '../../core/thai.ts';

/** A decimal with up to 4 decimals, held exactly as an integer count of ten-thousandths (12.5 = 125000n). */
export type Dec = bigint;
export const DEC_SCALE = 10000n;

/** Reads "12.5", "1,234.5678", "-3" (Thai digits too); null when it is not such a decimal. */
export function parseDec(text: string): Dec | null {
  const t = toArabicDigits(text.trim());
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,4}))?$/.exec(t);
  if (!m) return null;
  const v = BigInt(m[2]!.replaceAll(',', '')) * DEC_SCALE + BigInt((m[3] ?? '').padEnd(4, '0') || '0');
  if (v > 10n ** 17n) return null;
  return m[1] ? -v : v;
}

/** "12.5", "90000", "-0.25": the shortest exact text. */
export function formatDec(v: Dec): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % DEC_SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / DEC_SCALE}${frac ? `.${frac}` : ''}`;
}

/** A score always with its 4 decimals: "3.5000". */
export function formatScore(v: Dec): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / DEC_SCALE}.${(a % DEC_SCALE).toString().padStart(4, '0')}`;
}

/** round_half_up(num / den, 4 decimals) as a Dec (den > 0); halves of negative values round away from zero. */
export function roundRatio(num: bigint, den: bigint): Dec {
  if (den <= 0n) throw new Error('roundRatio: the denominator must be positive');
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a * DEC_SCALE + den) / (2n * den);
  return neg ? -q : q;
}

export type Direction = 'higher' | 'lower';
export const DIRECTIONS = ['higher', 'lower'] as const;

export interface Scale {
  /** The value that earns each of levels 1 to 5. */
  levels: [Dec, Dec, Dec, Dec, Dec];
  /** What a result worse than level 1 scores (default 0). */
  below: Dec;
  /** What a result better than level 5 scores (default 5). */
  above: Dec;
}

/** Why a scale is not usable, or null: the levels must move strictly in the indicator's direction. */
export function scaleProblem(direction: Direction, s: Scale): string | null {
  for (let i = 1; i < 5; i++) {
    const [a, b] = [s.levels[i - 1]!, s.levels[i]!];
    if (direction === 'higher' ? !(b > a) : !(b < a))
      return `the value of level ${i + 1} must be ${direction === 'higher' ? 'greater' : 'less'} than that of level ${i} (higher is better: ${direction === 'higher' ? 'yes' : 'no'})`;
  }
  for (const [name, v] of [
    ['below level 1', s.below],
    ['above level 5', s.above],
  ] as const) {
    if (v < 0n || v > 5n * DEC_SCALE) return `the score ${name} must be between 0 and 5`;
  }
  return null;
}

/**
 * The score of a result: linear between the levels (exactly, then half up to 4 decimals); a
 * result worse than level 1 scores `below`, one better than level 5 scores `above`.
 */
export function score(direction: Direction, s: Scale, value: Dec): Dec {
  // Lower is better: the same rule on the negated values.
  const sign = direction === 'higher' ? 1n : -1n;
  const v = value * sign;
  const l = s.levels.map((x) => x * sign);
  if (v < l[0]!) return s.below;
  if (v > l[4]!) return s.above;
  if (v === l[4]!) return 5n * DEC_SCALE;
  for (let i = 0; i < 4; i++) {
    const [a, b] = [l[i]!, l[i + 1]!];
    if (v >= a && v < b) {
      // (i + 1) + (v - a) / (b - a), over the common denominator b - a
      return roundRatio(BigInt(i + 1) * (b - a) + (v - a), b - a);
    }
  }
  throw new Error('unreachable: a value within the scale falls between two levels');
}

/** Achievement in hundredths of a percent: result/target (higher is better) or target/result (lower is better); null without a basis. */
export function achievement(direction: Direction, target: Dec, result: Dec): Hundredths | null {
  return direction === 'higher' ? percentHundredths(result, target) : percentHundredths(target, result);
}

/** Whether a result falls short of its target. */
export const isBehind = (direction: Direction, target: Dec, result: Dec) => (direction === 'higher' ? result < target : result > target);

/** A period of a fiscal year: the year ('annual'), a quarter ('Q1'..'Q4', Q1 = Oct–Dec) or a month ('YYYY-MM'). */
export type Period = string;

/** Why a period is not one of the fiscal year, or null. */
export function periodProblem(fiscalYear: number, period: string): string | null {
  if (period === 'annual' || /^Q[1-4]$/.test(period)) return null;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    return fiscalYearMonthEnds(fiscalYear).some((d) => d.startsWith(period))
      ? null
      : `${period} is not a month of fiscal year ${fiscalYear} (${fiscalYearStart(fiscalYear).slice(0, 7)} to ${fiscalYearEnd(fiscalYear).slice(0, 7)})`;
  }
  return `${period} is not a period: use annual, Q1 to Q4 (Q1 = October to December) or a month YYYY-MM`;
}

/** The last day of a period. */
export function periodEnd(fiscalYear: number, period: Period): IsoDate {
  if (period === 'annual') return fiscalYearEnd(fiscalYear);
  const ends = fiscalYearMonthEnds(fiscalYear);
  const q = /^Q([1-4])$/.exec(period);
  if (q) return ends[Number(q[1]) * 3 - 1]!;
  const m = ends.find((d) => d.startsWith(period));
  if (!m) throw new Error(`not a period of fiscal year ${fiscalYear}: ${period}`);
  return m;
}

const GRAIN: Record<string, number> = { month: 0, quarter: 1, annual: 2 };
const grainOf = (p: Period) => (p === 'annual' ? GRAIN.annual! : p.startsWith('Q') ? GRAIN.quarter! : GRAIN.month!);

/** Periods in time order: by their last day, a month before its quarter before the year. */
export function comparePeriods(fiscalYear: number, a: Period, b: Period): number {
  const [ea, eb] = [periodEnd(fiscalYear, a), periodEnd(fiscalYear, b)];
  return ea < eb ? -1 : ea > eb ? 1 : grainOf(a) - grainOf(b);
}

export const AGREEMENT_STATUSES = ['draft', 'proposed', 'agreed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_TH: Record<AgreementStatus, string> = { draft: 'ร่าง', proposed: 'เสนอแล้ว', agreed: 'ลงนามคำรับรองแล้ว' };

/** The agreement moves forward one step at a time: draft -> proposed -> agreed. */
export function transitionProblem(from: AgreementStatus, to: AgreementStatus): string | null {
  const i = AGREEMENT_STATUSES.indexOf(from);
  const j = AGREEMENT_STATUSES.indexOf(to);
  if (j === i + 1) return null;
  return `cannot go from ${from} to ${to}: an agreement goes draft -> proposed -> agreed, one step at a time`;
}

/** A Thai list as the seed writes it: "ลำไย, กระเทียม และถั่วเหลือง"; "กระเทียมและถั่วเหลือง". */
export function thaiList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]}และ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} และ${items[items.length - 1]}`;
}
