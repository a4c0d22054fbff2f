/**
 * Trainings, seminars, workshops and meetings of a cluster or a province, recorded by its
 * officers (a cluster officer also for its provinces), and the calendar of an owner's events and
 * monitoring visits. Every change is one audited transaction.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearOf } from '../../core/dates.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadOwnerRecords, assertCanWriteOwner } from '../users/access.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { ownerMatch, ownerSelect, ownerValues, provinceNames, visitRows } from '../monitoring/monitoring.queries.ts';
import { checkProvinces } from '../monitoring/monitoring.service.ts';
import { lastDayOfMonth } from '../progress-reports/report.rules.ts';
import { attendanceProblem, weekdayOf, type EventKind, type Person } from './events.rules.ts';
import type { Calendar, CalendarQuery, Event, EventInput, EventListQuery, EventUpdate } from './events.schema.ts';

export interface EventRow {
  id: bigint;
  owner_kind: 'cluster' | 'province';
  owner_code: string;
  owner_name_th: string;
  kind: EventKind;
  title: string;
  organizer: string;
  start_date: string;
  end_date: string;
  start_time: string | null;
  venues: string[];
  province_codes: string[];
  chair: Person | null;
  speakers: Person[];
  invited_groups: { name: string; attended: number | null }[];
  attendance: number | null;
  note: string;
  version: number;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

const EVENT_SELECT = `SELECT e.id, e.owner_kind, e.kind, e.title, e.organizer, e.start_date, e.end_date, e.start_time, e.venues, e.province_codes,
       e.chair, e.speakers, e.invited_groups, e.attendance, e.note, e.version, e.created_by, e.updated_at, e.updated_by,
       ${ownerSelect('events', 'e')}`;

async function eventRow(q: Queryable, id: string, forUpdate = false): Promise<EventRow> {
  if (forUpdate) await q.query('SELECT id FROM events WHERE id = $1::bigint AND deleted_at IS NULL FOR UPDATE', [id]);
  const [r] = await q.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1::bigint AND e.deleted_at IS NULL`, [id]);
  if (!r) throw new AppError('not_found', `Event ${id} not found`);
  return r;
}

/** An owner's events (exactly that owner's) overlapping from–to, by start date and time. */
export async function eventRows(q: Queryable, ownerCode: string, from: string, to: string, kind?: EventKind): Promise<EventRow[]> {
  return q.query<EventRow>(
    `${EVENT_SELECT} WHERE e.deleted_at IS NULL AND ${ownerMatch('e', '$1')} AND e.end_date >= $2::date AND e.start_date <= $3::date
        AND ($4::text IS NULL OR e.kind = $4::text)
      ORDER BY e.start_date, e.start_time NULLS FIRST, e.id`,
    [ownerCode, from, to, kind ?? null],
  );
}

