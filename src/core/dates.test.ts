import { describe, expect, it } from 'vitest';
import { fiscalYearEnd, fiscalYearMonthEnds, fiscalYearOf, fiscalYearStart, isIsoDate, isValidDate, minDate, parseDate, todayIso } from './dates.ts';

describe('fiscal years', () => {
  it('FY 2559 runs 2015-10-01 .. 2016-09-30', () => {
    expect(fiscalYearStart(2559)).toBe('2015-10-01');
    expect(fiscalYearEnd(2559)).toBe('2016-09-30');
    expect(fiscalYearStart(2558)).toBe('2014-10-01');
    expect(fiscalYearEnd(2558)).toBe('2015-09-30');
  });

  it('fiscalYearOf follows the 1 October boundary', () => {
    expect(fiscalYearOf('2015-09-30')).toBe(2558);
    expect(fiscalYearOf('2015-10-01')).toBe(2559);
    expect(fiscalYearOf('2016-01-05')).toBe(2559);
    expect(fiscalYearOf('2016-09-30')).toBe(2559);
    expect(fiscalYearOf('2016-10-01')).toBe(2560);
    expect(fiscalYearOf('2015-12-31')).toBe(2559);
    expect(fiscalYearOf('2016-01-01')).toBe(2559);
  });

  it('the start and end of a fiscal year fall in it', () => {
    for (const fy of [2500, 2558, 2559, 2560, 2700]) {
      expect(fiscalYearOf(fiscalYearStart(fy))).toBe(fy);
      expect(fiscalYearOf(fiscalYearEnd(fy))).toBe(fy);
    }
  });

  it('month ends of FY 2559, October first, with the leap February', () => {
    expect(fiscalYearMonthEnds(2559)).toEqual([
      '2015-10-31',
      '2015-11-30',
      '2015-12-31',
      '2016-01-31',
      '2016-02-29',
      '2016-03-31',
      '2016-04-30',
      '2016-05-31',
      '2016-06-30',
      '2016-07-31',
      '2016-08-31',
      '2016-09-30',
    ]);
    expect(fiscalYearMonthEnds(2558)[4]).toBe('2015-02-28');
  });
});

describe('parseDate', () => {
  it.each([
    ['2016-01-05', '2016-01-05'],
    ['5/1/2559', '2016-01-05'],
    ['05/01/2559', '2016-01-05'],
    [' 5/1/2559 ', '2016-01-05'],
    ['๕/๑/๒๕๕๙', '2016-01-05'],
    ['29/2/2559', '2016-02-29'],
    ['1/10/2558', '2015-10-01'],
    ['30/9/2559', '2016-09-30'],
    ['31/12/2558', '2015-12-31'],
    ['2016-02-29', '2016-02-29'],
  ])('%j is %s', (text, date) => {
    expect(parseDate(text)).toEqual({ ok: true, date });
  });

  it('refuses dates that do not exist', () => {
    expect(parseDate('31/2/2559')).toEqual({ ok: false, message: '31/2/2559 is not a real date' });
    expect(parseDate('29/2/2558')).toEqual({ ok: false, message: '29/2/2558 is not a real date' });
    expect(parseDate('2016-02-30')).toEqual({ ok: false, message: '2016-02-30 is not a real date' });
    expect(parseDate('2015-02-29')).toEqual({ ok: false, message: '2015-02-29 is not a real date' });
    expect(parseDate('0/1/2559')).toEqual({ ok: false, message: '0/1/2559 is not a real date' });
    expect(parseDate('1/13/2559')).toEqual({ ok: false, message: '1/13/2559 is not a real date' });
    expect(parseDate('2016-13-01')).toEqual({ ok: false, message: '2016-13-01 is not a real date' });
  });

  it('refuses a d/m/yyyy date in C.E.', () => {
    expect(parseDate('5/1/2016')).toEqual({ ok: false, message: '5/1/2016: a d/m/yyyy date must have a Buddhist-Era year (e.g. 5/1/2559)' });
  });

  it.each([['2016-1-5'], ['20160105'], ['5-1-2559'], ['5/1/59'], ['January 5, 2016'], ['2016-01-05T00:00:00Z']])('refuses the form %j', (text) => {
    expect(parseDate(text)).toEqual({ ok: false, message: `${text} is not a date: use YYYY-MM-DD or d/m/yyyy in B.E.` });
  });

  it('names an empty cell', () => {
    expect(parseDate('')).toEqual({ ok: false, message: '(empty) is not a date: use YYYY-MM-DD or d/m/yyyy in B.E.' });
  });
});

describe('small helpers', () => {
  it('isValidDate and isIsoDate', () => {
    expect(isValidDate(2016, 2, 29)).toBe(true);
    expect(isValidDate(2015, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2016, 0, 1)).toBe(false);
    expect(isValidDate(2016, 1, 0)).toBe(false);
    expect(isIsoDate('2016-01-05')).toBe(true);
    expect(isIsoDate('2016-02-30')).toBe(false);
    expect(isIsoDate('5/1/2559')).toBe(false);
  });

  it('todayIso is the UTC date; minDate the earlier', () => {
    expect(todayIso(new Date('2016-01-05T23:59:59Z'))).toBe('2016-01-05');
    expect(minDate('2016-01-05', '2015-09-30')).toBe('2015-09-30');
    expect(minDate('2015-09-30', '2016-01-05')).toBe('2015-09-30');
  });
});
