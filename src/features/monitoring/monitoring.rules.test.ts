import { describe, expect, it } from 'vitest';
import { daysBetween, followUpTransition, isOverdue, rangesOverlap, statusAsOf } from './monitoring.rules.ts';

describe('follow-up transitions', () => {
  it('go forward (open → in_progress → closed, open → closed) or keep the status', () => {
    expect(followUpTransition('open', 'in_progress')).toEqual({ ok: true });
    expect(followUpTransition('open', 'closed')).toEqual({ ok: true });
    expect(followUpTransition('in_progress', 'closed')).toEqual({ ok: true });
    expect(followUpTransition('open', 'open')).toEqual({ ok: true });
    expect(followUpTransition('in_progress', 'in_progress')).toEqual({ ok: true });
  });
  it('never go back, and nothing follows a closed recommendation', () => {
    expect(followUpTransition('in_progress', 'open')).toEqual({ ok: false, message: 'is in_progress: it cannot go back to open' });
    expect(followUpTransition('closed', 'closed')).toEqual({ ok: false, message: 'is closed: no follow-up can be added' });
    expect(followUpTransition('closed', 'in_progress')).toEqual({ ok: false, message: 'is closed: no follow-up can be added' });
  });
});

describe('status as of a date', () => {
  const followUps = [
    { date: '2016-02-15', status: 'in_progress' as const },
    { date: '2016-03-10', status: 'closed' as const },
  ];
  it('is open before any follow-up, then that of the latest follow-up dated by then', () => {
    expect(statusAsOf(followUps, '2016-02-14')).toBe('open');
    expect(statusAsOf(followUps, '2016-02-15')).toBe('in_progress');
    expect(statusAsOf(followUps, '2016-03-09')).toBe('in_progress');
    expect(statusAsOf(followUps, '2016-03-10')).toBe('closed');
    expect(statusAsOf([], '2030-01-01')).toBe('open');
  });
  it('two follow-ups on one day: the one added last counts', () => {
    expect(
      statusAsOf(
        [
          { date: '2016-02-15', status: 'in_progress' },
          { date: '2016-02-15', status: 'closed' },
        ],
        '2016-02-15',
      ),
    ).toBe('closed');
  });
});

describe('overdue as of a date', () => {
  const rec = { visitedOn: '2016-01-19', dueDate: '2016-02-15', followUps: [{ date: '2016-03-01', status: 'closed' as const }] };
  it('is due before the date and not closed as of it', () => {
    expect(isOverdue(rec, '2016-02-15')).toBe(false); // due that very day: not yet
    expect(isOverdue(rec, '2016-02-16')).toBe(true);
    expect(isOverdue(rec, '2016-02-29')).toBe(true);
    expect(isOverdue(rec, '2016-03-01')).toBe(false); // closed that day
    expect(isOverdue({ ...rec, followUps: [{ date: '2016-02-20', status: 'in_progress' }] }, '2016-03-01')).toBe(true);
  });
  it('a recommendation of a visit after the date does not exist yet', () => {
    expect(isOverdue({ visitedOn: '2016-01-19', dueDate: '2016-01-19', followUps: [] }, '2016-01-18')).toBe(false);
  });
  it('days overdue and overlapping ranges', () => {
    expect(daysBetween('2016-02-15', '2016-03-01')).toBe(15); // 2016 is a leap year
    expect(daysBetween('2015-12-31', '2016-01-01')).toBe(1);
    expect(rangesOverlap('2016-01-14', '2016-01-26', '2016-01-26', '2016-02-05')).toBe(true);
    expect(rangesOverlap('2016-01-14', '2016-01-26', '2016-01-27', '2016-02-05')).toBe(false);
  });
});
