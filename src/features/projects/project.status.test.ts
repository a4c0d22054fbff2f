import { describe, expect, it } from 'vitest';
import { PROJECT_STATUSES, STATUS_LABEL_EN, STATUS_LABEL_TH, allowedTransitions, canTransition, type ProjectStatus } from './project.status.ts';

// The full table: every (from, to) pair and whether it is allowed.
const TABLE: Record<ProjectStatus, ProjectStatus[]> = {
  proposed: ['revising', 'approved', 'cancelled'],
  revising: ['proposed', 'approved', 'cancelled'],
  approved: ['revising', 'in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

describe('project status transitions', () => {
  it('lists the six statuses in life order', () => {
    expect(PROJECT_STATUSES).toEqual(['proposed', 'revising', 'approved', 'in_progress', 'completed', 'cancelled']);
  });

  it('allowedTransitions matches the table', () => {
    for (const from of PROJECT_STATUSES) expect([...allowedTransitions(from)]).toEqual(TABLE[from]);
  });

  const pairs = PROJECT_STATUSES.flatMap((from) => PROJECT_STATUSES.map((to) => [from, to, TABLE[from].includes(to)] as const));
  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('no status goes to itself; completed and cancelled are final', () => {
    for (const s of PROJECT_STATUSES) expect(canTransition(s, s)).toBe(false);
    expect(allowedTransitions('completed')).toHaveLength(0);
    expect(allowedTransitions('cancelled')).toHaveLength(0);
  });

  it('has Thai and English labels for each status', () => {
    expect(STATUS_LABEL_TH).toEqual({
      proposed: 'เสนอโครงการ',
      revising: 'อยู่ระหว่างการปรับเนื้อหารายละเอียด',
      approved: 'อนุมัติ',
      in_progress: 'อยู่ระหว่างดำเนินการ',
      completed: 'ดำเนินการแล้วเสร็จ',
      cancelled: 'ยกเลิก',
    });
    expect(Object.keys(STATUS_LABEL_EN)).toEqual([...PROJECT_STATUSES]);
  });
});
