import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  forecast,
  hasNoCommitmentTooLong,
  sumForecasts,
  isBehindPlan,
  isBelowTarget,
  lastEndedQuarter,
  quarterEnd,
  quarterOf,
} from './progress.rules.ts';
import type { PlanMonth } from '../plans/plan.rules.ts';

describe('fiscal quarters', () => {
  it('FY 2559: Q1 Oct-Dec 2015 ... Q4 Jul-Sep 2016', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2559, q))).toEqual(['2015-12-31', '2016-03-31', '2016-06-30', '2016-09-30']);
    expect(quarterOf(2559, '2015-09-30')).toBe(0);
    expect(quarterOf(2559, '2015-10-01')).toBe(1);
    expect(quarterOf(2559, '2016-01-05')).toBe(2);
    expect(quarterOf(2559, '2016-10-01')).toBe(5);
    expect(lastEndedQuarter(2559, '2015-12-30')).toBe(0);
    expect(lastEndedQuarter(2559, '2016-01-05')).toBe(1);
    expect(lastEndedQuarter(2559, '2017-01-05')).toBe(4);
  });
  it('days', () => {
    expect(daysBetween('2016-01-05', '2016-03-31')).toBe(86);
    expect(addDays('2016-01-05', -60)).toBe('2015-11-06');
  });
});

describe('warnings', () => {
  it('behind plan by more than the setting (exactly 10 points is not more)', () => {
    expect(isBehindPlan(100n, 211n, 1000n, 1000n)).toBe(true);
    expect(isBehindPlan(100n, 201n, 1000n, 1000n)).toBe(true);
    expect(isBehindPlan(100n, 200n, 1000n, 1000n)).toBe(false);
    expect(isBehindPlan(300n, 200n, 1000n, 1000n)).toBe(false);
    expect(isBehindPlan(0n, 200n, 0n, 1000n)).toBe(false);
  });
  it('approved with no commitment for more than the setting', () => {
    expect(hasNoCommitmentTooLong('approved', '2015-10-15', null, '2016-01-05', 60)).toBe(true);
    expect(hasNoCommitmentTooLong('in_progress', '2015-10-15', null, '2016-01-05', 60)).toBe(true);
    expect(hasNoCommitmentTooLong('approved', '2015-10-15', '2015-12-01', '2016-01-05', 60)).toBe(false);
    expect(hasNoCommitmentTooLong('approved', '2015-10-15', '2016-02-01', '2016-01-05', 60)).toBe(true);
    expect(hasNoCommitmentTooLong('revising', '2015-10-15', null, '2016-01-05', 60)).toBe(false);
    expect(hasNoCommitmentTooLong('approved', '2015-10-15', null, '2015-12-14', 60)).toBe(false); // 60 days
    expect(hasNoCommitmentTooLong('approved', '2015-10-15', null, '2015-12-15', 60)).toBe(true); // 61 days
  });
  it('below the target, exactly', () => {
    expect(isBelowTarget(29n, 100n, 3000n)).toBe(true);
    expect(isBelowTarget(30n, 100n, 3000n)).toBe(false);
    expect(isBelowTarget(0n, 0n, 3000n)).toBe(false);
  });
});

