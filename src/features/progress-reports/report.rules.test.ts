import { describe, expect, it } from 'vitest';
import { dueMonths, isPhysicalBehind, lastDayOfMonth, nextMonth, overdueMonths, statusAfterReview, statusAfterSave } from './report.rules.ts';

describe('progress report rules', () => {
  it('save and review transitions', () => {
    expect(statusAfterSave(null, false)).toEqual({ ok: true, status: 'draft' });
    expect(statusAfterSave('draft', true)).toEqual({ ok: true, status: 'submitted' });
    expect(statusAfterSave('returned', false)).toEqual({ ok: true, status: 'returned' });
    expect(statusAfterSave('returned', true)).toEqual({ ok: true, status: 'submitted' });
    expect(statusAfterSave('submitted', true).ok).toBe(false);
    expect(statusAfterSave('accepted', false).ok).toBe(false);
    expect(statusAfterReview('submitted', 'return')).toEqual({ ok: true, status: 'returned' });
    expect(statusAfterReview('submitted', 'accept')).toEqual({ ok: true, status: 'accepted' });
    expect(statusAfterReview('draft', 'accept').ok).toBe(false);
  });

  it('months due and overdue', () => {
    expect(nextMonth('2015-12')).toBe('2016-01');
    expect(lastDayOfMonth('2016-02')).toBe('2016-02-29');
    expect(dueMonths('approved', '2015-11-20', '2016-01-05', '2015-10')).toEqual(['2015-11', '2015-12']);
    expect(dueMonths('in_progress', '2015-09-20', '2016-01-31', '2015-12')).toEqual(['2015-12']);
    expect(dueMonths('approved', '2015-11-20', '2016-01-05', null)).toEqual([]);
    expect(dueMonths('completed', '2015-11-20', '2016-01-05', '2015-10')).toEqual([]);
    const reports = new Map([
      ['2015-11', 'accepted' as const],
      ['2015-12', 'returned' as const],
    ]);
    expect(overdueMonths(['2015-10', '2015-11', '2015-12'], reports)).toEqual(['2015-10', '2015-12']);
  });

  it('physical progress behind plan by more than the threshold', () => {
    expect(isPhysicalBehind(3500n, 4500n, 1000n)).toBe(false);
    expect(isPhysicalBehind(3499n, 4500n, 1000n)).toBe(true);
  });
});
