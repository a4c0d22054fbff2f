/**
 * Dates are ISO strings (YYYY-MM-DD) everywhere but presentation. The Thai fiscal year B.E. N
 * runs from 1 October (N - 544) to 30 September (N - 543) C.E.
 */
import { toArabicDigits } from './thai.ts';
import { excerpt } from './text.ts';

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const THAI_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export const BE_OFFSET = 543;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Accepts ISO (2016-01-05) or Thai d/m/yyyy with a B.E. year (5/1/2559).
 * Returns the ISO date, or an error message naming what is wrong.
 */
export function parseDate(text: string): { ok: true; date: IsoDate } | { ok: false; message: string } {
  const trimmed = text.trim();
  // Nothing longer than "31/12/2559" or "2016-01-05" (with spaces around) is a date: quote a little of it.
  if (trimmed.length > 20) return { ok: false, message: `${excerpt(trimmed)} is not a date: use YYYY-MM-DD or d/m/yyyy in B.E.` };
  const t = toArabicDigits(trimmed);
  const m = ISO.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidDate(y, mo, d) ? { ok: true, date: iso(y, mo, d) } : { ok: false, message: `${t} is not a real date` };
  }
  const th = THAI_DMY.exec(t);
  if (th) {
    const [d, mo, be] = [Number(th[1]), Number(th[2]), Number(th[3])];
    if (be < 2400) return { ok: false, message: `${t}: a d/m/yyyy date must have a Buddhist-Era year (e.g. 5/1/2559)` };
    const y = be - BE_OFFSET;
    return isValidDate(y, mo, d) ? { ok: true, date: iso(y, mo, d) } : { ok: false, message: `${t} is not a real date` };
  }
  return { ok: false, message: `${t || '(empty)'} is not a date: use YYYY-MM-DD or d/m/yyyy in B.E.` };
}

export function fiscalYearStart(fiscalYear: number): IsoDate {
  return iso(fiscalYear - 544, 10, 1);
}

export function fiscalYearEnd(fiscalYear: number): IsoDate {
  return iso(fiscalYear - 543, 9, 30);
}

/** The B.E. fiscal year a date falls in. */
export function fiscalYearOf(date: IsoDate): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return y + BE_OFFSET + (m >= 10 ? 1 : 0);
}

export function todayIso(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** The last day of each month of a fiscal year, October first. */
export function fiscalYearMonthEnds(fiscalYear: number): IsoDate[] {
  const startYear = fiscalYear - 544;
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    const year = month >= 10 ? startYear : startYear + 1;
    return iso(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  });
}
