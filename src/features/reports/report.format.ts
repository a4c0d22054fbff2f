/** Presentations of the reports: the Thai sentences of an official report, and CSV. */
import { parseAmount } from '../../core/money.ts';
import { thaiAmount, thaiDate, thaiInteger, withDigits, type ThaiStyle } from '../../core/thai.ts';
import { CATEGORY_LABEL_TH } from '../budget/category.ts';
import type { CategoryFigures, DisbursementReport, Ranking, RankingEntry } from './report.schema.ts';

const amount = (s: string, style: ThaiStyle) => thaiAmount(parseAmount(s) ?? 0n, style);
const percent = (s: string | null, style: ThaiStyle) => (s === null ? '-' : withDigits(s, style));

/**
 * "ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัด… ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท
 * คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)"
 * A percentage is never followed by a unit.
 */
/** A province is written "จังหวัดเชียงใหม่" (Bangkok, not a province, takes no prefix); a cluster's name has its own. */
export function ownerNameTh(r: Pick<DisbursementReport, 'ownerKind' | 'owner' | 'ownerNameTh'>): string {
  return r.ownerKind === 'province' && r.owner !== BANGKOK ? `จังหวัด${r.ownerNameTh}` : r.ownerNameTh;
}

const BANGKOK = '10';

/**
 * The official paragraph; with byCategory (and a report that carries its split), one sentence per
 * budget category after it: "งบลงทุน ได้รับจัดสรร … บาท เบิกจ่ายจำนวน … บาท คิดเป็นร้อยละ … คงเหลือ … บาท คิดเป็นร้อยละ …".
 * Without it the text is exactly the seed's.
 */
export function disbursementText(
  r: DisbursementReport & { byCategory?: CategoryFigures[] },
  style: ThaiStyle = { thaiDigits: true },
  opts: { byCategory?: boolean } = {},
): string {
  const lines = [
    `ผลการเบิกจ่ายงบประมาณโครงการ${withDigits(ownerNameTh(r), style)} ประจำปีงบประมาณ พ.ศ. ${thaiInteger(r.fiscalYear, style)} ` +
      `จำนวน ${amount(r.disbursed, style)} บาท คิดเป็นร้อยละ ${percent(r.disbursedPercent, style)} ` +
      `คงเหลือ ${amount(r.remaining, style)} บาท คิดเป็นร้อยละ ${percent(r.remainingPercent, style)} ` +
      `(ข้อมูล ณ วันที่ ${thaiDate(r.asOf, style)})`,
    `งบประมาณที่ได้รับจัดสรร ${amount(r.allocated, style)} บาท จำนวน ${thaiInteger(r.projectCount, style)} โครงการ`,
  ];
  if (opts.byCategory) lines.push(...(r.byCategory ?? []).map((c) => categorySentence(c, style)));
  return `${lines.join('\n')}\n`;
}

/** One budget category of the report in a Thai sentence; a category with nothing allocated nor disbursed says so. */
export function categorySentence(c: CategoryFigures, style: ThaiStyle = { thaiDigits: true }): string {
  const label = CATEGORY_LABEL_TH[c.category];
  if (c.allocated === '0.00' && c.disbursed === '0.00') return `${label} ไม่ได้รับจัดสรรงบประมาณ`;
  return (
    `${label} ได้รับจัดสรร ${amount(c.allocated, style)} บาท เบิกจ่ายจำนวน ${amount(c.disbursed, style)} บาท คิดเป็นร้อยละ ${percent(c.disbursedPercent, style)} ` +
    `คงเหลือ ${amount(c.remaining, style)} บาท คิดเป็นร้อยละ ${percent(c.remainingPercent, style)}`
  );
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const DISBURSEMENT_FIELDS = [
  'owner',
  'fiscalYear',
  'asOf',
  'projectCount',
  'allocated',
  'disbursed',
  'disbursedPercent',
  'remaining',
  'remainingPercent',
] as const;

/**
 * One header and the totals; a report that carries its split by budget category gets a last column
 * `category` ("all" on the totals' row) and one row per category after the totals, the owner's
 * fields repeated (projectCount: the projects with a line in that category).
 */
export function disbursementCsv(r: DisbursementReport & { byCategory?: CategoryFigures[] }): string {
  const row = DISBURSEMENT_FIELDS.map((f) => r[f]);
  if (!r.byCategory) return toCsv([...DISBURSEMENT_FIELDS], [row]);
  return toCsv(
    [...DISBURSEMENT_FIELDS, 'category'],
    [
      [...row, 'all'],
      ...r.byCategory.map((c) => {
        const figures = { owner: r.owner, fiscalYear: r.fiscalYear, asOf: r.asOf, ...c };
        return [...DISBURSEMENT_FIELDS.map((f) => figures[f]), c.category];
      }),
    ],
  );
}

function rankingEntries(r: Ranking): RankingEntry[] {
  return r.clusters ?? r.provinces ?? [];
}

export function rankingText(r: Ranking, style: ThaiStyle = { thaiDigits: true }): string {
  const entries = rankingEntries(r);
  const what = r.level === 'cluster' ? 'กลุ่มจังหวัด' : 'จังหวัด';
  const lines = [
    `ผลการเบิกจ่ายงบประมาณโครงการของ${what} ประจำปีงบประมาณ พ.ศ. ${thaiInteger(r.fiscalYear, style)} จัดลำดับจากร้อยละการเบิกจ่าย (ข้อมูล ณ วันที่ ${thaiDate(r.asOf, style)})`,
  ];
  for (const e of entries) {
    const rank = e.rank === null ? 'ไม่มีงบประมาณ' : `ลำดับที่ ${thaiInteger(e.rank, style)} จาก ${thaiInteger(entries.length, style)}`;
    lines.push(
      `${rank} ${withDigits(e.nameTh, style)} เบิกจ่าย ${amount(e.disbursed, style)} บาท จากงบประมาณ ${amount(e.allocated, style)} บาท คิดเป็นร้อยละ ${percent(e.disbursedPercent, style)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function rankingCsv(r: Ranking): string {
  const fields = ['rank', 'owner', 'nameTh', 'projectCount', 'allocated', 'disbursed', 'disbursedPercent'] as const;
  return toCsv(
    [...fields],
    rankingEntries(r).map((e) => fields.map((f) => e[f])),
  );
}
