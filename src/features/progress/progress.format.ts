/** Presentations of the progress report: Thai text (Thai digits by default), CSV and XLSX. */
import { parseAmount } from '../../core/money.ts';
import { thaiAmount, thaiDate, thaiInteger, thaiMonth, withDigits, type ThaiStyle } from '../../core/thai.ts';
import { toCsv, ownerNameTh } from '../reports/report.format.ts';
import { CATEGORY_LABEL_TH } from '../budget/category.ts';
import { STATUS_LABEL_TH, type ProjectStatus } from '../projects/project.status.ts';
import type { Figures, ProgressReport } from './progress.schema.ts';

const amount = (s: string, style: ThaiStyle) => thaiAmount(parseAmount(s) ?? 0n, style);
const percent = (s: string | null, style: ThaiStyle) => (s === null ? '-' : withDigits(s, style));

function figuresTh(f: Figures, style: ThaiStyle): string {
  const plan = f.planned === null ? 'ไม่มีแผนการเบิกจ่าย' : `ตามแผน ${amount(f.planned, style)} บาท คิดเป็นร้อยละ ${percent(f.plannedPercent, style)}`;
  return `งบประมาณ ${amount(f.allocated, style)} บาท เบิกจ่าย ${amount(f.disbursed, style)} บาท คิดเป็นร้อยละ ${percent(f.disbursedPercent, style)} ${plan}`;
}

/** " ความก้าวหน้าทางกายภาพตามแผนร้อยละ ๓๐.๐๐ ผลการดำเนินงานร้อยละ ๒๕.๐๐ (รายงานประจำเดือน ธันวาคม ๒๕๕๘)", or nothing without either. */
function physicalTh(p: ProgressReport['projects'][number], style: ThaiStyle): string {
  const parts: string[] = [];
  if (p.plannedPhysicalPercent !== null) parts.push(`ตามแผนร้อยละ ${percent(p.plannedPhysicalPercent, style)}`);
  if (p.reportedPhysical !== null)
    parts.push(`ผลการดำเนินงานร้อยละ ${percent(p.reportedPhysical.percent, style)} (รายงานประจำเดือน ${thaiMonth(p.reportedPhysical.month, style)})`);
  return parts.length ? ` ความก้าวหน้าทางกายภาพ${parts.join(' ')}` : '';
}

export function progressText(r: ProgressReport, style: ThaiStyle = { thaiDigits: true }): string {
  const d = (s: string) => withDigits(s, style);
  const lines = [
    `ความก้าวหน้าการเบิกจ่ายงบประมาณโครงการ${d(ownerNameTh(r))} ประจำปีงบประมาณ พ.ศ. ${thaiInteger(r.fiscalYear, style)} (ข้อมูล ณ วันที่ ${thaiDate(r.asOf, style)})`,
    `${figuresTh(r.totals, style)} จำนวน ${thaiInteger(r.projectCount, style)} โครงการ มีแผนการเบิกจ่าย ${thaiInteger(r.projectsWithPlan, style)} โครงการ`,
    `ก่อหนี้ผูกพัน ${amount(r.totals.committed, style)} บาท เบิกจ่ายตามสัญญา ${amount(r.totals.disbursedAgainstCommitments, style)} บาท คงเหลือที่ยังไม่ก่อหนี้ผูกพัน ${amount(r.totals.uncommitted, style)} บาท`,
  ];
  const ph = r.physical;
  lines.push(
    `ความก้าวหน้าทางกายภาพ (ถัวเฉลี่ยตามงบประมาณโครงการ): ${ph.planned === null ? 'ไม่มีแผน' : `ตามแผนร้อยละ ${percent(ph.planned, style)} (${thaiInteger(ph.plannedProjects, style)} โครงการ)`} ` +
      (ph.reported === null
        ? 'ยังไม่มีรายงานที่ตรวจรับแล้ว'
        : `ผลการดำเนินงานตามรายงานร้อยละ ${percent(ph.reported, style)} (${thaiInteger(ph.reportedProjects, style)} โครงการ)`),
  );
  for (const c of r.byCategory) lines.push(`${CATEGORY_LABEL_TH[c.category]}: ${figuresTh(c, style)}`);
  if (r.targetInForce) {
    const t = r.targetInForce;
    lines.push(
      `เป้าหมายการเบิกจ่ายสิ้นไตรมาสที่ ${thaiInteger(t.quarter, style)} (${thaiDate(t.endDate, style)}) ร้อยละ ${percent(t.percent, style)} ${t.met ? 'เป็นไปตามเป้าหมาย' : 'ต่ำกว่าเป้าหมาย'}`,
    );
  }
  for (const f of r.forecasts) lines.push(`คาดการณ์: ${d(f.explanationTh)}`);
  if (r.warnings.length) {
    lines.push('ข้อสังเกต:');
    for (const w of r.warnings) lines.push(`- ${d(w.messageTh)}`);
  }
  lines.push('รายโครงการ:');
  r.projects.forEach((p, i) => {
    const status = STATUS_LABEL_TH[p.status as ProjectStatus] ?? p.status;
    lines.push(`${thaiInteger(i + 1, style)}. ${d(p.code)} ${d(p.nameTh)} (${status}) ${figuresTh(p, style)}${physicalTh(p, style)}`);
  });
  return `${lines.join('\n')}\n`;
}

