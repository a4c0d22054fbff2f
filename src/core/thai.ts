/**
 * Presentation in Thai: B.E. dates, Thai month names and Thai digits, all through Intl
 * (never hand-written tables).
 */
import type { IsoDate } from './dates.ts';
import type { Satang } from './money.ts';
import type { Hundredths } from './percent.ts';

export interface ThaiStyle {
  /** Thai digits (๐-๙) when true, Arabic digits otherwise. */
  thaiDigits: boolean;
}

const locale = (s: ThaiStyle) => (s.thaiDigits ? 'th-TH-u-ca-buddhist-nu-thai' : 'th-TH-u-ca-buddhist-nu-latn');

function utc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "๕ มกราคม ๒๕๕๙" */
export function thaiDate(date: IsoDate, style: ThaiStyle = { thaiDigits: true }): string {
  return new Intl.DateTimeFormat(locale(style), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(date));
}

/** "วันพุธที่ ๖ มกราคม พ.ศ. ๒๕๕๙": the weekday is always derived from the date. */
export function thaiDateFull(date: IsoDate, style: ThaiStyle = { thaiDigits: true }): string {
  return new Intl.DateTimeFormat(locale(style), { dateStyle: 'full', timeZone: 'UTC' }).format(utc(date));
}

/** Digits of an integer (e.g. a B.E. year or a count), without grouping. */
export function thaiInteger(n: number | bigint, style: ThaiStyle = { thaiDigits: true }): string {
  return new Intl.NumberFormat(locale(style), { useGrouping: false }).format(n);
}

/** "๑,๔๒๑,๕๙๓.๒๙" */
export function thaiAmount(satang: Satang, style: ThaiStyle = { thaiDigits: true }): string {
  const nf = new Intl.NumberFormat(locale(style), { useGrouping: true });
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const fraction = new Intl.NumberFormat(locale(style), { minimumIntegerDigits: 2, useGrouping: false }).format(abs % 100n);
  return `${negative ? '-' : ''}${nf.format(abs / 100n)}.${fraction}`;
}

/** "๗๒.๓๒" (no unit: a percentage is never followed by one). */
export function thaiPercent(h: Hundredths, style: ThaiStyle = { thaiDigits: true }): string {
  const negative = h < 0n;
  const abs = negative ? -h : h;
  const fraction = new Intl.NumberFormat(locale(style), { minimumIntegerDigits: 2, useGrouping: false }).format(abs % 100n);
  return `${negative ? '-' : ''}${thaiInteger(abs / 100n, style)}.${fraction}`;
}

/** "ธันวาคม ๒๕๕๘": the month (YYYY-MM) and its B.E. year. */
export function thaiMonth(month: string, style: ThaiStyle = { thaiDigits: true }): string {
  return new Intl.DateTimeFormat(locale(style), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(`${month}-01`));
}

/** Months 1..12 by their Thai names, long ("มกราคม") and short ("ม.ค."), from Intl. */
let monthsByName: Map<string, number> | null = null;
function thaiMonthNames(): Map<string, number> {
  if (monthsByName) return monthsByName;
  monthsByName = new Map();
  for (let m = 1; m <= 12; m++) {
    const d = new Date(Date.UTC(2016, m - 1, 1));
    for (const width of ['long', 'short'] as const) {
      const name = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { month: width, timeZone: 'UTC' }).format(d);
      monthsByName.set(name, m);
      monthsByName.set(name.replaceAll('.', ''), m);
    }
  }
  return monthsByName;
}

/** The number (1..12) of a Thai month name, long or short, with or without its dots ("ธ.ค.", "ธค", "ธันวาคม"); null if none. */
export function thaiMonthNumber(name: string): number | null {
  return thaiMonthNames().get(name.trim().replace(/\s+/g, '')) ?? null;
}

const THAI_ZERO = 0x0e50;

/** Reads Thai digits typed into a file or a form as the Arabic digits they stand for. */
export function toArabicDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}

/** Writes the digits inside a text (e.g. "กลุ่มจังหวัดภาคเหนือตอนบน 1") in the chosen style. */
export function withDigits(text: string, style: ThaiStyle): string {
  if (!style.thaiDigits) return text;
  // A code such as UN1-2559-01 or GF59-0101 (Latin letters with digits) is an identifier: kept as typed.
  return text.replace(/[A-Za-z0-9_-]+/g, (token) => (/[A-Za-z]/.test(token) ? token : token.replace(/\d/g, (d) => thaiInteger(Number(d), style))));
}

/**
 * A date range as official documents write it: "๑๔ - ๒๖ มกราคม ๒๕๕๙" within a month,
 * "๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙" across months, "๒๘ ธันวาคม ๒๕๕๘ - ๕ มกราคม ๒๕๕๙" across
 * years, "๑๕ ธันวาคม ๒๕๕๘" for one day.
 */
export function thaiDateRange(from: IsoDate, to: IsoDate, style: ThaiStyle = { thaiDigits: true }): string {
  if (from === to) return thaiDate(from, style);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(5, 7) === to.slice(5, 7);
  const start = sameMonth
    ? new Intl.DateTimeFormat(locale(style), { day: 'numeric', timeZone: 'UTC' }).format(utc(from))
    : sameYear
      ? new Intl.DateTimeFormat(locale(style), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(utc(from))
      : thaiDate(from, style);
  return `${start} - ${thaiDate(to, style)}`;
}
