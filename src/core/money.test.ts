import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, sumSatang } from './money.ts';

describe('parseAmount', () => {
  it.each([
    ['1234.5', 123450n],
    ['1234.50', 123450n],
    ['1,234.50', 123450n],
    ['1,234,567.8', 123456780n],
    ['-100', -10000n],
    ['-0.05', -5n],
    ['0.05', 5n],
    ['0', 0n],
    ['1421593.29', 142159329n],
    ['  12  ', 1200n],
    ['๑๒๓.๔๕', 12345n],
    ['๑,๔๒๑,๕๙๓.๒๙', 142159329n],
    ['99999999999999.99', 9999999999999999n],
  ])('%j is %s satang', (text, satang) => {
    expect(parseAmount(text)).toBe(satang);
  });

  it.each([
    ['.5'],
    ['1,23.00'],
    ['12.345'],
    ['1234,567'],
    ['1,2345.00'],
    ['1.'],
    ['+100'],
    ['- 100'],
    ['--100'],
    ['1e3'],
    ['12a'],
    ['฿100'],
    ['1 234'],
    [''],
    ['   '],
    ['NaN'],
  ])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it('is exact beyond the range of doubles', () => {
    expect(parseAmount('90071992547409.93')).toBe(9007199254740993n);
  });
});

describe('formatAmount', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [100n, '1.00'],
    [123450n, '1234.50'],
    [-10000n, '-100.00'],
    [-12345n, '-123.45'],
    [142159329n, '1421593.29'],
    [35799910671n, '357999106.71'],
    [9007199254740993n, '90071992547409.93'],
  ])('%s satang is %j', (satang, text) => {
    expect(formatAmount(satang)).toBe(text);
  });

  it('round-trips through parseAmount', () => {
    for (const s of ['0.00', '0.01', '-0.01', '1234.50', '-100.00', '359420700.00']) expect(formatAmount(parseAmount(s)!)).toBe(s);
  });
});

describe('sumSatang', () => {
  it('adds exactly', () => {
    expect(sumSatang([])).toBe(0n);
    expect(sumSatang([142159329n, 35799910671n])).toBe(35942070000n);
    expect(sumSatang([10n, -3n, 20n])).toBe(27n);
  });
});
