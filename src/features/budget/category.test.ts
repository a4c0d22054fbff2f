import { describe, expect, it } from 'vitest';
import { categoryTotals, effectiveLines, firstCategoryBreach, resolveCategory, type CategorisedAmount } from './category.ts';

const d = (date: string, amount: bigint, category: CategorisedAmount['category'] = 'operating'): CategorisedAmount => ({
  kind: 'disbursement',
  date,
  amount,
  category,
});
const a = (date: string, amount: bigint, category: CategorisedAmount['category'] = 'operating'): CategorisedAmount => ({
  kind: 'adjustment',
  date,
  amount,
  category,
});
const lines = [
  { category: 'operating' as const, amount: 1000n },
  { category: 'investment' as const, amount: 500n },
];

describe('budget categories', () => {
  it('a project without lines has one operating line of its whole budget', () => {
    expect(effectiveLines(1000n, [])).toEqual([{ category: 'operating', amount: 1000n }]);
    expect(effectiveLines(1500n, [...lines].reverse())).toEqual(lines);
  });

  it('an entry takes the only category, or must name one of the project', () => {
    expect(resolveCategory([{ category: 'investment', amount: 5n }], undefined)).toEqual({ ok: true, category: 'investment' });
    expect(resolveCategory(lines, 'investment')).toEqual({ ok: true, category: 'investment' });
    expect(resolveCategory(lines, undefined)).toEqual({
      ok: false,
      message: 'the project has several budget categories (operating, investment): name the category',
    });
    expect(resolveCategory(lines, 'other')).toEqual({
      ok: false,
      message: 'the project has no other budget (its categories: operating, investment)',
    });
  });

  it('the ledger rule holds in each category, not only in total', () => {
    expect(firstCategoryBreach(lines, [d('2016-01-01', 900n), d('2016-01-02', 400n, 'investment')])).toBeNull();
    expect(firstCategoryBreach(lines, [d('2016-01-01', 100n), d('2016-01-02', 600n, 'investment')])).toEqual({
      category: 'investment',
      date: '2016-01-02',
      rule: 'above_allocation',
      allocated: 500n,
      disbursed: 600n,
    });
    // an adjustment taking investment below what it disbursed, though the total would allow it
    expect(firstCategoryBreach(lines, [d('2016-01-01', 400n, 'investment'), a('2016-01-03', -200n, 'investment'), a('2016-01-03', 200n)])).toEqual({
      category: 'investment',
      date: '2016-01-03',
      rule: 'above_allocation',
      allocated: 300n,
      disbursed: 400n,
    });
    // the earliest breach wins across categories
    expect(firstCategoryBreach(lines, [d('2016-02-01', 1001n), d('2016-01-15', 501n, 'investment')])?.category).toBe('investment');
    // an entry of a category the project does not have
    expect(firstCategoryBreach(lines, [d('2016-01-01', 1n, 'other')])).toMatchObject({ category: 'other', allocated: 0n, disbursed: 1n });
  });

  it('totals of one category as of a date', () => {
    const entries = [d('2016-01-01', 100n), a('2016-01-02', 50n, 'investment'), d('2016-01-03', 70n, 'investment')];
    expect(categoryTotals(lines, entries, 'investment', '2016-01-02')).toEqual({ allocated: 550n, disbursed: 0n });
    expect(categoryTotals(lines, entries, 'investment')).toEqual({ allocated: 550n, disbursed: 70n });
    expect(categoryTotals(lines, entries, 'operating')).toEqual({ allocated: 1000n, disbursed: 100n });
  });
});
