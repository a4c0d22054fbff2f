/** Presentations of the reports: the Thai sentences of an official report, and CSV. */
import { parseAmount } from '../../core/money.ts';
import { thaiAmount, thaiDate, thaiInteger, withDigits, type ThaiStyle } from '../../core/thai.ts';
import type { DisbursementReport, Ranking, RankingEntry } from './report.schema.ts';

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

export function disbursementText(r: DisbursementReport, style: ThaiStyle = { thaiDigits: true }): string {
  const lines = [
    `ผลการเบิกจ่ายงบประมาณโครงการ${withDigits(ownerNameTh(r), style)} ประจำปีงบประมาณ พ.ศ. ${thaiInteger(r.fiscalYear, style)} ` +
      `จำนวน ${amount(r.disbursed, style)} บาท คิดเป็นร้อยละ ${percent(r.disbursedPercent, style)} ` +
      `คงเหลือ ${amount(r.remaining, style)} บาท คิดเป็นร้อยละ ${percent(r.remainingPercent, style)} ` +
      `(ข้อมูล ณ วันที่ ${thaiDate(r.asOf, style)})`,
    `งบประมาณที่ได้รับจัดสรร ${amount(r.allocated, style)} บาท จำนวน ${thaiInteger(r.projectCount, style)} โครงการ`,
  ];
  return `${lines.join('\n')}\n`;
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

export function disbursementCsv(r: DisbursementReport): string {
  return toCsv([...DISBURSEMENT_FIELDS], [DISBURSEMENT_FIELDS.map((f) => r[f])]);
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
