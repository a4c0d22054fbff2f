import { describe, expect, it } from 'vitest';
import {
  achievement,
  comparePeriods,
  formatDec,
  formatScore,
  parseDec,
  periodEnd,
  periodProblem,
  scaleProblem,
  score,
  thaiList,
  transitionProblem,
  type Direction,
  type Scale,
} from './indicators.rules.ts';

const d = (s: string) => {
  const v = parseDec(s);
  if (v === null) throw new Error(s);
  return v;
};
const scale = (levels: string[], below = '0', above = '5'): Scale => ({
  levels: levels.map(d) as Scale['levels'],
  below: d(below),
  above: d(above),
});
const scoreOf = (dir: Direction, s: Scale, v: string) => formatScore(score(dir, s, d(v)));

describe('decimals', () => {
  it('parse exactly to ten-thousandths and print the shortest text', () => {
    expect(parseDec('12.5')).toBe(125000n);
    expect(parseDec('1,234.5678')).toBe(12345678n);
    expect(parseDec('๙๐,๐๐๐')).toBe(900000000n);
    expect(parseDec('-0.25')).toBe(-2500n);
    for (const bad of ['', '1.23456', '1,23', 'abc', '1e3', '0x10']) expect(parseDec(bad), bad).toBeNull();
    expect(formatDec(125000n)).toBe('12.5');
    expect(formatDec(900000000n)).toBe('90000');
    expect(formatDec(-2500n)).toBe('-0.25');
    expect(formatScore(35000n)).toBe('3.5000');
  });
});

describe('scoring: higher is better (levels 10, 20, 30, 40, 50)', () => {
  const s = scale(['10', '20', '30', '40', '50']);
  it('at every level', () => {
    expect(['10', '20', '30', '40', '50'].map((v) => scoreOf('higher', s, v))).toEqual(['1.0000', '2.0000', '3.0000', '4.0000', '5.0000']);
  });
  it('between every two levels, linearly', () => {
    expect(['15', '22.5', '37', '49.99'].map((v) => scoreOf('higher', s, v))).toEqual(['1.5000', '2.2500', '3.7000', '4.9990']);
  });
  it('outside the scale: the settings (default 0 below level 1, 5 above level 5)', () => {
    expect(scoreOf('higher', s, '9.9999')).toBe('0.0000');
    expect(scoreOf('higher', s, '-100')).toBe('0.0000');
    expect(scoreOf('higher', s, '50.0001')).toBe('5.0000');
    const t = scale(['10', '20', '30', '40', '50'], '0.5', '4.75');
    expect(scoreOf('higher', t, '9')).toBe('0.5000');
    expect(scoreOf('higher', t, '10')).toBe('1.0000');
    expect(scoreOf('higher', t, '50')).toBe('5.0000');
    expect(scoreOf('higher', t, '51')).toBe('4.7500');
  });
  it('rounds half up to 4 decimals from the exact ratio', () => {
    const thirds = scale(['0', '3', '6', '9', '12']);
    expect(scoreOf('higher', thirds, '1')).toBe('1.3333');
    expect(scoreOf('higher', thirds, '2')).toBe('1.6667');
    const halves = scale(['0', '2', '4', '6', '8']);
    // 1 + 0.0001/2 = 1.00005 exactly: half up gives 1.0001
    expect(scoreOf('higher', halves, '0.0001')).toBe('1.0001');
    // 4 + 1.9999/2 = 4.99995 exactly: half up gives 5.0000 (below level 5's value, yet the rounded score is 5)
    expect(scoreOf('higher', halves, '7.9999')).toBe('5.0000');
    expect(scoreOf('higher', halves, '7.9997')).toBe('4.9999'); // 4.99985
  });
});

describe('scoring: lower is better (levels 50, 40, 30, 20, 10)', () => {
  const s = scale(['50', '40', '30', '20', '10']);
  it('at every level', () => {
    expect(['50', '40', '30', '20', '10'].map((v) => scoreOf('lower', s, v))).toEqual(['1.0000', '2.0000', '3.0000', '4.0000', '5.0000']);
  });
  it('between every two levels, linearly', () => {
    expect(['45', '33', '27.5', '10.01'].map((v) => scoreOf('lower', s, v))).toEqual(['1.5000', '2.7000', '3.2500', '4.9990']);
  });
  it('outside the scale', () => {
    expect(scoreOf('lower', s, '50.0001')).toBe('0.0000');
    expect(scoreOf('lower', s, '9.9999')).toBe('5.0000');
    expect(scoreOf('lower', s, '0')).toBe('5.0000');
    const t = scale(['50', '40', '30', '20', '10'], '1', '4');
    expect(scoreOf('lower', t, '60')).toBe('1.0000');
    expect(scoreOf('lower', t, '5')).toBe('4.0000');
  });
  it('a scale must move in the direction of the indicator', () => {
    expect(scaleProblem('lower', s)).toBeNull();
    expect(scaleProblem('higher', s)).toBe('the value of level 2 must be greater than that of level 1 (higher is better: yes)');
    expect(scaleProblem('lower', scale(['50', '40', '40', '20', '10']))).toBe(
      'the value of level 3 must be less than that of level 2 (higher is better: no)',
    );
    expect(scaleProblem('lower', scale(['50', '40', '30', '20', '10'], '0', '6'))).toBe('the score above level 5 must be between 0 and 5');
  });
});

describe('achievement, periods, status', () => {
  it('achievement is result/target, or target/result when lower is better, half up to 2 decimals', () => {
    expect(achievement('higher', d('22000'), d('21500'))).toBe(9773n);
    expect(achievement('lower', d('5'), d('4'))).toBe(12500n);
    expect(achievement('higher', 0n, d('4'))).toBeNull();
  });
  it('periods of fiscal year 2559', () => {
    expect(periodEnd(2559, 'annual')).toBe('2016-09-30');
    expect(periodEnd(2559, 'Q1')).toBe('2015-12-31');
    expect(periodEnd(2559, 'Q2')).toBe('2016-03-31');
    expect(periodEnd(2559, '2016-02')).toBe('2016-02-29');
    expect(periodProblem(2559, '2016-10')).toBe('2016-10 is not a month of fiscal year 2559 (2015-10 to 2016-09)');
    expect(periodProblem(2559, 'Q5')).toContain('is not a period');
    expect(['annual', 'Q4', '2016-09', 'Q1', '2015-10'].sort((a, b) => comparePeriods(2559, a, b))).toEqual([
      '2015-10',
      'Q1',
      '2016-09',
      'Q4',
      'annual',
    ]);
  });
  it('the agreement goes forward one step at a time', () => {
    expect(transitionProblem('draft', 'proposed')).toBeNull();
    expect(transitionProblem('proposed', 'agreed')).toBeNull();
    expect(transitionProblem('draft', 'agreed')).toContain('one step at a time');
    expect(transitionProblem('agreed', 'draft')).toContain('cannot go from agreed to draft');
  });
  it('a Thai list as the seed writes it', () => {
    expect(thaiList(['ลำไย', 'กระเทียม', 'ถั่วเหลือง'])).toBe('ลำไย, กระเทียม และถั่วเหลือง');
    expect(thaiList(['กระเทียม', 'ถั่วเหลือง'])).toBe('กระเทียมและถั่วเหลือง');
    expect(thaiList(['ลำไย'])).toBe('ลำไย');
  });
});
