import { describe, expect, it } from 'vitest';
import { HUNDRED_PERCENT, compareRatios, formatPercent, percentHundredths } from './percent.ts';

describe('percentHundredths', () => {
  it('gives the seed figures', () => {
    // 1,421,593.29 of 359,420,700.00 = 0.3955… % → 0.40
    expect(percentHundredths(142159329n, 35942070000n)).toBe(40n);
    // 205,973,814.96 of 284,810,000.00 = 72.3196… % → 72.32
    expect(percentHundredths(20597381496n, 28481000000n)).toBe(7232n);
  });

  it('is null for a zero denominator', () => {
    expect(percentHundredths(0n, 0n)).toBeNull();
    expect(percentHundredths(5n, 0n)).toBeNull();
  });

  it('handles whole and simple ratios', () => {
    expect(percentHundredths(0n, 7n)).toBe(0n);
    expect(percentHundredths(7n, 7n)).toBe(10000n);
    expect(percentHundredths(1n, 8n)).toBe(1250n);
    expect(percentHundredths(3n, 2n)).toBe(15000n);
    expect(percentHundredths(1n, 3n)).toBe(3333n);
    expect(percentHundredths(2n, 3n)).toBe(6667n);
  });

  it('rounds half up at exact .xx5 boundaries', () => {
    // 1/20000 = 0.005 % exactly
    expect(percentHundredths(1n, 20000n)).toBe(1n);
    // 3/20000 = 0.015 %
    expect(percentHundredths(3n, 20000n)).toBe(2n);
    // 199/20000 = 0.995 % → 1.00
    expect(percentHundredths(199n, 20000n)).toBe(100n);
    // 12.345 %: 12345/100000
    expect(percentHundredths(12345n, 100000n)).toBe(1235n);
    // 12.3449999… stays 12.34
    expect(percentHundredths(123449999n, 1000000000n)).toBe(1234n);
    // just above and just below the boundary
    expect(percentHundredths(10001n, 200000000n)).toBe(1n);
    expect(percentHundredths(9999n, 200000000n)).toBe(0n);
  });

  it('rounds negatives half up (towards +infinity) and below the boundary as usual', () => {
    expect(percentHundredths(-1n, 20000n)).toBe(0n); // -0.005 → -0.00 = 0
    expect(percentHundredths(-3n, 20000n)).toBe(-1n); // -0.015 → -0.01
    expect(percentHundredths(-12345n, 100000n)).toBe(-1234n); // -12.345 → -12.34
    expect(percentHundredths(-1n, 3n)).toBe(-3333n);
    expect(percentHundredths(-2n, 3n)).toBe(-6667n);
    expect(percentHundredths(-10001n, 200000000n)).toBe(-1n);
    expect(percentHundredths(-100n, 100n)).toBe(-10000n);
  });

  it('treats a negative denominator as the same ratio', () => {
    expect(percentHundredths(1n, -3n)).toBe(-3333n);
    expect(percentHundredths(-1n, -3n)).toBe(3333n);
    expect(percentHundredths(1n, -20000n)).toBe(percentHundredths(-1n, 20000n));
    expect(percentHundredths(-3n, -20000n)).toBe(2n);
  });

  it('is exact for amounts beyond doubles', () => {
    // (2^53 + 1) / (2 * (2^53 + 1)) = 50 %
    expect(percentHundredths(9007199254740993n, 18014398509481986n)).toBe(5000n);
  });
});

describe('formatPercent', () => {
  it.each([
    [0n, '0.00'],
    [40n, '0.40'],
    [9960n, '99.60'],
    [7232n, '72.32'],
    [HUNDRED_PERCENT, '100.00'],
    [15000n, '150.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [-1234n, '-12.34'],
  ])('%s hundredths is %j', (h, text) => {
    expect(formatPercent(h)).toBe(text);
  });
});

describe('compareRatios', () => {
  it('compares exactly', () => {
    expect(compareRatios(1n, 3n, 2n, 6n)).toBe(0);
    expect(compareRatios(1n, 3n, 1n, 2n)).toBe(-1);
    expect(compareRatios(1n, 2n, 1n, 3n)).toBe(1);
    expect(compareRatios(0n, 5n, 0n, 9n)).toBe(0);
    expect(compareRatios(-1n, 5n, 0n, 9n)).toBe(-1);
    // differ only beyond double precision
    expect(compareRatios(9007199254740993n, 9007199254740994n, 9007199254740992n, 9007199254740993n)).toBe(1);
    expect(compareRatios(9007199254740992n, 9007199254740993n, 9007199254740993n, 9007199254740994n)).toBe(-1);
  });

  it('tells apart ratios that round to the same percentage', () => {
    // 1/3 = 33.333…% and 100000/300001 = 33.3332…%: both print 33.33
    expect(percentHundredths(1n, 3n)).toBe(3333n);
    expect(percentHundredths(100000n, 300001n)).toBe(3333n);
    expect(compareRatios(1n, 3n, 100000n, 300001n)).toBe(1);
    expect(compareRatios(100000n, 300001n, 1n, 3n)).toBe(-1);
  });
});
