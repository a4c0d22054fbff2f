/**
 * The pure rules of monitoring visits: a recommendation's follow-up status (open → in_progress →
 * closed, closed for good), its status as of a date (from its dated follow-ups), and whether it is
 * overdue as of a date.
 */
import type { IsoDate } from '../../core/dates.ts';

export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

const ORDER: Record<RecommendationStatus, number> = { open: 0, in_progress: 1, closed: 2 };

/**
 * Whether a follow-up may move a recommendation from one status to another: forward only
 * (open → in_progress → closed, or open → closed), or a note that keeps the status; nothing
 * follows a closed one.
 */
export function followUpTransition(from: RecommendationStatus, to: RecommendationStatus): { ok: true } | { ok: false; message: string } {
  if (from === 'closed') return { ok: false, message: 'is closed: no follow-up can be added' };
  if (ORDER[to] < ORDER[from]) return { ok: false, message: `is ${from}: it cannot go back to ${to}` };
  return { ok: true };
}

export interface DatedStatus {
  date: IsoDate;
  status: RecommendationStatus;
}

/** The status as of a date: that of the latest follow-up dated on or before it (follow-ups in the order they were added), else open. */
export function statusAsOf(followUps: readonly DatedStatus[], asOf: IsoDate): RecommendationStatus {
  let status: RecommendationStatus = 'open';
  let latest = '';
  for (const f of followUps) {
    if (f.date <= asOf && f.date >= latest) {
      status = f.status;
      latest = f.date;
    }
  }
  return status;
}

/**
 * Overdue as of a date: made by then (its visit on or before it), due before it, and not closed as
 * of it. A recommendation due on the date itself is not yet overdue.
 */
export function isOverdue(r: { visitedOn: IsoDate; dueDate: IsoDate; followUps: readonly DatedStatus[] }, asOf: IsoDate): boolean {
  return r.visitedOn <= asOf && r.dueDate < asOf && statusAsOf(r.followUps, asOf) !== 'closed';
}

/** Whole days from one ISO date to a later one. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether two date ranges share a day (both ends included). */
export function rangesOverlap(aFrom: IsoDate, aTo: IsoDate, bFrom: IsoDate, bTo: IsoDate): boolean {
  return aFrom <= bTo && bFrom <= aTo;
}
