/**
 * Visits and events as the sentences of an official report, in the seed's wording: Thai digits
 * (or Arabic), B.E. dates, "ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙". What has been held by the
 * report's date is told as held ("เมื่อวันที่ … ได้มีการ…"), the rest as scheduled ("กำหนดการ…").
 * A meeting report calls monitoringAndTrainings() and eventsHeld(), one function per block.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { fiscalYearOf, todayIso, type IsoDate } from '../../core/dates.ts';
import { thaiDate, thaiDateRange, withDigits, type ThaiStyle } from '../../core/thai.ts';
import { resolveOwner, schemeForFiscalYear, type Owner } from '../reference/reference.queries.ts';
import { assertCanReadOwnerRecords } from '../users/access.ts';
import { ownerNameTh, toCsv } from '../reports/report.format.ts';
import { provinceNames } from '../monitoring/monitoring.queries.ts';
import { visitsInRange } from '../monitoring/monitoring.service.ts';
import { KIND_NOUN_TH, personTh, thaiList, type EventKind, type Person } from './events.rules.ts';
import { eventRows } from './events.service.ts';
import type { EventsReport, ReportItem } from './events.schema.ts';

const ARABIC: ThaiStyle = { thaiDigits: false };

/** "ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙"; one day: "เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘" when held, "ในวันที่ …" when scheduled. */
export function whenTh(startDate: IsoDate, endDate: IsoDate, held: boolean): string {
  if (startDate === endDate) return `${held ? 'เมื่อวันที่' : 'ในวันที่'} ${thaiDate(startDate, ARABIC)}`;
  return `ระหว่างวันที่ ${thaiDateRange(startDate, endDate, ARABIC)}`;
}

export interface VisitFacts {
  ownerTh: string;
  committee: string;
  provinces: string[];
  startDate: IsoDate;
  endDate: IsoDate;
  visitedCount: number;
}

/**
 * "กลุ่มจังหวัดภาคเหนือตอนบน ๑ ได้กำหนดลงพื้นที่ติดตามและประเมินผลโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑
 * โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ ในพื้นที่ ๔ จังหวัด (เชียงใหม่, ลำปาง, ลำพูน และแม่ฮ่องสอน)
 * ระหว่างวันที่ ๑๔ - ๒๖ มกราคม ๒๕๕๙"; once held, "ได้ลงพื้นที่…" and how many projects were visited.
 */
export function visitSentence(v: VisitFacts, held: boolean, style: ThaiStyle): string {
  const area = v.provinces.length === 1 ? `ในพื้นที่จังหวัด${v.provinces[0]}` : `ในพื้นที่ ${v.provinces.length} จังหวัด (${thaiList(v.provinces)})`;
  // "โดยคณะกรรมการ อ.ก.บ.ก. ด้านติดตามฯ"; a committee named "คณะ…" (คณะทำงาน…) is named as it is.
  const by = v.committee.startsWith('คณะ') ? v.committee : `คณะกรรมการ ${v.committee}`;
  const text =
    `${v.ownerTh} ${held ? 'ได้ลงพื้นที่' : 'ได้กำหนดลงพื้นที่'}ติดตามและประเมินผลโครงการ${v.ownerTh} โดย${by} ` +
    `${area} ${whenTh(v.startDate, v.endDate, held)}` +
    (held && v.visitedCount > 0 ? ` จำนวน ${v.visitedCount} โครงการ` : '');
  return withDigits(text, style);
}

export interface EventFacts {
  ownerTh: string;
  kind: EventKind;
  title: string;
  organizer: string;
  startDate: IsoDate;
  endDate: IsoDate;
  startTime: string | null;
  provinces: string[];
  /** Whether the provinces are all those of the owner cluster (then "ในพื้นที่ ๔ จังหวัดในกลุ่มจังหวัด…"). */
  allOfCluster: boolean;
  chair: Person | null;
  speakers: Person[];
  invitedGroups: { name: string }[];
  attendance: number | null;
}

function eventArea(e: EventFacts): string {
  if (e.provinces.length === 0) return '';
  if (e.provinces.length === 1) return ` ในพื้นที่จังหวัด${e.provinces[0]}`;
  if (e.allOfCluster) return ` ในพื้นที่ ${e.provinces.length} จังหวัดใน${e.ownerTh}`;
  return ` ในพื้นที่ ${e.provinces.length} จังหวัด (${thaiList(e.provinces)})`;
}

