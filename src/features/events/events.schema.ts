import { z } from 'zod';
import { IsoDateString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { ProvinceCode } from '../monitoring/monitoring.schema.ts';
import { EVENT_KINDS, WEEKDAYS } from './events.rules.ts';

export { IdParams } from '../monitoring/monitoring.schema.ts';

export const EventKind = z.enum(EVENT_KINDS);

export const PersonInput = z
  .object({
    name: z.string().trim().max(300).nullable().default(null).describe('e.g. นายฤกษ์ ธนาวณิช'),
    position: z.string().trim().max(500).nullable().default(null).describe('e.g. รองผู้ว่าราชการจังหวัดเชียงใหม่, or an office alone: คลังจังหวัดเชียงใหม่'),
  })
  .transform((p) => ({ name: p.name || null, position: p.position || null }))
  .refine((p) => p.name !== null || p.position !== null, 'a name or a position is required');

export const InvitedGroupInput = z.object({
  name: z.string().trim().min(1, 'the group is required').max(500).describe('e.g. เจ้าหน้าที่การเงิน'),
  attended: z.number().int().min(0).nullable().default(null).describe('how many of the group attended, if counted'),
});

const StartTime = z
  .string()
  .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'a time HH:MM such as 09:00')
  .transform((s) => s.replace('.', ':'));

const noDuplicateProvinces = (list: readonly string[], ctx: z.RefinementCtx) => {
  list.forEach((v, i) => {
    if (list.indexOf(v) !== i) ctx.addIssue({ code: 'custom', message: `province ${v} is listed twice`, path: [i] });
  });
};

const fields = {
  kind: EventKind,
  title: z.string().trim().min(1, 'the title is required').max(1000).describe('as the report names it, e.g. สัมมนาเชิงปฏิบัติการ…'),
  organizer: z.string().trim().max(500).describe('who held it, e.g. OSM (default: the owner)'),
  startDate: IsoDateString,
  endDate: IsoDateString.describe('default: the start date'),
  startTime: StartTime.nullable().describe('HH:MM; the weekday is never given: it is derived from the date'),
  venues: z.array(z.string().trim().min(1).max(500)).max(50).describe('one or several: one event over four provincial halls is one event'),
  provinces: z.array(ProvinceCode).max(77).superRefine(noDuplicateProvinces),
  chair: PersonInput.nullable(),
  speakers: z.array(PersonInput).max(50),
  invitedGroups: z.array(InvitedGroupInput).max(50),
  attendance: z.number().int().min(0).nullable().describe('how many attended in all, if counted'),
  note: z.string().trim().max(10000),
};

export const EventInput = z
  .object({
    owner: OwnerCode,
    kind: fields.kind,
    title: fields.title,
    organizer: fields.organizer.default(''),
    startDate: fields.startDate,
    endDate: fields.endDate.optional(),
    startTime: fields.startTime.default(null),
    venues: fields.venues.default([]),
    provinces: fields.provinces.default([]),
    chair: fields.chair.default(null),
    speakers: fields.speakers.default([]),
    invitedGroups: fields.invitedGroups.default([]),
    attendance: fields.attendance.default(null),
    note: fields.note.default(''),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: 'the end date is before the start date', path: ['endDate'] });
export type EventInput = z.infer<typeof EventInput>;

export const EventUpdate = z.object({
  version: z.number().int().min(1).describe('the version read, to refuse a change over a newer one'),
  kind: fields.kind.optional(),
  title: fields.title.optional(),
  organizer: fields.organizer.optional(),
  startDate: fields.startDate.optional(),
  endDate: fields.endDate.optional(),
  startTime: fields.startTime.optional(),
  venues: fields.venues.optional(),
  provinces: fields.provinces.optional(),
  chair: fields.chair.optional(),
  speakers: fields.speakers.optional(),
  invitedGroups: fields.invitedGroups.optional(),
  attendance: fields.attendance.optional(),
  note: fields.note.optional(),
});
export type EventUpdate = z.infer<typeof EventUpdate>;

const PersonOut = z.object({ name: z.string().nullable(), position: z.string().nullable() });

export const Event = z.object({
  id: z.string(),
  owner: z.object({ kind: z.enum(['cluster', 'province']), code: z.string(), nameTh: z.string() }),
  kind: EventKind,
  title: z.string(),
  organizer: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  startTime: z.string().nullable(),
  startWeekday: z.enum(WEEKDAYS).describe('derived from the date, never stored'),
  endWeekday: z.enum(WEEKDAYS),
  venues: z.array(z.string()),
  provinces: z.array(z.object({ code: z.string(), nameTh: z.string() })),
  chair: PersonOut.nullable(),
  speakers: z.array(PersonOut),
  invitedGroups: z.array(z.object({ name: z.string(), attended: z.number().int().nullable() })),
  attendance: z.number().int().nullable(),
  note: z.string(),
  version: z.number().int(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Event = z.infer<typeof Event>;

const Range = {
  owner: OwnerCode,
  from: IsoDateString,
  to: IsoDateString,
};
const fromNotAfterTo = { message: 'from is after to', path: ['to'] };

export const EventListQuery = z.object({ ...Range, kind: EventKind.optional() }).refine((q) => q.from <= q.to, fromNotAfterTo);
export type EventListQuery = z.infer<typeof EventListQuery>;

export const CalendarQuery = z
  .object({
    owner: OwnerCode,
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
      .optional(),
    from: IsoDateString.optional(),
    to: IsoDateString.optional(),
  })
  .refine((q) => (q.month ? !q.from && !q.to : !!q.from && !!q.to), { message: 'give either month, or from and to', path: ['month'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, fromNotAfterTo);
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarItem = z.object({
  type: z.enum(['visit', 'event']),
  id: z.string(),
  kind: z.enum(['monitoring_visit', ...EVENT_KINDS]),
  title: z.string().describe('an event’s title; a visit’s title, or its committee'),
  startDate: z.string(),
  endDate: z.string(),
  startTime: z.string().nullable(),
  startWeekday: z.enum(WEEKDAYS),
  endWeekday: z.enum(WEEKDAYS),
  provinces: z.array(z.string()),
  venues: z.array(z.string()),
});

export const Calendar = z.object({
  owner: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(CalendarItem).describe('visits and events overlapping from–to, by start date'),
});
export type Calendar = z.infer<typeof Calendar>;

export const EventsReportQuery = z
  .object({
    ...Range,
    asOf: IsoDateString.optional().describe('what has been held by then is told as held, the rest as scheduled (default: today)'),
    digits: z.enum(['thai', 'arabic']).default('thai'),
    format: z.enum(['json', 'text', 'csv']).default('json'),
  })
  .refine((q) => q.from <= q.to, fromNotAfterTo);
export type EventsReportQuery = z.infer<typeof EventsReportQuery>;

const ReportItem = z.object({
  type: z.enum(['visit', 'event']),
  id: z.string(),
  kind: z.enum(['monitoring_visit', ...EVENT_KINDS]),
  startDate: z.string(),
  endDate: z.string(),
  held: z.boolean().describe('ended on or before asOf'),
  sentence: z.string(),
});
export type ReportItem = z.infer<typeof ReportItem>;

export const EventsReport = z.object({
  owner: z.string(),
  ownerNameTh: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  monitoring: z.array(ReportItem).describe('monitoring visits and trainings overlapping from–to'),
  held: z.array(ReportItem).describe('seminars, workshops and meetings held within from–to by asOf'),
});
export type EventsReport = z.infer<typeof EventsReport>;