describe('forecast', () => {
  const pays = [
    { date: '2015-10-20', amount: 10000000n }, // before the 60-day window (which starts after 2015-11-06)
    { date: '2015-12-01', amount: 6000000n },
    { date: '2016-01-05', amount: 3000000n },
    { date: '2016-02-01', amount: 99900000n }, // after asOf: ignored
  ];
  it('at the pace of the last 60 days without a plan', () => {
    const f = forecast({ asOf: '2016-01-05', target: '2016-03-31', allocated: 100000000n, disbursements: pays, plan: null, targetPercent: 5200n });
    // 190,000.00 + 90,000.00 * 86 / 60 = 319,000.00
    expect(f).toEqual({
      date: '2016-03-31',
      method: 'pace',
      amount: 31900000n,
      percent: 3190n,
      paceOfPlan: null,
      explanation: 'at the pace of the last 60 days: 31.90 % by 31 March 2016 against a target of 52.00 %',
      explanationTh: 'ตามอัตราการเบิกจ่าย 60 วันที่ผ่านมา คาดว่าจะเบิกจ่ายได้ ร้อยละ 31.90 ภายในวันที่ 31 มีนาคม 2559 เทียบกับเป้าหมายร้อยละ 52.00',
    });
  });

  it('the rest of the plan at the ratio achieved against it over the window', () => {
    const plan: PlanMonth[] = [
      { month: '2015-11', category: 'operating', amount: 10000000n },
      { month: '2015-12', category: 'operating', amount: 10000000n },
      { month: '2016-01', category: 'operating', amount: 10000000n },
      { month: '2016-02', category: 'operating', amount: 20000000n },
      { month: '2016-03', category: 'operating', amount: 30000000n },
    ];
    const f = forecast({
      asOf: '2016-01-31',
      target: '2016-03-31',
      allocated: 80000000n,
      windowDays: 31,
      plan,
      disbursements: [
        { date: '2015-11-15', amount: 10000000n },
        { date: '2015-12-20', amount: 10000000n },
        { date: '2016-01-10', amount: 5000000n },
      ],
    });
    // 250,000.00 + 500,000.00 planned ahead * 50 % = 500,000.00 of 800,000.00
    expect(f).toMatchObject({ method: 'plan', amount: 50000000n, percent: 6250n, paceOfPlan: 5000n });
    expect(f.explanation).toBe('the rest of the plan at 50.00 % of its pace, as over the last 31 days: 62.50 % by 31 March 2016');
  });

  it('never above the allocation, never below what is disbursed, and the actual once the date is past', () => {
    const fast = forecast({ asOf: '2016-01-05', target: '2016-09-30', allocated: 20000000n, disbursements: pays, plan: null });
    expect(fast).toMatchObject({ amount: 20000000n, percent: 10000n });
    const returns = forecast({
      asOf: '2016-01-05',
      target: '2016-03-31',
      allocated: 100000000n,
      disbursements: [
        { date: '2015-10-20', amount: 10000000n },
        { date: '2016-01-02', amount: -1000000n },
      ],
      plan: null,
    });
    expect(returns).toMatchObject({ method: 'pace', amount: 9000000n, percent: 900n });
    const past = forecast({ asOf: '2016-01-05', target: '2015-12-31', allocated: 100000000n, disbursements: pays, plan: null });
    expect(past).toMatchObject({ method: 'actual', amount: 19000000n, percent: 1900n });
  });
});

describe("an owner's forecast", () => {
  it('is the sum of its projects', () => {
    const plan = forecast({
      asOf: '2016-01-05',
      target: '2016-03-31',
      allocated: 100000000n,
      disbursements: [{ date: '2016-01-01', amount: 6000000n }],
      plan: [{ month: '2016-01', category: 'operating', amount: 31000000n }],
    });
    // 60,000.00 of the 50,000.00 planned by 5 Jan: 120 %; 260,000.00 planned ahead at that rate
    expect(plan).toMatchObject({ method: 'plan', amount: 37200000n, paceOfPlan: 12000n });
    const pace = forecast({ asOf: '2016-01-05', target: '2016-03-31', allocated: 100000000n, disbursements: [], plan: null });
    expect(pace).toMatchObject({ method: 'pace', amount: 0n });
    expect(sumForecasts([plan, pace], 200000000n, '2016-03-31', 5200n)).toEqual({
      date: '2016-03-31',
      method: 'sum',
      amount: 37200000n,
      percent: 1860n,
      paceOfPlan: null,
      explanation: "the sum of the projects' forecasts (1 from their plans, 1 at their pace): 18.60 % by 31 March 2016 against a target of 52.00 %",
      explanationTh:
        'รวมคาดการณ์รายโครงการ (ตามแผน 1 โครงการ ตามอัตราการเบิกจ่าย 1 โครงการ) คาดว่าจะเบิกจ่ายได้ ร้อยละ 18.60 ภายในวันที่ 31 มีนาคม 2559 เทียบกับเป้าหมายร้อยละ 52.00',
    });
  });
});
