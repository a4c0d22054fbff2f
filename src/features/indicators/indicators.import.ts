/** The import of indicator results (padme import results FILE): one row per result, all or nothing. */
import { z } from 'zod';
import { FiscalYearText, FlexibleDate } from '../../core/schemas.ts';
import { AppError } from '../../core/errors.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { ComponentKey, DecimalText, IndicatorCode, PeriodText } from './indicators.schema.ts';
import { findIndicatorByCode } from './indicators.queries.ts';
import { applyResult } from './indicators.service.ts';

const required = (name: string) => ({ error: `${name} is required` });

/** A period as written in a file: annual (or ทั้งปี), Q1..Q4 (or ไตรมาส 1), YYYY-MM. */
const FilePeriod = z
  .string(required('period'))
  .trim()
  .transform((s) => (s === 'ทั้งปี' ? 'annual' : s.replace(/^ไตรมาส(?:ที่)?\s*([1-4])$/, 'Q$1')).replace(/^q([1-4])$/, 'Q$1'))
  .pipe(PeriodText);

const ResultRow = z.object({
  owner: z.string(required('owner')).pipe(OwnerCode),
  fiscal_year: z.string(required('fiscal_year')).pipe(FiscalYearText),
  indicator: z.string(required('indicator')).pipe(IndicatorCode),
  component: ComponentKey.optional(),
  period: FilePeriod,
  value: z.string(required('value')).pipe(DecimalText),
  date: z.string(required('date')).pipe(FlexibleDate),
  source: z.string().trim().max(500).default(''),
  evidence_url: z
    .url({ protocol: /^https?$/, error: 'evidence_url must be an http(s) link' })
    .max(2000)
    .optional(),
});
type ResultRow = z.infer<typeof ResultRow>;

export const resultImport: ImportSpec<ResultRow> = {
  kind: 'results',
  columns: [
    { name: 'owner', aliases: ['กลุ่มจังหวัด/จังหวัด', 'เจ้าของ'], required: true },
    { name: 'fiscal_year', aliases: ['ปีงบประมาณ'], required: true },
    { name: 'indicator', aliases: ['รหัสตัวชี้วัด', 'ตัวชี้วัด'], required: true },
    { name: 'component', aliases: ['องค์ประกอบ'], required: false },
    { name: 'period', aliases: ['งวด', 'ช่วงเวลา'], required: true },
    { name: 'value', aliases: ['ผลการดำเนินงาน'], required: true },
    { name: 'date', aliases: ['วันที่'], required: true },
    { name: 'source', aliases: ['แหล่งข้อมูล'], required: false },
    { name: 'evidence_url', aliases: ['หลักฐาน', 'ลิงก์หลักฐาน'], required: false },
  ],
  row: ResultRow,
  key: { of: (r) => `${r.owner} ${r.fiscal_year} ${r.indicator} ${r.component ?? '-'} ${r.period}`, field: 'period' },
  async apply(tx, r, actor) {
    const owner = await resolveOwner(tx, r.owner, r.fiscal_year);
    const row = await findIndicatorByCode(tx, owner.code, r.fiscal_year, r.indicator);
    if (!row)
      throw new AppError('not_found', `Indicator ${r.indicator} of ${owner.code} for fiscal year ${r.fiscal_year} not found`, { field: 'indicator' });
    const { outcome } = await applyResult(tx, actor, row, r.period, {
      component: r.component,
      value: r.value,
      date: r.date,
      source: r.source,
      evidenceUrl: r.evidence_url ?? null,
    });
    return outcome;
  },
};
