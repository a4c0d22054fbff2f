/**
 * Percentages are computed from the exact ratio of two integers and rounded half up to two
 * decimals. They are held as integer hundredths of a percent (7232 = 72.32 %).
 */
export type Hundredths = bigint;

/** round_half_up(numerator / denominator * 100, 2) as hundredths; null when the denominator is 0. */
export function percentHundredths(numerator: bigint, denominator: bigint): Hundredths | null {
  if (denominator === 0n) return null;
  let num = numerator * 10000n;
  let den = denominator;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  // floor(num/den + 1/2) = floor((2*num + den) / (2*den)), with floor for negatives too
  const n2 = 2n * num + den;
  const d2 = 2n * den;
  const q = n2 / d2;
  return n2 % d2 !== 0n && n2 < 0n ? q - 1n : q;
}

export const HUNDRED_PERCENT: Hundredths = 10000n;

export function formatPercent(h: Hundredths): string {
  const negative = h < 0n;
  const abs = negative ? -h : h;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Compares a/b with c/d exactly (b, d > 0): negative, 0 or positive. */
export function compareRatios(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const left = a * d;
  const right = c * b;
  return left < right ? -1 : left > right ? 1 : 0;
}
