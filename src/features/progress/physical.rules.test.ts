import { describe, expect, it } from 'vitest';
import { weightedPhysical } from './progress.rules.ts';

describe("an owner's physical progress", () => {
  it('is the allocation-weighted average of the projects that have a percentage, half up from the exact ratio', () => {
    // (1,000,000.00 × 30.00 % + 500,000.00 × 10.00 %) / 1,500,000.00 = 23.333… → 23.33
    expect(
      weightedPhysical([
        { allocated: 100000000n, percent: 3000n },
        { allocated: 50000000n, percent: 1000n },
        { allocated: 900000000n, percent: null },
      ]),
    ).toEqual({ percent: 2333n, projects: 2 });
    // (1 × 0.01 % + 1 × 0.02 %) / 2 = 0.015 → 0.02 (half up)
    expect(
      weightedPhysical([
        { allocated: 1n, percent: 1n },
        { allocated: 1n, percent: 2n },
      ]),
    ).toEqual({ percent: 2n, projects: 2 });
  });

  it('is null without any percentage, or when the allocations sum to zero', () => {
    expect(weightedPhysical([{ allocated: 100n, percent: null }])).toEqual({ percent: null, projects: 0 });
    expect(weightedPhysical([])).toEqual({ percent: null, projects: 0 });
    expect(weightedPhysical([{ allocated: 0n, percent: 5000n }])).toEqual({ percent: null, projects: 1 });
  });
});
