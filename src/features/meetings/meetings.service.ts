/**
 * Meetings of an owner's OSM and their agenda: create, change, delete, close (which freezes the
 * report), and the report itself — computed from live data as of the cut-off date while the
 * meeting is a draft, the frozen one once it is closed, or computed again on request with what
 * changed since. Every write is one audited transaction, checked through users/access.ts.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearOf, todayIso, type IsoDate } from '../../core/dates.ts';
import { withDigits, type ThaiStyle } from '../../core/thai.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadOwnerRecords, assertCanWriteOwner } from '../users/access.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { ownerSelect, ownerValues } from '../monitoring/monitoring.queries.ts';
import { computeEntry } from './meetings.blocks.ts';
import { divisionHeading, introText, titleText, weekdayTh } from './meetings.text.ts';
import {
  DIVISIONS,
  type AgendaEntry,
  type AgendaItem,
  type AgendaItemInput,
  type AgendaItemUpdate,
  type AgendaReorder,
  type Meeting,
  type MeetingInput,
  type MeetingRef,
  type MeetingReport,
  type MeetingUpdate,
  type Regenerated,
} from './meetings.schema.ts';

interface MeetingRow {
  id: bigint;
  owner_kind: 'cluster' | 'province';
  owner_code: string;
  owner_name_th: string;
  meeting_no: number;
  be_year: number;
  covers_month: string;
  meeting_date: string;
  start_time: string | null;
  cut_off: string;
  venues: string[];
  organizer: string;
  purposes: string[];
  note: string;
  status: 'draft' | 'closed';
  closed_at: Date | null;
  closed_by: string | null;
  frozen: Frozen | null;
  version: number;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

interface AgendaRow {
  id: bigint;
  division: AgendaItem['division'];
  position: number;
  topic: string;
  items: AgendaEntry[];
  version: number;
}

/** What closing keeps: the report in both digit styles (text and figures of every block). */
export interface Frozen {
  thai: MeetingReport;
  arabic: MeetingReport;
}

const SELECT = `SELECT m.id, m.owner_kind, m.meeting_no, m.be_year, m.covers_month, m.meeting_date, m.start_time, m.cut_off, m.venues,
       m.organizer, m.purposes, m.note, m.status, m.closed_at, m.closed_by, m.frozen, m.version, m.created_by, m.updated_at, m.updated_by,
       ${ownerSelect('meetings', 'm')}`;

const fyOf = (r: Pick<MeetingRow, 'meeting_date'>) => fiscalYearOf(r.meeting_date);

async function meetingRow(q: Queryable, id: string, forUpdate = false): Promise<MeetingRow> {
  if (!/^[1-9]\d{0,17}$/.test(id)) throw new AppError('validation', `Meeting id ${id} is not a number`, { field: 'id' });
  if (forUpdate) await q.query('SELECT id FROM meetings WHERE id = $1::bigint AND deleted_at IS NULL FOR UPDATE', [id]);
  const [r] = await q.query<MeetingRow>(`${SELECT} WHERE m.id = $1::bigint AND m.deleted_at IS NULL`, [id]);
  if (!r) throw new AppError('not_found', `Meeting ${id} not found`);
  return r;
}

async function agendaRows(q: Queryable, meetingId: bigint): Promise<AgendaRow[]> {
  const rows = await q.query<AgendaRow>(
    `SELECT id, division, position, topic, items, version FROM meeting_agenda_items WHERE meeting_id = $1 AND deleted_at IS NULL ORDER BY position, id`,
    [meetingId],
  );
  return rows.sort((a, b) => DIVISIONS.indexOf(a.division) - DIVISIONS.indexOf(b.division) || a.position - b.position || Number(a.id - b.id));
}

const toAgendaItem = (a: AgendaRow): AgendaItem => ({
  id: String(a.id),
  division: a.division,
  position: a.position,
  topic: a.topic,
  items: a.items,
  version: a.version,
});