const PROJECT_FIELDS = [
  'allocated',
  'disbursed',
  'disbursedPercent',
  'planned',
  'plannedPercent',
  'committed',
  'disbursedAgainstCommitments',
  'uncommitted',
] as const;

function tableRows(r: ProgressReport): { header: string[]; rows: unknown[][] } {
  const header = [
    'code',
    'nameTh',
    'status',
    'planVersion',
    ...PROJECT_FIELDS,
    'plannedPhysicalPercent',
    'reportedPhysicalMonth',
    'reportedPhysicalPercent',
    'forecastDate',
    'forecastPercent',
    'warnings',
  ];
  const rows = r.projects.map((p) => {
    const last = p.forecasts[0];
    const warnings = r.warnings.filter((w) => w.project === p.code).map((w) => w.kind);
    return [
      p.code,
      p.nameTh,
      p.status,
      p.planVersion,
      ...PROJECT_FIELDS.map((f) => p[f]),
      p.plannedPhysicalPercent,
      p.reportedPhysical?.month ?? null,
      p.reportedPhysical?.percent ?? null,
      last?.date ?? null,
      last?.percent ?? null,
      warnings.join(' '),
    ];
  });
  rows.push([
    'TOTAL',
    r.ownerNameTh,
    '',
    null,
    ...PROJECT_FIELDS.map((f) => r.totals[f]),
    r.physical.planned,
    null,
    r.physical.reported,
    r.forecasts[0]?.date ?? null,
    r.forecasts[0]?.percent ?? null,
    '',
  ]);
  return { header, rows };
}

export function progressCsv(r: ProgressReport): string {
  const { header, rows } = tableRows(r);
  return toCsv(header, rows);
}

export async function progressWorkbook(r: ProgressReport): Promise<Buffer> {
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PADME';
  const ws = wb.addWorksheet('ความก้าวหน้า');
  ws.addRow([`ความก้าวหน้าการเบิกจ่าย ${ownerNameTh(r)} ปีงบประมาณ ${r.fiscalYear} (ข้อมูล ณ วันที่ ${thaiDate(r.asOf, { thaiDigits: false })})`]).font = {
    bold: true,
    name: 'Sarabun',
  };
  const { header, rows } = tableRows(r);
  ws.addRow(header).font = { bold: true, name: 'Sarabun' };
  const numeric = new Set([4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16]);
  for (const row of rows) ws.addRow(row.map((v, i) => (numeric.has(i) && typeof v === 'string' ? Number(v) : v)));
  for (const col of [5, 6, 8, 10, 11, 12]) ws.getColumn(col).numFmt = '#,##0.00';
  ws.getColumn(2).width = 60;
  const notes = wb.addWorksheet('ข้อสังเกต');
  notes.addRow(['kind', 'project', 'message', 'ข้อความ']).font = { bold: true };
  for (const w of r.warnings) notes.addRow([w.kind, w.project ?? '', w.message, w.messageTh]);
  for (const f of r.forecasts) notes.addRow(['forecast', '', f.explanation, f.explanationTh]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
