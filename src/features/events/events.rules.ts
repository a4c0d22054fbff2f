/** The pure rules of events and of their presentation in Thai: weekdays, attendance, Thai lists and sentences. */
import type { IsoDate } from '../../core/dates.ts';

export const EVENT_KINDS = ['training', 'seminar', 'workshop', 'meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a date: always derived, never stored or typed (the seed printed Wednesday for a Saturday). */
export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Attendance by group may not add up to more than the attendance of the whole event; a string says why not. */
export function attendanceProblem(total: number | null, groups: readonly { name: string; attended: number | null }[]): string | null {
  if (total === null) return null;
  const sum = groups.reduce((s, g) => s + (g.attended ?? 0), 0);
  return sum > total ? `the invited groups' attendance adds up to ${sum}, more than the event's attendance ${total}` : null;
}

/** "a", "a และb", "a, b และc": the way the seed lists names (Intl.ListFormat writes Thai lists without commas). */
export function thaiList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} และ${items[items.length - 1]}`;
}

/** What the event is called in "เข้าร่วม…ครั้งนี้ด้วย". */
export const KIND_NOUN_TH: Record<EventKind, string> = {
  training: 'การอบรม',
  seminar: 'การสัมมนา',
  workshop: 'การประชุมเชิงปฏิบัติการ',
  meeting: 'การประชุม',
};

export interface Person {
  name: string | null;
  position: string | null;
}

/** "นายฤกษ์ ธนาวณิช รองผู้ว่าราชการจังหวัดเชียงใหม่", or the position alone ("คลังจังหวัดเชียงใหม่"), or the name alone. */
export function personTh(p: Person): string {
  return [p.name, p.position].filter((x): x is string => !!x).join(' ');
}
