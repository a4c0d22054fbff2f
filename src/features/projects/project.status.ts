/** The life of a project and the status changes allowed. */
export const PROJECT_STATUSES = ['proposed', 'revising', 'approved', 'in_progress', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const ALLOWED: Record<ProjectStatus, readonly ProjectStatus[]> = {
  proposed: ['revising', 'approved', 'cancelled'],
  revising: ['proposed', 'approved', 'cancelled'],
  approved: ['revising', 'in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function allowedTransitions(from: ProjectStatus): readonly ProjectStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return ALLOWED[from].includes(to);
}

export const STATUS_LABEL_TH: Record<ProjectStatus, string> = {
  proposed: 'เสนอโครงการ',
  revising: 'อยู่ระหว่างการปรับเนื้อหารายละเอียด',
  approved: 'อนุมัติ',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  completed: 'ดำเนินการแล้วเสร็จ',
  cancelled: 'ยกเลิก',
};

export const STATUS_LABEL_EN: Record<ProjectStatus, string> = {
  proposed: 'Proposed',
  revising: 'Being revised',
  approved: 'Approved',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
