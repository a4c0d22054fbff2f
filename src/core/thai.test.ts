import { describe, expect, it } from 'vitest';
import { thaiAmount, thaiDate, thaiDateFull, thaiInteger, thaiMonth, thaiMonthNumber, thaiPercent, toArabicDigits, withDigits } from './thai.ts';

const arabic = { thaiDigits: false };

describe('thaiDate / thaiDateFull', () => {
  it('writes B.E. dates with Thai month names and digits', () => {
    expect(thaiDate('2016-01-05')).toBe('๕ มกราคม ๒๕๕๙');
    expect(thaiDate('2016-01-05', arabic)).toBe('5 มกราคม 2559');
    expect(thaiDate('2015-10-01')).toBe('๑ ตุลาคม ๒๕๕๘');
    expect(thaiDate('2016-02-29', arabic)).toBe('29 กุมภาพันธ์ 2559');
    expect(thaiDate('2015-12-15', arabic)).toBe('15 ธันวาคม 2558');
  });

  it('derives the weekday from the date', () => {
    expect(thaiDateFull('2016-01-06')).toBe('วันพุธที่ ๖ มกราคม พ.ศ. ๒๕๕๙');
    expect(thaiDateFull('2016-01-06', arabic)).toBe('วันพุธที่ 6 มกราคม พ.ศ. 2559');
    // The seed printed "วันพุธที่ ๒ มกราคม ๒๕๕๙"; 2 January 2016 was a Saturday.
    expect(thaiDateFull('2016-01-02')).toBe('วันเสาร์ที่ ๒ มกราคม พ.ศ. ๒๕๕๙');
    expect(thaiDateFull('2015-12-15', arabic)).toBe('วันอังคารที่ 15 ธันวาคม พ.ศ. 2558');
  });

  it('does not shift the day with the process time zone (dates are UTC midnight)', () => {
    expect(thaiDate('2015-12-31', arabic)).toBe('31 ธันวาคม 2558');
    expect(thaiDate('2016-01-01', arabic)).toBe('1 มกราคม 2559');
  });
});

describe('numbers', () => {
  it('thaiAmount groups thousands and keeps two decimals', () => {
    expect(thaiAmount(142159329n)).toBe('๑,๔๒๑,๕๙๓.๒๙');
    expect(thaiAmount(35799910671n)).toBe('๓๕๗,๙๙๙,๑๐๖.๗๑');
    expect(thaiAmount(35942070000n)).toBe('๓๕๙,๔๒๐,๗๐๐.๐๐');
    expect(thaiAmount(142159329n, arabic)).toBe('1,421,593.29');
    expect(thaiAmount(0n)).toBe('๐.๐๐');
    expect(thaiAmount(5n, arabic)).toBe('0.05');
    expect(thaiAmount(-5n, arabic)).toBe('-0.05');
    expect(thaiAmount(-12345678n, arabic)).toBe('-123,456.78');
    expect(thaiAmount(9007199254740993n, arabic)).toBe('90,071,992,547,409.93');
  });

  it('thaiPercent has no unit and no grouping', () => {
    expect(thaiPercent(40n)).toBe('๐.๔๐');
    expect(thaiPercent(9960n)).toBe('๙๙.๖๐');
    expect(thaiPercent(7232n)).toBe('๗๒.๓๒');
    expect(thaiPercent(7232n, arabic)).toBe('72.32');
    expect(thaiPercent(10000n, arabic)).toBe('100.00');
    expect(thaiPercent(1000000n, arabic)).toBe('10000.00');
    expect(thaiPercent(-5n, arabic)).toBe('-0.05');
    expect(thaiPercent(-5n)).toBe('-๐.๐๕');
  });

  it('thaiInteger writes years and counts without grouping', () => {
    expect(thaiInteger(2559)).toBe('๒๕๕๙');
    expect(thaiInteger(2559, arabic)).toBe('2559');
    expect(thaiInteger(12345n)).toBe('๑๒๓๔๕');
    expect(thaiInteger(0)).toBe('๐');
  });
});

describe('digits in text', () => {
  it('withDigits writes every digit in the chosen style', () => {
    expect(withDigits('กลุ่มจังหวัดภาคเหนือตอนบน 1', { thaiDigits: true })).toBe('กลุ่มจังหวัดภาคเหนือตอนบน ๑');
    expect(withDigits('0.40', { thaiDigits: true })).toBe('๐.๔๐');
    expect(withDigits('99.60', { thaiDigits: true })).toBe('๙๙.๖๐');
    // Codes (Latin letters with digits) are identifiers and stay as typed.
    expect(withDigits('โครงการ UN1-2559-01 งวด GF59-0101 ปี 2559', { thaiDigits: true })).toBe('โครงการ UN1-2559-01 งวด GF59-0101 ปี ๒๕๕๙');
    expect(withDigits('ปี 2559 ข้อ 10', { thaiDigits: true })).toBe('ปี ๒๕๕๙ ข้อ ๑๐');
    expect(withDigits('กลุ่มจังหวัดภาคเหนือตอนบน 1', arabic)).toBe('กลุ่มจังหวัดภาคเหนือตอนบน 1');
  });

  it('toArabicDigits reads Thai digits', () => {
    expect(toArabicDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
    expect(toArabicDigits('๕/๑/๒๕๕๙')).toBe('5/1/2559');
    expect(toArabicDigits('ปี ๒๕๕๙ and 12')).toBe('ปี 2559 and 12');
  });
});

describe('thaiMonth / thaiMonthNumber', () => {
  it('writes a month with its B.E. year, and reads Thai month names long or short', () => {
    expect(thaiMonth('2015-12')).toBe('ธันวาคม ๒๕๕๘');
    expect(thaiMonth('2016-01', { thaiDigits: false })).toBe('มกราคม 2559');
    expect(['มกราคม', 'ม.ค.', 'มค', 'ธ.ค.', 'ธันวาคม', ' มี.ค. ', 'กันยายน'].map(thaiMonthNumber)).toEqual([1, 1, 1, 12, 12, 3, 9]);
    expect(thaiMonthNumber('มกรา')).toBeNull();
    expect(thaiMonthNumber('January')).toBeNull();
  });
});