function toMeeting(r: MeetingRow, agenda: AgendaRow[]): Meeting {
  return {
    id: String(r.id),
    owner: { kind: r.owner_kind, code: r.owner_code, nameTh: r.owner_name_th },
    no: r.meeting_no,
    year: r.be_year,
    month: r.covers_month,
    date: r.meeting_date,
    weekday: weekdayTh(r.meeting_date),
    startTime: r.start_time,
    cutOff: r.cut_off,
    venues: r.venues,
    organizer: r.organizer,
    purposes: r.purposes,
    note: r.note,
    status: r.status,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    closedBy: r.closed_by,
    agenda: agenda.map(toAgendaItem),
    version: r.version,
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

async function meetingOut(q: Queryable, id: string): Promise<Meeting> {
  const r = await meetingRow(q, id);
  return toMeeting(r, await agendaRows(q, r.id));
}

/** What the audit trail keeps of a meeting (its agenda is audited item by item). */
const snapshot = (m: Meeting) => {
  const { id: _i, owner, weekday: _w, agenda: _a, createdBy: _c, updatedAt: _u, updatedBy: _b, ...rest } = m;
  return { owner: owner.code, ...rest };
};

async function readable(q: Queryable, actor: Actor, r: MeetingRow): Promise<void> {
  await assertCanReadOwnerRecords(q, actor, { kind: r.owner_kind, code: r.owner_code }, fyOf(r), 'meetings');
}

async function lockForWrite(q: Queryable, actor: Actor, id: string, opts: { draft?: boolean } = { draft: true }): Promise<MeetingRow> {
  const r = await meetingRow(q, id, true);
  await assertCanWriteOwner(q, actor, { kind: r.owner_kind, code: r.owner_code }, fyOf(r), 'hold meetings of');
  if (opts.draft && r.status === 'closed')
    throw new AppError(
      'conflict',
      `Meeting ${r.meeting_no}/${r.be_year} of ${r.owner_code} is closed: its report is frozen and it may no longer change`,
    );
  return r;
}

function checkDates(m: { date: IsoDate; cutOff: IsoDate; year: number }) {
  if (m.cutOff > m.date) throw new AppError('validation', `cutOff: ${m.cutOff} is after the meeting's date ${m.date}`, { field: 'cutOff' });
  const be = Number(m.date.slice(0, 4)) + 543;
  if (m.year !== be && m.year !== be - 1)
    throw new AppError('validation', `year: a meeting held on ${m.date} (B.E. ${be}) is numbered in B.E. ${be - 1} or ${be}, not ${m.year}`, {
      field: 'year',
    });
}

async function checkUnique(q: Queryable, owner: string, year: number, no: number, except?: bigint) {
  const [dup] = await q.query<{ id: bigint }>(
    'SELECT id FROM meetings WHERE owner_code = $1 AND be_year = $2 AND meeting_no = $3 AND deleted_at IS NULL AND ($4::bigint IS NULL OR id <> $4::bigint)',
    [owner, year, no, except ?? null],
  );
  if (dup) throw new AppError('conflict', `${owner} already has meeting ${no}/${year} (meeting ${dup.id})`, { field: 'no' });
}

export async function createMeeting(ctx: Ctx, input: MeetingInput): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => insertMeeting(tx, ctx.actor, input));
}

/** Inserts a meeting inside the caller's transaction (the demo loads through this). */
export async function insertMeeting(tx: Queryable, actor: Actor, input: MeetingInput): Promise<Meeting> {
  const fy = fiscalYearOf(input.date);
  const owner = await resolveOwner(tx, input.owner, fy);
  await assertCanWriteOwner(tx, actor, owner, fy, 'hold meetings of');
  checkDates(input);
  await checkUnique(tx, owner.code, input.year, input.no);
  const [row] = await tx.query<{ id: bigint }>(
    `INSERT INTO meetings (owner_kind, cluster_id, province_code, owner_code, meeting_no, be_year, covers_month, meeting_date, start_time, cut_off,
                           venues, organizer, purposes, note, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13::text[], $14, $15, $15) RETURNING id`,
    [
      ...ownerValues(owner),
      owner.code,
      input.no,
      input.year,
      input.month,
      input.date,
      input.startTime,
      input.cutOff,
      input.venues,
      input.organizer,
      input.purposes,
      input.note,
      actor.username,
    ],
  );
  const out = await meetingOut(tx, String(row!.id));
  await audit(tx, actor, { action: 'create', entityType: 'meeting', entityKey: out.id, after: snapshot(out) });
  return out;
}

