/**
 * Presentation of API values: amounts (decimal strings of baht) through bigint satang, percentages
 * through integer hundredths, dates in the Buddhist Era through Intl. No floats, no month tables.
 */
import { parseAmount } from '../../src/core/money.ts';
import { thaiAmount, thaiDate, thaiInteger, thaiPercent, withDigits } from '../../src/core/thai.ts';
import type { Lang } from './i18n.ts';

export interface Format {
  /** "1,421,593.29" (or Thai digits) from "1421593.29" */
  money(amount: string): string;
  /** "0.40" from "0.40"; a dash for null */
  percent(p: string | null): string;
  /** "5 มกราคม 2559" / "5 January 2559 BE" from "2016-01-05" */
  date(iso: string): string;
  /** "ม.ค. 59" from "2016-01" */
  month(yyyyMm: string): string;
  /** The parts of a month for an axis: {month: "ม.ค.", year: "2559"} from "2016-01" */
  monthParts(yyyyMm: string): { month: string; year: string };
  /** "ม.ค. 2559" from "2016-01": the calendar header */
  monthYear(yyyyMm: string, long?: boolean): string;
  int(n: number | bigint): string;
  /** The digits inside a text (a name, a code) in the chosen style. */
  digits(text: string): string;
  /** A date-time (ISO instant) as a B.E. date and time. */
  dateTime(instant: string): string;
  /** The locale for Intl (calendar buddhist, digits thai or latn). */
  locale: string;
}

function intlLocale(lang: Lang, thaiDigits: boolean): string {
  return `${lang === 'th' ? 'th-TH' : 'en-GB'}-u-ca-buddhist-nu-${thaiDigits ? 'thai' : 'latn'}`;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function makeFormat(lang: Lang, thaiDigits: boolean): Format {
  const style = { thaiDigits };
  const locale = intlLocale(lang, thaiDigits);
  const dateFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const monthYearShort = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthYearLong = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' });
  return {
    locale,
    money: (amount) => {
      const satang = parseAmount(amount);
      return satang === null ? amount : thaiAmount(satang, style);
    },
    percent: (p) => {
      if (p === null) return '–';
      const hundredths = parseAmount(p);
      return hundredths === null ? p : thaiPercent(hundredths, style);
    },
    date: (iso) => (lang === 'th' ? thaiDate(iso, style) : dateFmt.format(utc(iso))),
    month: (m) => monthFmt.format(utc(`${m}-01`)),
    monthParts: (m) => {
      const parts = monthYearShort.formatToParts(utc(`${m}-01`));
      return { month: parts.find((p) => p.type === 'month')?.value ?? m, year: parts.find((p) => p.type === 'year')?.value ?? '' };
    },
    monthYear: (m, long = true) => (long ? monthYearLong : monthYearShort).format(utc(`${m}-01`)),
    int: (n) => thaiInteger(n, style),
    digits: (text) => withDigits(text, style),
    dateTime: (instant) => dateTimeFmt.format(new Date(instant)),
  };
}