/**
 * Held: "เมื่อวันที่ ๑๕ ธันวาคม ๒๕๕๘ OSM ได้มีการสัมมนาเชิงปฏิบัติการ… โดยมี<chair> เป็นประธาน และมี<speakers>
 * เป็นวิทยากร ซึ่งได้เชิญ<groups> เข้าร่วมการสัมมนาครั้งนี้ด้วย". Scheduled: "กำหนดการลงพื้นที่อบรม… ในพื้นที่ ๔
 * จังหวัดในกลุ่มจังหวัด… ระหว่างวันที่ ๒๒ มกราคม - ๕ กุมภาพันธ์ ๒๕๕๙" ("ลงพื้นที่" when it goes to several provinces).
 */
export function eventSentence(e: EventFacts, held: boolean, style: ThaiStyle): string {
  let text: string;
  if (!held) {
    text =
      `กำหนดการ${e.provinces.length > 1 ? 'ลงพื้นที่' : ''}${e.title}${eventArea(e)} ${whenTh(e.startDate, e.endDate, false)}` +
      (e.startTime ? ` เวลา ${e.startTime.replace(':', '.')} น.` : '');
  } else {
    text = `${whenTh(e.startDate, e.endDate, true)} ${e.organizer || e.ownerTh} ได้มีการ${e.title}`;
    if (e.chair) text += ` โดยมี${personTh(e.chair)} เป็นประธาน`;
    if (e.speakers.length) text += ` ${e.chair ? 'และมี' : 'โดยมี'}${thaiList(e.speakers.map(personTh))} เป็นวิทยากร`;
    if (e.invitedGroups.length) text += ` ซึ่งได้เชิญ${thaiList(e.invitedGroups.map((g) => g.name))} เข้าร่วม${KIND_NOUN_TH[e.kind]}ครั้งนี้ด้วย`;
    if (e.attendance !== null) text += ` มีผู้เข้าร่วมทั้งสิ้น ${e.attendance} คน`;
  }
  return withDigits(text, style);
}

export interface RangeQuery {
  owner: string;
  from: IsoDate;
  to: IsoDate;
  /** Held by then is told as held; default today. */
  asOf?: IsoDate;
}

async function resolveFor(q: Queryable, actor: Actor, query: RangeQuery, what: string): Promise<Owner> {
  const fy = fiscalYearOf(query.to);
  const owner = await resolveOwner(q, query.owner, fy);
  await assertCanReadOwnerRecords(q, actor, owner, fy, what);
  return owner;
}

/** The provinces of a cluster in the composition of a date's fiscal year. */
async function clusterProvinces(q: Queryable, slug: string, date: IsoDate): Promise<string[]> {
  const scheme = await schemeForFiscalYear(q, fiscalYearOf(date));
  const rows = await q.query<{ province_code: string }>(
    `SELECT m.province_code FROM cluster_memberships m JOIN clusters c ON c.id = m.cluster_id
      WHERE c.slug = $1 AND c.scheme = $2 AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to > $3) ORDER BY m.province_code`,
    [slug, scheme, date],
  );
  return rows.map((r) => r.province_code);
}

async function eventItems(q: Queryable, owner: Owner, query: RangeQuery, kinds: readonly EventKind[], onlyHeld: boolean, style: ThaiStyle) {
  const asOf = query.asOf ?? todayIso();
  const rows = (await eventRows(q, owner.code, query.from, query.to)).filter((e) => kinds.includes(e.kind) && (!onlyHeld || e.end_date <= asOf));
  const names = await provinceNames(q, [...new Set(rows.flatMap((r) => r.province_codes))]);
  const ownerTh = ownerNameTh({ ownerKind: owner.kind, owner: owner.code, ownerNameTh: owner.nameTh });
  const items: ReportItem[] = [];
  for (const e of rows) {
    const members = owner.kind === 'cluster' ? await clusterProvinces(q, owner.code, e.start_date) : [];
    const allOfCluster = members.length > 1 && members.length === e.province_codes.length && members.every((m) => e.province_codes.includes(m));
    const held = e.end_date <= asOf;
    const facts: EventFacts = {
      ownerTh,
      kind: e.kind,
      title: e.title,
      organizer: e.organizer,
      startDate: e.start_date,
      endDate: e.end_date,
      startTime: e.start_time,
      provinces: e.province_codes.map((c) => names.get(c) ?? c),
      allOfCluster,
      chair: e.chair,
      speakers: e.speakers,
      invitedGroups: e.invited_groups,
      attendance: e.attendance,
    };
    items.push({
      type: 'event',
      id: String(e.id),
      kind: e.kind,
      startDate: e.start_date,
      endDate: e.end_date,
      held,
      sentence: eventSentence(facts, held, style),
    });
  }
  return items;
}

