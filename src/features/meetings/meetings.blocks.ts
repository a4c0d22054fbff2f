/**
 * The computed blocks of a meeting report. Each block calls the domain function of the feature
 * that owns its figures (reports, indicators, projects, events) as of the meeting's cut-off date,
 * and words the result as the seed does. A block returns its sentences and the figures they
 * state: closing a meeting freezes both.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import type { IsoDate } from '../../core/dates.ts';
import { parseAmount } from '../../core/money.ts';
import { thaiAmount, thaiDate, thaiInteger, withDigits, type ThaiStyle } from '../../core/thai.ts';
import { disbursementReport, ranking } from '../reports/report.service.ts';
import { ownerNameTh } from '../reports/report.format.ts';
import { indicatorReport } from '../indicators/indicators.service.ts';
import { thaiList } from '../events/events.rules.ts';
import { eventsHeld, monitoringAndTrainings } from '../events/events.report.ts';
import { getStatusHistories, listProjects } from '../projects/project.service.ts';
import type { ProjectStatus } from '../projects/project.status.ts';
import type { StatusChange } from '../projects/project.schema.ts';
import type { AgendaEntry, ReportBlock } from './meetings.schema.ts';

export interface BlockContext {
  q: Queryable;
  actor: Actor;
  owner: string;
  cutOff: IsoDate;
  style: ThaiStyle;
}

const amount = (s: string, style: ThaiStyle) => thaiAmount(parseAmount(s) ?? 0n, style);
const pct = (s: string | null, style: ThaiStyle) => (s === null ? '-' : withDigits(s, style));
const int = (n: number, style: ThaiStyle) => thaiInteger(n, style);

/** Statuses counted as approved: approved, and what only an approved project can become. */
const APPROVED: readonly ProjectStatus[] = ['approved', 'in_progress', 'completed'];
/** "ซึ่ง<…>" after the name of a project not yet approved. */
const PENDING_TH: Partial<Record<ProjectStatus, string>> = {
  proposed: 'อยู่ระหว่างการพิจารณาอนุมัติ',
  revising: 'อยู่ระหว่างการปรับเนื้อหารายละเอียด',
};

/** The status a project had on a date, from its dated history (the first one before its first date), as the figures count it. */
export function statusOn(history: StatusChange[], date: IsoDate): ProjectStatus | null {
  const sorted = [...history].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const until = sorted.filter((h) => h.effectiveDate <= date);
  return (until[until.length - 1] ?? sorted[0])?.toStatus ?? null;
}

/**
 * "ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน ๑๔ โครงการ คงเหลืออีก ๑ โครงการที่ยังไม่ได้อนุมัติ คือ <name> ซึ่ง<status>".
 * Counts come from the disbursement report (statuses as of the cut-off); the names of those not yet
 * approved from the project list and their status histories (one statement).
 */
async function approvalBlock(c: BlockContext, fiscalYear: number): Promise<Omit<ReportBlock, 'kind' | 'params'>> {
  const report = await disbursementReport(c.q, c.actor, { owner: c.owner, fiscalYear, asOf: c.cutOff });
  const approved = APPROVED.reduce((n, s) => n + report.statusCounts[s], 0);
  const list = await listProjects(c.q, c.actor, { owner: c.owner, fiscalYear, asOf: c.cutOff, sort: 'code', order: 'asc', limit: 1000, offset: 0 });
  const histories = await getStatusHistories(
    c.q,
    c.actor,
    list.items.map((p) => p.code),
  );
  const pending: { code: string; nameTh: string; status: ProjectStatus }[] = [];
  for (const p of list.items) {
    const status = statusOn(histories.get(p.code) ?? [], c.cutOff);
    if (status === 'proposed' || status === 'revising') pending.push({ code: p.code, nameTh: p.nameTh, status });
  }
  let sentence = `ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน ${int(approved, c.style)} โครงการ`;
  if (pending.length) {
    const named = pending.map((p) => `${withDigits(p.nameTh, c.style)} ซึ่ง${PENDING_TH[p.status]}`);
    sentence += ` คงเหลืออีก ${int(pending.length, c.style)} โครงการที่ยังไม่ได้อนุมัติ คือ ${thaiList(named)}`;
  } else sentence += ' ครบทุกโครงการแล้ว';
  return { sentences: [sentence], figures: { fiscalYear, asOf: c.cutOff, approved, pending, statusCounts: report.statusCounts } };
}

