import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { todayIso } from '../../core/dates.ts';
import { thaiDate } from '../../core/thai.ts';
import type { ProjectListQuery } from './project.schema.ts';
import { listProjects } from './project.service.ts';
import { STATUS_LABEL_TH } from './project.status.ts';

const baht = (s: string) => Number(s);

/** The filtered project list as an XLSX workbook, Thai headers, amounts as numbers Excel can sum. */
export async function projectsWorkbook(q: Queryable, actor: Actor, filter: Omit<ProjectListQuery, 'limit' | 'offset'>): Promise<Buffer> {
  const asOf = filter.asOf ?? todayIso();
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PADME';
  const ws = wb.addWorksheet('โครงการ');
  ws.addRow([`รายการโครงการ (ข้อมูล ณ วันที่ ${thaiDate(asOf, { thaiDigits: false })})`]).font = { bold: true, name: 'Sarabun' };
  const header = ws.addRow([
    'รหัสโครงการ',
    'ปีงบประมาณ',
    'เจ้าของ',
    'ชื่อโครงการ',
    'หน่วยงาน',
    'สถานะ',
    'งบประมาณ',
    'จัดสรร',
    'เบิกจ่าย',
    'คงเหลือ',
    'ร้อยละเบิกจ่าย',
  ]);
  header.font = { bold: true, name: 'Sarabun' };
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await listProjects(q, actor, { ...filter, asOf, limit: pageSize, offset });
    for (const p of page.items) {
      ws.addRow([
        p.code,
        p.fiscalYear,
        p.owner.nameTh,
        p.nameTh,
        p.agency ?? '',
        STATUS_LABEL_TH[p.status],
        baht(p.budget),
        baht(p.allocated),
        baht(p.disbursed),
        baht(p.remaining),
        p.disbursedPercent === null ? null : Number(p.disbursedPercent),
      ]);
    }
    if (offset + pageSize >= page.total) break;
  }
  for (const col of [7, 8, 9, 10]) ws.getColumn(col).numFmt = '#,##0.00';
  ws.getColumn(11).numFmt = '0.00';
  ws.getColumn(4).width = 60;
  ws.getColumn(3).width = 30;
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