/** Block "monitoring visits and trainings in a date range": the owner's visits and trainings overlapping from–to, by start date. */
export async function monitoringAndTrainings(
  q: Queryable,
  actor: Actor,
  query: RangeQuery,
  style: ThaiStyle = { thaiDigits: true },
): Promise<ReportItem[]> {
  const owner = await resolveFor(q, actor, query, 'monitoring visits');
  await assertCanReadOwnerRecords(q, actor, owner, fiscalYearOf(query.to), 'events');
  const asOf = query.asOf ?? todayIso();
  const ownerTh = ownerNameTh({ ownerKind: owner.kind, owner: owner.code, ownerNameTh: owner.nameTh });
  const visits: ReportItem[] = (await visitsInRange(q, owner, query.from, query.to)).map((v) => {
    const held = v.endDate <= asOf;
    const facts: VisitFacts = {
      ownerTh,
      committee: v.committee,
      provinces: v.provinces.map((p) => p.nameTh),
      startDate: v.startDate,
      endDate: v.endDate,
      visitedCount: v.visitedCount,
    };
    return {
      type: 'visit',
      id: v.id,
      kind: 'monitoring_visit',
      startDate: v.startDate,
      endDate: v.endDate,
      held,
      sentence: visitSentence(facts, held, style),
    };
  });
  const trainings = await eventItems(q, owner, query, ['training'], false, style);
  return [...visits, ...trainings].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate));
}

/** Block "events held": the owner's seminars, workshops and meetings overlapping from–to that had ended by asOf. */
export async function eventsHeld(q: Queryable, actor: Actor, query: RangeQuery, style: ThaiStyle = { thaiDigits: true }): Promise<ReportItem[]> {
  const owner = await resolveFor(q, actor, query, 'events');
  return eventItems(q, owner, query, ['seminar', 'workshop', 'meeting'], true, style);
}

/** Both blocks, for the API and `padme report events`. */
export async function eventsReport(q: Queryable, actor: Actor, query: RangeQuery, style: ThaiStyle = { thaiDigits: true }): Promise<EventsReport> {
  const owner = await resolveFor(q, actor, query, 'events');
  const asOf = query.asOf ?? todayIso();
  const full = { ...query, asOf };
  return {
    owner: owner.code,
    ownerNameTh: ownerNameTh({ ownerKind: owner.kind, owner: owner.code, ownerNameTh: owner.nameTh }),
    from: query.from,
    to: query.to,
    asOf,
    monitoring: await monitoringAndTrainings(q, actor, full, style),
    held: await eventsHeld(q, actor, full, style),
  };
}

export const MONITORING_HEADING_TH = 'การลงพื้นที่ติดตามและประเมินผล และการอบรม';
export const HELD_HEADING_TH = 'กิจกรรมที่ได้ดำเนินการ';

/** The two blocks as text: a heading each, then "- " items (the seed's layout). */
export function eventsReportText(r: EventsReport): string {
  const block = (heading: string, items: ReportItem[]) => [heading, ...(items.length ? items.map((i) => `- ${i.sentence}`) : ['- (ไม่มี)'])];
  return `${[...block(MONITORING_HEADING_TH, r.monitoring), '', ...block(HELD_HEADING_TH, r.held)].join('\n')}\n`;
}

export function eventsReportCsv(r: EventsReport): string {
  const rows = [
    ...r.monitoring.map((i) => ['monitoring', i.type, i.id, i.kind, i.startDate, i.endDate, i.held, i.sentence]),
    ...r.held.map((i) => ['held', i.type, i.id, i.kind, i.startDate, i.endDate, i.held, i.sentence]),
  ];
  return toCsv(['block', 'type', 'id', 'kind', 'start_date', 'end_date', 'held', 'sentence'], rows);
}
