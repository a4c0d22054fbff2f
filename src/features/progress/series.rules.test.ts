import { describe, expect, it } from 'vitest';
import { categorySplit, plannedMonths, plannedSeries } from './series.rules.ts';
import type { PlanMonth } from '../plans/plan.rules.ts';

const months = (...m: [string, bigint][]): PlanMonth[] => m.map(([month, amount]) => ({ month, category: 'operating', amount }));

describe('planned cumulative series of an owner', () => {
  const a = [
    { version: 1, effectiveFrom: '2015-10-01', months: months(['2015-11', 1000n], ['2016-01', 3100n]) },
    { version: 2, effectiveFrom: '2016-01-15', months: months(['2015-11', 1000n], ['2016-02', 5000n]) },
  ];
  const b = [{ version: 1, effectiveFrom: '2015-12-01', months: months(['2015-10', 700n], ['2016-10', 300n]) }];
  const ends = ['2015-10-31', '2015-11-30', '2016-01-05', '2016-01-31', '2016-02-29', '2016-10-31'];

  it('sums each project by its plan in force on asOf, at each date (a month partly, by its days)', () => {
    // as of 2016-01-14: a v1, b; on 2016-01-05 a's January counts 5/31 of 3100 = 500
    expect(plannedSeries([a, b], '2016-01-14', ends)).toEqual({ withPlan: 2, amounts: [700n, 1700n, 2200n, 4800n, 4800n, 5100n] });
  });

  it('a revision effective after asOf is not yet the plan; from its date it is', () => {
    expect(plannedSeries([a], '2016-01-14', ['2016-02-29'])).toEqual({ withPlan: 1, amounts: [4100n] });
    expect(plannedSeries([a], '2016-01-15', ['2016-02-29'])).toEqual({ withPlan: 1, amounts: [6000n] });
  });

  it('projects without a plan in force add nothing; none at all gives null', () => {
    expect(plannedSeries([a, b, []], '2015-11-30', ['2015-11-30'])).toEqual({ withPlan: 1, amounts: [1000n] });
    expect(plannedSeries([[], b], '2015-11-30', ends)).toEqual({ withPlan: 0, amounts: null });
    expect(plannedSeries([], '2016-01-01', ends)).toEqual({ withPlan: 0, amounts: null });
  });

  it('lists the months the plans in force plan an amount in, sorted, once each', () => {
    expect(plannedMonths([a, b], '2016-01-14')).toEqual(['2015-10', '2015-11', '2016-01', '2016-10']);
    expect(plannedMonths([a, b], '2016-01-15')).toEqual(['2015-10', '2015-11', '2016-02', '2016-10']);
    expect(plannedMonths([a], '2015-09-30')).toEqual([]);
  });
});

describe('split by budget category', () => {
  const p1 = {
    lines: [
      { category: 'operating' as const, amount: 30000n },
      { category: 'investment' as const, amount: 50000n },
    ],
    entries: [
      { kind: 'disbursement' as const, date: '2015-11-01', amount: 1000n, category: 'operating' as const },
      { kind: 'adjustment' as const, date: '2015-12-01', amount: 10000n, category: 'investment' as const },
      { kind: 'disbursement' as const, date: '2015-12-02', amount: 2500n, category: 'investment' as const },
      { kind: 'disbursement' as const, date: '2015-12-03', amount: -500n, category: 'investment' as const },
      { kind: 'disbursement' as const, date: '2016-02-01', amount: 7000n, category: 'operating' as const },
    ],
  };
  const p2 = { lines: [{ category: 'operating' as const, amount: 20000n }], entries: [] };

  it('every category in order, with lines plus adjustments and disbursements (returns negative) up to asOf', () => {
    expect(categorySplit([p1, p2], '2016-01-31')).toEqual([
      { category: 'operating', projectCount: 2, allocated: 50000n, disbursed: 1000n },
      { category: 'investment', projectCount: 1, allocated: 60000n, disbursed: 2000n },
      { category: 'other', projectCount: 0, allocated: 0n, disbursed: 0n },
    ]);
    expect(categorySplit([p1, p2], '2015-11-30').map((c) => [c.allocated, c.disbursed])).toEqual([
      [50000n, 1000n],
      [50000n, 0n],
      [0n, 0n],
    ]);
  });

  it('adds up to the totals exactly', () => {
    const split = categorySplit([p1, p2], '2016-12-31');
    expect(split.reduce((s, c) => s + c.allocated, 0n)).toBe(30000n + 50000n + 10000n + 20000n);
    expect(split.reduce((s, c) => s + c.disbursed, 0n)).toBe(1000n + 2500n - 500n + 7000n);
  });

  it('no projects: three empty categories', () => {
    expect(categorySplit([], '2016-01-01').map((c) => c.projectCount + Number(c.allocated))).toEqual([0, 0, 0]);
  });
});