export async function updateMeeting(ctx: Ctx, id: string, input: MeetingUpdate): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockForWrite(tx, ctx.actor, id);
    if (r.version !== input.version)
      throw new AppError('conflict', `Meeting ${id} changed meanwhile (version ${r.version}, not ${input.version}): reload it`, { field: 'version' });
    const before = await meetingOut(tx, id);
    const next = {
      no: input.no ?? r.meeting_no,
      year: input.year ?? r.be_year,
      month: input.month ?? r.covers_month,
      date: input.date ?? r.meeting_date,
      startTime: input.startTime === undefined ? r.start_time : input.startTime,
      cutOff: input.cutOff ?? r.cut_off,
      venues: input.venues ?? r.venues,
      organizer: input.organizer ?? r.organizer,
      purposes: input.purposes ?? r.purposes,
      note: input.note ?? r.note,
    };
    checkDates(next);
    if (fiscalYearOf(next.date) !== fyOf(r))
      await assertCanWriteOwner(tx, ctx.actor, { kind: r.owner_kind, code: r.owner_code }, fiscalYearOf(next.date), 'hold meetings of');
    await checkUnique(tx, r.owner_code, next.year, next.no, r.id);
    await tx.query(
      `UPDATE meetings SET meeting_no = $2, be_year = $3, covers_month = $4, meeting_date = $5, start_time = $6, cut_off = $7, venues = $8::text[],
              organizer = $9, purposes = $10::text[], note = $11, version = version + 1, updated_at = now(), updated_by = $12
        WHERE id = $1`,
      [
        r.id,
        next.no,
        next.year,
        next.month,
        next.date,
        next.startTime,
        next.cutOff,
        next.venues,
        next.organizer,
        next.purposes,
        next.note,
        ctx.actor.username,
      ],
    );
    const out = await meetingOut(tx, id);
    await audit(tx, ctx.actor, { action: 'update', entityType: 'meeting', entityKey: id, before: snapshot(before), after: snapshot(out) });
    return out;
  });
}

export async function deleteMeeting(ctx: Ctx, id: string, reason: string): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    await lockForWrite(tx, ctx.actor, id);
    const before = await meetingOut(tx, id);
    await tx.query('UPDATE meetings SET deleted_at = now(), version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1::bigint', [
      id,
      ctx.actor.username,
    ]);
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'meeting', entityKey: id, before: snapshot(before), reason });
    return before;
  });
}

export async function getMeeting(q: Queryable, actor: Actor, id: string): Promise<Meeting> {
  const r = await meetingRow(q, id);
  await readable(q, actor, r);
  return toMeeting(r, await agendaRows(q, r.id));
}

/** A meeting by its owner, number and B.E. year (12/2558). */
export async function findMeeting(q: Queryable, actor: Actor, ref: MeetingRef): Promise<Meeting> {
  const owner = ref.owner;
  const [row] = await q.query<{ id: bigint }>(
    'SELECT id FROM meetings WHERE owner_code = $1 AND be_year = $2 AND meeting_no = $3 AND deleted_at IS NULL',
    [owner, ref.year, ref.no],
  );
  if (!row) throw new AppError('not_found', `Meeting ${ref.no}/${ref.year} of ${owner} not found`);
  return getMeeting(q, actor, String(row.id));
}

