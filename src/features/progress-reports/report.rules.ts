/**
 * The pure rules of monthly progress reports: what a save or a review may do in each status,
 * which months are due (and overdue) as of a date, and physical progress behind plan.
 */
import type { IsoDate } from '../../core/dates.ts';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The status after a save (draft or submit) of a report in a status; a string is why it is refused. */
export function statusAfterSave(current: ReportStatus | null, submit: boolean): { ok: true; status: ReportStatus } | { ok: false; message: string } {
  if (current === 'accepted') return { ok: false, message: 'is accepted: it can no longer change' };
  if (current === 'submitted') return { ok: false, message: 'is submitted and awaiting review: it can change only once returned' };
  if (submit) return { ok: true, status: 'submitted' };
  return { ok: true, status: current ?? 'draft' };
}

/** The status after a review; only a submitted report is reviewed. */
export function statusAfterReview(
  current: ReportStatus,
  decision: 'accept' | 'return',
): { ok: true; status: ReportStatus } | { ok: false; message: string } {
  if (current !== 'submitted') return { ok: false, message: `is ${current}: only a submitted report is reviewed` };
  return { ok: true, status: decision === 'accept' ? 'accepted' : 'returned' };
}

/** A report counts as submitted (not overdue) once submitted or accepted; a draft or a returned one does not. */
export const countsAsSubmitted = (s: ReportStatus | null | undefined) => s === 'submitted' || s === 'accepted';

export const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

export function lastDayOfMonth(m: string): IsoDate {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The months whose report is due as of a date: from the later of the month of approval and
 * the first month reports are due (the setting; null: none is due), to the last month ended
 * by asOf. Only for a project approved or in progress on asOf.
 */
export function dueMonths(status: string, approvedOn: IsoDate | null, asOf: IsoDate, dueFrom: string | null): string[] {
  if (dueFrom === null || approvedOn === null) return [];
  if (status !== 'approved' && status !== 'in_progress') return [];
  let m = approvedOn.slice(0, 7) > dueFrom ? approvedOn.slice(0, 7) : dueFrom;
  const current = asOf.slice(0, 7);
  const out: string[] = [];
  for (; m < current; m = nextMonth(m)) out.push(m);
  return out;
}

/** The due months without a submitted or accepted report. */
export function overdueMonths(due: readonly string[], reports: ReadonlyMap<string, ReportStatus>): string[] {
  return due.filter((m) => !countsAsSubmitted(reports.get(m)));
}

/** Physical progress behind plan by more than the threshold (all in hundredths of a percent). */
export function isPhysicalBehind(actual: bigint, planned: bigint, thresholdHundredths: bigint): boolean {
  return planned - actual > thresholdHundredths;
}
