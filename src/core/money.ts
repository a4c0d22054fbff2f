/**
 * Money is integer satang (1 baht = 100 satang) held as bigint. It crosses every boundary
 * as a decimal string with two decimals ("1421593.29").
 */
import { toArabicDigits } from './thai.ts';

export type Satang = bigint;

const AMOUNT = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** The largest amount PostgreSQL's bigint holds, in satang (about 92 million million baht). */
export const MAX_SATANG = 2n ** 63n - 1n;

/** The longest text that can be an amount ("-92,233,720,368,547,758.07" is 26 characters): longer is refused before parsing. */
const MAX_AMOUNT_CHARS = 40;

/** Parses "1234.5", "1,234.50", "-100" into satang; returns null for anything else or beyond bigint. */
export function parseAmount(text: string): Satang | null {
  const t = text.trim();
  if (t.length > MAX_AMOUNT_CHARS) return null;
  const m = AMOUNT.exec(toArabicDigits(t));
  if (!m) return null;
  const [, minus, whole = '0', fraction = ''] = m;
  const satang = BigInt(whole.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  if (satang > MAX_SATANG) return null;
  return minus ? -satang : satang;
}

/** Formats satang as "1234.50" (no grouping): the API and CSV form. */
export function formatAmount(satang: Satang): string {
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export function sumSatang(values: Iterable<Satang>): Satang {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