/** An owner's meetings (of a B.E. year), by year and number; refused as a whole to whom may not read the owner's meetings. */
export async function listMeetings(q: Queryable, actor: Actor, query: { owner: string; year?: number }): Promise<Meeting[]> {
  const fy = query.year ?? fiscalYearOf(todayIso());
  await assertCanReadOwnerRecords(q, actor, await resolveOwner(q, query.owner, fy), fy, 'meetings');
  const rows = await q.query<{ id: bigint }>(
    `SELECT id FROM meetings WHERE owner_code = $1 AND ($2::int IS NULL OR be_year = $2::int) AND deleted_at IS NULL ORDER BY be_year, meeting_no`,
    [query.owner, query.year ?? null],
  );
  const out: Meeting[] = [];
  for (const r of rows) out.push(await getMeeting(q, actor, String(r.id)));
  return out;
}

// ---------------------------------------------------------------- agenda

async function nextPosition(q: Queryable, meetingId: bigint, division: string): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    'SELECT coalesce(max(position), 0)::int + 1 AS n FROM meeting_agenda_items WHERE meeting_id = $1 AND division = $2 AND deleted_at IS NULL',
    [meetingId, division],
  );
  return r!.n;
}

export async function addAgendaItem(ctx: Ctx, meetingId: string, input: AgendaItemInput): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => insertAgendaItem(tx, ctx.actor, meetingId, input));
}

export async function insertAgendaItem(tx: Queryable, actor: Actor, meetingId: string, input: AgendaItemInput): Promise<Meeting> {
  const m = await lockForWrite(tx, actor, meetingId);
  checkEntries(input.items);
  const position = await nextPosition(tx, m.id, input.division);
  const [row] = await tx.query<{ id: bigint }>(
    `INSERT INTO meeting_agenda_items (meeting_id, division, position, topic, items, created_by, updated_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6) RETURNING id`,
    [m.id, input.division, position, input.topic, JSON.stringify(input.items), actor.username],
  );
  await tx.query('UPDATE meetings SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [m.id, actor.username]);
  await audit(tx, actor, {
    action: 'create',
    entityType: 'meeting_agenda_item',
    entityKey: String(row!.id),
    after: { meeting: meetingId, division: input.division, position, topic: input.topic, items: input.items },
  });
  return meetingOut(tx, meetingId);
}

function checkEntries(items: AgendaEntry[]) {
  items.forEach((e, i) => {
    if ((e.kind === 'monitoring' || e.kind === 'eventsHeld') && e.to < e.from)
      throw new AppError('validation', `items.${i}.to: ${e.to} is before ${e.from}`, { field: `items.${i}.to` });
  });
}

async function agendaRowFor(q: Queryable, meetingId: bigint, itemId: string): Promise<AgendaRow> {
  if (!/^[1-9]\d{0,17}$/.test(itemId)) throw new AppError('validation', `Agenda item id ${itemId} is not a number`, { field: 'itemId' });
  const [a] = await q.query<AgendaRow>(
    'SELECT id, division, position, topic, items, version FROM meeting_agenda_items WHERE id = $1::bigint AND meeting_id = $2 AND deleted_at IS NULL FOR UPDATE',
    [itemId, meetingId],
  );
  if (!a) throw new AppError('not_found', `Agenda item ${itemId} of meeting ${meetingId} not found`);
  return a;
}

export async function updateAgendaItem(ctx: Ctx, meetingId: string, itemId: string, input: AgendaItemUpdate): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const m = await lockForWrite(tx, ctx.actor, meetingId);
    const a = await agendaRowFor(tx, m.id, itemId);
    if (a.version !== input.version)
      throw new AppError('conflict', `Agenda item ${itemId} changed meanwhile (version ${a.version}, not ${input.version}): reload it`, {
        field: 'version',
      });
    const division = input.division ?? a.division;
    const next = {
      division,
      position: division === a.division ? a.position : await nextPosition(tx, m.id, division),
      topic: input.topic ?? a.topic,
      items: input.items ?? a.items,
    };
    checkEntries(next.items);
    await tx.query(
      `UPDATE meeting_agenda_items SET division = $2, position = $3, topic = $4, items = $5::jsonb, version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`,
      [a.id, next.division, next.position, next.topic, JSON.stringify(next.items), ctx.actor.username],
    );
    await tx.query('UPDATE meetings SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [m.id, ctx.actor.username]);
    await audit(tx, ctx.actor, { action: 'update', entityType: 'meeting_agenda_item', entityKey: itemId, before: toAgendaItem(a), after: next });
    return meetingOut(tx, meetingId);
  });
}