export function toEvent(r: EventRow, names: ReadonlyMap<string, string>): Event {
  return {
    id: String(r.id),
    owner: { kind: r.owner_kind, code: r.owner_code, nameTh: r.owner_name_th },
    kind: r.kind,
    title: r.title,
    organizer: r.organizer,
    startDate: r.start_date,
    endDate: r.end_date,
    startTime: r.start_time,
    startWeekday: weekdayOf(r.start_date),
    endWeekday: weekdayOf(r.end_date),
    venues: r.venues,
    provinces: r.province_codes.map((code) => ({ code, nameTh: names.get(code) ?? code })),
    chair: r.chair,
    speakers: r.speakers,
    invitedGroups: r.invited_groups,
    attendance: r.attendance,
    note: r.note,
    version: r.version,
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

async function eventOut(q: Queryable, id: string): Promise<Event> {
  const r = await eventRow(q, id);
  return toEvent(r, await provinceNames(q, r.province_codes));
}

/** What the audit trail keeps of an event. */
const snapshot = (e: Event) => {
  const { id: _id, owner, provinces, startWeekday: _s, endWeekday: _e, createdBy: _c, updatedAt: _u, updatedBy: _b, ...rest } = e;
  return { owner: owner.code, provinces: provinces.map((p) => p.code), ...rest };
};

function checkAttendance(total: number | null, groups: { name: string; attended: number | null }[]) {
  const problem = attendanceProblem(total, groups);
  if (problem) throw new AppError('validation', `attendance: ${problem}`, { field: 'attendance' });
}

export async function createEvent(ctx: Ctx, input: EventInput): Promise<Event> {
  return ctx.db.transaction(async (tx) => {
    const fy = fiscalYearOf(input.startDate);
    const owner = await resolveOwner(tx, input.owner, fy);
    await assertCanWriteOwner(tx, ctx.actor, owner, fy, 'record events of');
    await checkProvinces(tx, owner, fy, input.provinces);
    checkAttendance(input.attendance, input.invitedGroups);
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO events (owner_kind, cluster_id, province_code, kind, title, organizer, start_date, end_date, start_time, venues, province_codes,
                           chair, speakers, invited_groups, attendance, note, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11::text[], $12::jsonb, $13::jsonb, $14::jsonb, $15, $16, $17, $17) RETURNING id`,
      [
        ...ownerValues(owner),
        input.kind,
        input.title,
        input.organizer,
        input.startDate,
        input.endDate ?? input.startDate,
        input.startTime,
        input.venues,
        input.provinces,
        input.chair === null ? null : JSON.stringify(input.chair),
        JSON.stringify(input.speakers),
        JSON.stringify(input.invitedGroups),
        input.attendance,
        input.note,
        ctx.actor.username,
      ],
    );
    const out = await eventOut(tx, String(row!.id));
    await audit(tx, ctx.actor, { action: 'create', entityType: 'event', entityKey: out.id, after: snapshot(out) });
    return out;
  });
}

async function lockEventFor(q: Queryable, actor: Actor, id: string): Promise<EventRow> {
  const r = await eventRow(q, id, true);
  await assertCanWriteOwner(q, actor, { kind: r.owner_kind, code: r.owner_code }, fiscalYearOf(r.start_date), 'record events of');
  return r;
}

export async function updateEvent(ctx: Ctx, id: string, input: EventUpdate): Promise<Event> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockEventFor(tx, ctx.actor, id);
    if (r.version !== input.version)
      throw new AppError('conflict', `Event ${id} changed meanwhile (version ${r.version}, not ${input.version}): reload it`, { field: 'version' });
    const before = await eventOut(tx, id);
    const next = {
      kind: input.kind ?? r.kind,
      title: input.title ?? r.title,
      organizer: input.organizer ?? r.organizer,
      startDate: input.startDate ?? r.start_date,
      endDate: input.endDate ?? (input.startDate && input.startDate > r.end_date ? input.startDate : r.end_date),
      startTime: input.startTime === undefined ? r.start_time : input.startTime,
      venues: input.venues ?? r.venues,
      provinces: input.provinces ?? r.province_codes,
      chair: input.chair === undefined ? r.chair : input.chair,
      speakers: input.speakers ?? r.speakers,
      invitedGroups: input.invitedGroups ?? r.invited_groups,
      attendance: input.attendance === undefined ? r.attendance : input.attendance,
      note: input.note ?? r.note,
    };
    if (next.endDate < next.startDate)
      throw new AppError('validation', `endDate: ${next.endDate} is before the start date ${next.startDate}`, { field: 'endDate' });
    const owner = { kind: r.owner_kind, code: r.owner_code };
    // A new start date may fall in another fiscal year: the actor must be allowed there too.
    if (fiscalYearOf(next.startDate) !== fiscalYearOf(r.start_date))
      await assertCanWriteOwner(tx, ctx.actor, owner, fiscalYearOf(next.startDate), 'record events of');
    if (input.provinces || input.startDate) await checkProvinces(tx, owner, fiscalYearOf(next.startDate), next.provinces);
    checkAttendance(next.attendance, next.invitedGroups);
    await tx.query(
      `UPDATE events SET kind = $2, title = $3, organizer = $4, start_date = $5, end_date = $6, start_time = $7, venues = $8::text[],
              province_codes = $9::text[], chair = $10::jsonb, speakers = $11::jsonb, invited_groups = $12::jsonb, attendance = $13, note = $14,
              version = version + 1, updated_at = now(), updated_by = $15
        WHERE id = $1`,
      [
        r.id,
        next.kind,
        next.title,
        next.organizer,
        next.startDate,
        next.endDate,
        next.startTime,
        next.venues,
        next.provinces,
        next.chair === null ? null : JSON.stringify(next.chair),
        JSON.stringify(next.speakers),
        JSON.stringify(next.invitedGroups),
        next.attendance,
        next.note,
        ctx.actor.username,
      ],
    );
    const out = await eventOut(tx, id);
    await audit(tx, ctx.actor, { action: 'update', entityType: 'event', entityKey: id, before: snapshot(before), after: snapshot(out) });
    return out;
  });
}

export async function deleteEvent(ctx: Ctx, id: string, reason: string): Promise<Event> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockEventFor(tx, ctx.actor, id);
    const before = await eventOut(tx, id);
    await tx.query('UPDATE events SET deleted_at = now(), version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [
      r.id,
      ctx.actor.username,
    ]);
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'event', entityKey: id, before: snapshot(before), reason });
    return { ...before, version: before.version + 1 };
  });
}

export async function getEvent(q: Queryable, actor: Actor, id: string): Promise<Event> {
  const r = await eventRow(q, id);
  await assertCanReadOwnerRecords(q, actor, { kind: r.owner_kind, code: r.owner_code }, fiscalYearOf(r.start_date), 'events');
  return toEvent(r, await provinceNames(q, r.province_codes));
}

export async function listEvents(q: Queryable, actor: Actor, query: EventListQuery): Promise<Event[]> {
  const fy = fiscalYearOf(query.to);
  const owner = await resolveOwner(q, query.owner, fy);
  await assertCanReadOwnerRecords(q, actor, owner, fy, 'events');
  const rows = await eventRows(q, owner.code, query.from, query.to, query.kind);
  const names = await provinceNames(q, [...new Set(rows.flatMap((r) => r.province_codes))]);
  return rows.map((r) => toEvent(r, names));
}

/** The range of a calendar query: a month, or from–to. */
export function calendarRange(query: CalendarQuery): { from: string; to: string } {
  if (query.month) return { from: `${query.month}-01`, to: lastDayOfMonth(query.month) };
  return { from: query.from!, to: query.to! };
}

/** An owner's events and monitoring visits overlapping a month (or a range), by start date. */
export async function calendar(q: Queryable, actor: Actor, query: CalendarQuery): Promise<Calendar> {
  const { from, to } = calendarRange(query);
  const fy = fiscalYearOf(to);
  const owner = await resolveOwner(q, query.owner, fy);
  await assertCanReadOwnerRecords(q, actor, owner, fy, 'events');
  await assertCanReadOwnerRecords(q, actor, owner, fy, 'monitoring visits');
  const items: Calendar['items'] = [
    ...(await visitRows(q, owner.code, { from, to })).map((v) => ({
      type: 'visit' as const,
      id: String(v.id),
      kind: 'monitoring_visit' as const,
      title: v.title || v.committee,
      startDate: v.start_date,
      endDate: v.end_date,
      startTime: null,
      startWeekday: weekdayOf(v.start_date),
      endWeekday: weekdayOf(v.end_date),
      provinces: v.province_codes,
      venues: [],
    })),
    ...(await eventRows(q, owner.code, from, to)).map((e) => ({
      type: 'event' as const,
      id: String(e.id),
      kind: e.kind,
      title: e.title,
      startDate: e.start_date,
      endDate: e.end_date,
      startTime: e.start_time,
      startWeekday: weekdayOf(e.start_date),
      endWeekday: weekdayOf(e.end_date),
      provinces: e.province_codes,
      venues: e.venues,
    })),
  ];
  items.sort(
    (a, b) => a.startDate.localeCompare(b.startDate) || (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.type.localeCompare(b.type),
  );
  return { owner: owner.code, from, to, items };
}
