import { describe, expect, it } from 'vitest';
import { planInForce, plannedCumulative, plannedPhysical, type PlanMonth } from './plan.rules.ts';

describe('plan in force by date', () => {
  const versions = [
    { version: 1, effectiveFrom: '2015-10-01' },
    { version: 3, effectiveFrom: '2016-01-15' },
    { version: 2, effectiveFrom: '2016-01-15' },
  ];
  it('is the latest effective on or before the date; a later version wins a tie', () => {
    expect(planInForce(versions, '2015-09-30')).toBeNull();
    expect(planInForce(versions, '2015-10-01')?.version).toBe(1);
    expect(planInForce(versions, '2016-01-14')?.version).toBe(1);
    expect(planInForce(versions, '2016-01-15')?.version).toBe(3);
    expect(planInForce(versions, '2017-01-01')?.version).toBe(3);
  });
});

describe('planned cumulative disbursement', () => {
  const months: PlanMonth[] = [
    { month: '2015-10', category: 'operating', amount: 100000n },
    { month: '2015-11', category: 'operating', amount: 300000n },
    { month: '2016-01', category: 'operating', amount: 310000n },
    { month: '2016-01', category: 'investment', amount: 620000n },
  ];
  it('counts past months whole and the current month by its days, floored', () => {
    expect(plannedCumulative(months, '2015-09-30')).toBe(0n);
    expect(plannedCumulative(months, '2015-10-15')).toBe(48387n); // 100000 * 15/31 = 48387.09
    expect(plannedCumulative(months, '2015-10-31')).toBe(100000n);
    expect(plannedCumulative(months, '2015-12-31')).toBe(400000n);
    expect(plannedCumulative(months, '2016-01-05', 'operating')).toBe(450000n); // 400000 + 310000 * 5/31
    expect(plannedCumulative(months, '2016-01-05', 'investment')).toBe(100000n);
    expect(plannedCumulative(months, '2016-01-05')).toBe(550000n);
    expect(plannedCumulative(months, '2016-10-01')).toBe(1330000n);
  });
});

describe('planned physical progress', () => {
  const physical = [
    { month: '2015-10', percent: 1000n },
    { month: '2015-12', percent: 4000n },
  ];
  it('runs linearly within a month from the previous month end, half up', () => {
    expect(plannedPhysical([], '2015-12-16')).toBeNull();
    expect(plannedPhysical(physical, '2015-10-31')).toBe(1000n);
    expect(plannedPhysical(physical, '2015-11-15')).toBe(1000n);
    expect(plannedPhysical(physical, '2015-12-16')).toBe(2548n); // 1000 + 3000 * 16/31 = 2548.39
    expect(plannedPhysical(physical, '2015-12-31')).toBe(4000n);
    expect(plannedPhysical(physical, '2016-02-01')).toBe(4000n);
    expect(plannedPhysical(physical, '2015-10-16')).toBe(516n); // 1000 * 16/31 = 516.13
  });
});
