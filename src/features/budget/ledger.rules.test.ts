import { describe, expect, it } from 'vitest';
import { firstBreach, type DatedAmount } from './ledger.rules.ts';

const d = (date: string, amount: bigint): DatedAmount => ({ kind: 'disbursement', date, amount });
const a = (date: string, amount: bigint): DatedAmount => ({ kind: 'adjustment', date, amount });

describe('firstBreach: the ledger rule on every date', () => {
  it('accepts disbursements up to the allocation, a later adjustment, and returns', () => {
    expect(firstBreach(1000n, [d('2015-11-01', 1000n), a('2015-12-01', 500n), d('2015-12-02', 500n), d('2015-12-03', -200n)])).toBeNull();
  });

  it('refuses a disbursement that a later adjustment would cover: above the allocation on its date', () => {
    expect(firstBreach(1000n, [a('2015-12-01', 500n), d('2015-11-15', 1200n)])).toEqual({
      date: '2015-11-15',
      rule: 'above_allocation',
      allocated: 1000n,
      disbursed: 1200n,
    });
  });

  it('refuses a return dated before what it returns', () => {
    expect(firstBreach(1000n, [d('2015-11-01', 100n), d('2015-10-15', -100n)])).toEqual({
      date: '2015-10-15',
      rule: 'below_zero',
      allocated: 1000n,
      disbursed: -100n,
    });
  });

  it('refuses an adjustment that leaves less than was disbursed by its date, or a negative allocation', () => {
    expect(firstBreach(1000n, [d('2015-11-01', 800n), a('2015-12-01', -300n)])).toEqual({
      date: '2015-12-01',
      rule: 'above_allocation',
      allocated: 700n,
      disbursed: 800n,
    });
    expect(firstBreach(100n, [a('2015-12-01', -101n)])).toEqual({ date: '2015-12-01', rule: 'negative_allocation', allocated: -1n, disbursed: 0n });
  });

  it('nets entries of the same date before checking (a payment and its adjustment on one day)', () => {
    expect(firstBreach(0n, [d('2016-01-04', 500n), a('2016-01-04', 500n)])).toBeNull();
  });
});