export async function deleteAgendaItem(ctx: Ctx, meetingId: string, itemId: string, reason: string): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const m = await lockForWrite(tx, ctx.actor, meetingId);
    const a = await agendaRowFor(tx, m.id, itemId);
    await tx.query('UPDATE meeting_agenda_items SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1', [
      a.id,
      ctx.actor.username,
    ]);
    await tx.query('UPDATE meetings SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [m.id, ctx.actor.username]);
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'meeting_agenda_item', entityKey: itemId, before: toAgendaItem(a), reason });
    return meetingOut(tx, meetingId);
  });
}

/**
 * Orders the topics of one division of a draft meeting: numbered 1, 2, … as given, in one
 * transaction, with one audit record of the order before and after. The ids must be the division's
 * live topics, each once (the schema refuses an id given twice).
 */
export async function reorderAgenda(ctx: Ctx, meetingId: string, input: AgendaReorder): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const m = await lockForWrite(tx, ctx.actor, meetingId);
    if (m.version !== input.version)
      throw new AppError('conflict', `Meeting ${meetingId} changed meanwhile (version ${m.version}, not ${input.version}): reload it`, {
        field: 'version',
      });
    const before = (await agendaRows(tx, m.id)).filter((a) => a.division === input.division).map((a) => String(a.id));
    input.items.forEach((id, i) => {
      if (!before.includes(id))
        throw new AppError('validation', `items.${i}: ${id} is not a topic of the ${input.division} division of meeting ${meetingId}`, {
          field: `items.${i}`,
        });
    });
    const missing = before.filter((id) => !input.items.includes(id));
    if (missing.length)
      throw new AppError(
        'validation',
        `items: the ${input.division} division of meeting ${meetingId} has ${before.length} topics, each to be given once; missing: ${missing.join(', ')}`,
        { field: 'items' },
      );
    await tx.query(
      `UPDATE meeting_agenda_items a SET position = o.position, version = a.version + 1, updated_at = now(), updated_by = $3
         FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, position)
        WHERE a.id = o.id AND a.meeting_id = $1 AND a.position <> o.position`,
      [m.id, input.items, ctx.actor.username],
    );
    await tx.query('UPDATE meetings SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [m.id, ctx.actor.username]);
    await audit(tx, ctx.actor, {
      action: 'reorder_agenda',
      entityType: 'meeting',
      entityKey: meetingId,
      before: { division: input.division, order: before },
      after: { division: input.division, order: input.items },
    });
    return meetingOut(tx, meetingId);
  });
}

// ---------------------------------------------------------------- the report

/** Computes the report of a meeting from live data as of its cut-off date. */
async function computeReport(q: Queryable, actor: Actor, r: MeetingRow, style: ThaiStyle): Promise<MeetingReport> {
  const agenda = await agendaRows(q, r.id);
  const ctx = { q, actor, owner: r.owner_code, cutOff: r.cut_off, style };
  const facts = {
    date: r.meeting_date,
    startTime: r.start_time,
    venues: r.venues,
    organizer: r.organizer,
    no: r.meeting_no,
    year: r.be_year,
    month: r.covers_month,
    purposes: r.purposes,
  };
  const divisions: MeetingReport['divisions'] = [];
  for (const division of DIVISIONS) {
    const items = agenda.filter((a) => a.division === division);
    if (!items.length) continue;
    const topics = [];
    for (const a of items) {
      const blocks = [];
      for (const e of a.items) blocks.push(await computeEntry(ctx, e));
      topics.push({ id: String(a.id), topic: withDigits(a.topic, style), items: blocks });
    }
    divisions.push({ division, heading: divisionHeading(division, r.owner_kind), topics });
  }
  return {
    meetingId: String(r.id),
    owner: r.owner_code,
    no: r.meeting_no,
    year: r.be_year,
    cutOff: r.cut_off,
    digits: style.thaiDigits ? 'thai' : 'arabic',
    frozen: false,
    generatedAt: new Date().toISOString(),
    title: titleText(facts, style),
    intro: introText(facts, style),
    divisions,
  };
}

