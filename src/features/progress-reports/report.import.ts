/**
 * Import of monthly progress reports: one row per project and month, saved (or submitted) through
 * saveProgressReportIn, the domain function of PUT /projects/{code}/progress-reports/{month}.
 * A row whose report already holds the same text and percentage (and, for a row to submit, is
 * already submitted or accepted) adds nothing.
 */
import { z } from 'zod';
import { toArabicDigits } from '../../core/thai.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { lockProjectFor } from '../projects/project.service.ts';
import { MonthText } from '../plans/plan.import.ts';
import { PercentInput } from '../plans/plan.schema.ts';
import { reportRows } from './report.queries.ts';
import { saveProgressReportIn } from './report.service.ts';

const YES = new Set(['yes', 'y', 'true', '1', 'submit', 'ใช่', 'ส่ง']);
const NO = new Set(['no', 'n', 'false', '0', 'draft', 'ไม่', 'ไม่ส่ง', 'ร่าง']);

const Text = z.string().trim().max(10000, 'at most 10,000 characters').default('');

const ProgressRow = z.object({
  project_code: z.string({ error: 'project_code is required' }).trim().min(1).max(64),
  month: z.string({ error: 'month is required' }).pipe(MonthText),
  percent: z
    .string({ error: 'percent is required' })
    .transform((s) => toArabicDigits(s).replace(/\s*%$/, ''))
    .pipe(PercentInput),
  done: Text,
  obstacles: Text,
  solutions: Text,
  help_requested: Text,
  submit: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return false;
      const v = s.trim().toLowerCase();
      if (YES.has(v)) return true;
      if (NO.has(v)) return false;
      ctx.addIssue({ code: 'custom', message: `"${s}" is not yes or no: use yes/no (ใช่/ไม่, ส่ง/ร่าง)` });
      return z.NEVER;
    }),
});
type ProgressRow = z.infer<typeof ProgressRow>;

export const progressReportImport: ImportSpec<ProgressRow> = {
  kind: 'progress',
  columns: [
    { name: 'project_code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'month', aliases: ['เดือน', 'ประจำเดือน'], required: true },
    { name: 'percent', aliases: ['ร้อยละความก้าวหน้า', 'ความก้าวหน้า (ร้อยละ)', 'physical_percent'], required: true },
    { name: 'done', aliases: ['ผลการดำเนินงาน'], required: false },
    { name: 'obstacles', aliases: ['ปัญหาอุปสรรค'], required: false },
    { name: 'solutions', aliases: ['แนวทางแก้ไข'], required: false },
    { name: 'help_requested', aliases: ['ความช่วยเหลือที่ต้องการ'], required: false },
    { name: 'submit', aliases: ['ส่งรายงาน'], required: false },
  ],
  row: ProgressRow,
  key: { of: (r) => `${r.project_code} ${r.month}`, field: 'month' },
  async apply(tx, r, actor) {
    const p = await lockProjectFor(tx, actor, r.project_code, 'report progress of');
    const [current] = await reportRows(tx, p.id, r.month);
    const same =
      current &&
      BigInt(current.percent_hundredths) === r.percent &&
      current.done === r.done &&
      current.obstacles === r.obstacles &&
      current.solutions === r.solutions &&
      current.help_requested === r.help_requested;
    if (same && (!r.submit || current.status === 'submitted' || current.status === 'accepted')) {
      return 'unchanged';
    }
    await saveProgressReportIn(tx, actor, r.project_code, r.month, {
      percent: r.percent,
      done: r.done,
      obstacles: r.obstacles,
      solutions: r.solutions,
      helpRequested: r.help_requested,
      submit: r.submit,
    });
    return 'added';
  },
};