const AGREEMENT_VERB_TH = { draft: 'ได้กำหนดร่าง ', proposed: 'ได้เสนอ', agreed: 'ได้กำหนด' } as const;

/**
 * "สำนักงาน ก.พ.ร. ได้กำหนดร่าง ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของ<owner> ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ประกอบด้วย ๓ ตัวชี้วัด
 * คือ ตัวชี้วัด…, ตัวชี้วัด… และตัวชี้วัด… ซึ่ง OSM ได้เสนอขอเปลี่ยนตัวชี้วัด… เนื่องจาก…", from the indicators report as of the cut-off.
 */
async function indicatorsBlock(c: BlockContext, e: Extract<AgendaEntry, { kind: 'indicators' }>): Promise<Omit<ReportBlock, 'kind' | 'params'>> {
  const r = await indicatorReport(c.q, c.actor, { owner: c.owner, fiscalYear: e.fiscalYear, asOf: c.cutOff });
  const owner = withDigits(ownerNameTh(r), c.style);
  const head = `ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของ${owner} ประจำปีงบประมาณ พ.ศ. ${int(e.fiscalYear, c.style)}`;
  const title = (l: (typeof r.indicators)[number]) =>
    withDigits(`ตัวชี้วัด${l.nameTh}${l.components.length ? ` (${thaiList(l.components.map((x) => x.nameTh))})` : ''}`, c.style);
  let sentence: string;
  if (!r.indicators.length) sentence = `${head} ยังไม่มีตัวชี้วัด`;
  else {
    sentence = `${e.setBy} ${AGREEMENT_VERB_TH[r.status ?? 'draft']}${head} ประกอบด้วย ${int(r.indicators.length, c.style)} ตัวชี้วัด คือ ${thaiList(r.indicators.map(title))}`;
    const requests = r.indicators.flatMap((l) =>
      l.openChangeRequests.map(
        (cr) => `${cr.kind === 'remove' ? 'ยกเลิก' : 'เปลี่ยน'}ตัวชี้วัด${withDigits(l.nameTh, c.style)} เนื่องจาก${withDigits(cr.reason, c.style)}`,
      ),
    );
    if (requests.length) sentence += ` ซึ่ง ${e.requestedBy} ได้เสนอขอ${requests.join(' และขอ')}`;
  }
  return {
    sentences: [sentence],
    figures: {
      fiscalYear: e.fiscalYear,
      asOf: c.cutOff,
      status: r.status,
      indicators: r.indicators.map((l) => ({
        code: l.code,
        nameTh: l.nameTh,
        components: l.components.map((x) => x.nameTh),
        weight: l.weight,
        annualTarget: l.annualTarget,
        unit: l.unit,
        latest: l.latest,
        openChangeRequests: l.openChangeRequests.map((cr) => ({ kind: cr.kind, reason: cr.reason, requestedOn: cr.requestedOn })),
      })),
    },
  };
}