/** The report: the frozen one of a closed meeting, computed from live data otherwise. */
export async function meetingReport(q: Queryable, actor: Actor, id: string, style: ThaiStyle = { thaiDigits: true }): Promise<MeetingReport> {
  const r = await meetingRow(q, id);
  await readable(q, actor, r);
  if (r.status === 'closed' && r.frozen) return style.thaiDigits ? r.frozen.thai : r.frozen.arabic;
  return computeReport(q, actor, r, style);
}

/** What changed between two reports, block by block: the old and the new sentences of each item that differs. */
export function reportChanges(before: MeetingReport, after: MeetingReport): Regenerated['changes'] {
  const changes: Regenerated['changes'] = [];
  const topicsOf = (rep: MeetingReport) => rep.divisions.flatMap((d) => d.topics);
  const old = new Map(topicsOf(before).map((t) => [t.id, t]));
  for (const t of topicsOf(after)) {
    const o = old.get(t.id);
    const n = Math.max(t.items.length, o?.items.length ?? 0);
    for (let i = 0; i < n; i++) {
      const a = o?.items[i]?.sentences ?? [];
      const b = t.items[i]?.sentences ?? [];
      if (JSON.stringify(a) !== JSON.stringify(b))
        changes.push({ topic: t.topic, index: i, kind: (t.items[i] ?? o!.items[i])!.kind, old: a, new: b });
    }
  }
  return changes;
}

/**
 * Computes the report of a meeting again from live data; for a closed meeting, lists what changed
 * since it was frozen (a draft has no frozen report: no changes). Audited (it reads figures the
 * meeting's record keeps as they were).
 */
export async function regenerateReport(ctx: Ctx, id: string, style: ThaiStyle = { thaiDigits: true }): Promise<Regenerated> {
  return ctx.db.transaction(async (tx) => {
    const r = await meetingRow(tx, id);
    await readable(tx, ctx.actor, r);
    const report = await computeReport(tx, ctx.actor, r, style);
    const frozen = r.frozen ? (style.thaiDigits ? r.frozen.thai : r.frozen.arabic) : null;
    const changes = frozen ? reportChanges(frozen, report) : [];
    await audit(tx, ctx.actor, { action: 'regenerate_report', entityType: 'meeting', entityKey: id, after: { changes: changes.length } });
    return { report, changes };
  });
}

/** Closes a meeting: its report, computed now as of the cut-off, is frozen (text and figures) and served from then on. */
export async function closeMeeting(ctx: Ctx, id: string): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockForWrite(tx, ctx.actor, id);
    const thai = { ...(await computeReport(tx, ctx.actor, r, { thaiDigits: true })), frozen: true };
    const arabic = { ...(await computeReport(tx, ctx.actor, r, { thaiDigits: false })), frozen: true };
    const frozen: Frozen = { thai, arabic };
    await tx.query(
      `UPDATE meetings SET status = 'closed', frozen = $2::jsonb, closed_at = now(), closed_by = $3, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`,
      [r.id, JSON.stringify(frozen), ctx.actor.username],
    );
    const out = await meetingOut(tx, id);
    await audit(tx, ctx.actor, {
      action: 'close',
      entityType: 'meeting',
      entityKey: id,
      before: { status: 'draft' },
      after: { status: 'closed', report: thai },
    });
    return out;
  });
}