/** "มีโครงการที่ดำเนินการแล้วเสร็จ จำนวน ๘ โครงการ จากทั้งหมด จำนวน ๑๒ โครงการ มีผลการเบิกจ่าย … บาท คิดเป็นร้อยละ ๗๒.๓๒ ซึ่งอยู่ลำดับที่ ๗ จาก ๑๘ กลุ่มจังหวัด" */
async function previousYearBlock(c: BlockContext, fiscalYear: number): Promise<Omit<ReportBlock, 'kind' | 'params'>> {
  const r = await disbursementReport(c.q, c.actor, { owner: c.owner, fiscalYear, asOf: c.cutOff });
  const rk = await ranking(c.q, c.actor, { fiscalYear, asOf: c.cutOff, level: r.ownerKind });
  const peers = rk.clusters ?? rk.provinces ?? [];
  const rank = peers.find((p) => p.owner === r.owner)?.rank ?? null;
  const completed = r.statusCounts.completed;
  let sentence =
    `มีโครงการที่ดำเนินการแล้วเสร็จ จำนวน ${int(completed, c.style)} โครงการ จากทั้งหมด จำนวน ${int(r.projectCount, c.style)} โครงการ ` +
    `มีผลการเบิกจ่าย ${amount(r.disbursed, c.style)} บาท คิดเป็นร้อยละ ${pct(r.disbursedPercent, c.style)}`;
  if (rank !== null)
    sentence += ` ซึ่งอยู่ลำดับที่ ${int(rank, c.style)} จาก ${int(peers.length, c.style)} ${r.ownerKind === 'cluster' ? 'กลุ่มจังหวัด' : 'จังหวัด'}`;
  return {
    sentences: [sentence],
    figures: {
      fiscalYear,
      asOf: c.cutOff,
      completed,
      projectCount: r.projectCount,
      allocated: r.allocated,
      disbursed: r.disbursed,
      disbursedPercent: r.disbursedPercent,
      rank,
      of: peers.length,
      ranking: peers.map((p) => ({
        rank: p.rank,
        owner: p.owner,
        nameTh: p.nameTh,
        allocated: p.allocated,
        disbursed: p.disbursed,
        disbursedPercent: p.disbursedPercent,
      })),
    },
  };
}

/** "ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ จำนวน … บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ … บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ …)": no unit after a percentage. */
async function disbursementBlock(c: BlockContext, fiscalYear: number): Promise<Omit<ReportBlock, 'kind' | 'params'>> {
  const r = await disbursementReport(c.q, c.actor, { owner: c.owner, fiscalYear, asOf: c.cutOff });
  const sentence =
    `ผลการเบิกจ่ายงบประมาณโครงการ ประจำปีงบประมาณ พ.ศ. ${int(fiscalYear, c.style)} จำนวน ${amount(r.disbursed, c.style)} บาท ` +
    `คิดเป็นร้อยละ ${pct(r.disbursedPercent, c.style)} คงเหลือ ${amount(r.remaining, c.style)} บาท คิดเป็นร้อยละ ${pct(r.remainingPercent, c.style)} ` +
    `(ข้อมูล ณ วันที่ ${thaiDate(c.cutOff, c.style)})`;
  return {
    sentences: [sentence],
    figures: {
      fiscalYear,
      asOf: c.cutOff,
      projectCount: r.projectCount,
      allocated: r.allocated,
      disbursed: r.disbursed,
      disbursedPercent: r.disbursedPercent,
      remaining: r.remaining,
      remainingPercent: r.remainingPercent,
      byCategory: r.byCategory,
    },
  };
}

/** Computes one item of a topic: narrative text as typed (digits in the chosen style), or a block. */
export async function computeEntry(c: BlockContext, e: AgendaEntry): Promise<ReportBlock> {
  const { kind, ...params } = e;
  const done = (b: Omit<ReportBlock, 'kind' | 'params'>): ReportBlock => ({ kind, params, ...b });
  switch (e.kind) {
    case 'text':
      return done({ sentences: [withDigits(e.text, c.style)], figures: {} });
    case 'approval':
      return done(await approvalBlock(c, e.fiscalYear));
    case 'indicators':
      return done(await indicatorsBlock(c, e));
    case 'monitoring': {
      const items = (await monitoringAndTrainings(c.q, c.actor, { owner: c.owner, from: e.from, to: e.to, asOf: c.cutOff }, c.style)).filter(
        (i) => e.include === 'both' || (e.include === 'visits' ? i.type === 'visit' : i.type !== 'visit'),
      );
      return done({ sentences: items.map((i) => i.sentence), figures: { asOf: c.cutOff, items: items.map(({ sentence: _s, ...rest }) => rest) } });
    }
    case 'previousYear':
      return done(await previousYearBlock(c, e.fiscalYear));
    case 'disbursement':
      return done(await disbursementBlock(c, e.fiscalYear));
    case 'eventsHeld': {
      const items = await eventsHeld(c.q, c.actor, { owner: c.owner, from: e.from, to: e.to, asOf: c.cutOff }, c.style);
      return done({ sentences: items.map((i) => i.sentence), figures: { asOf: c.cutOff, items: items.map(({ sentence: _s, ...rest }) => rest) } });
    }
  }
}
