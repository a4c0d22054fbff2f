import { z } from 'zod';
import { Amount, FlexibleDate } from '../../core/schemas.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { recordEntries, recordEntry } from './ledger.service.ts';
import { CATEGORIES, CATEGORY_LABEL_TH } from './category.ts';
import { disbursementBulk } from './disbursement.bulk.ts';

const DisbursementRow = z.object({
  project_code: z.string({ error: 'project_code is required' }).trim().min(1).max(64, 'project_code is longer than 64 characters'),
  date: z.string({ error: 'date is required' }).pipe(FlexibleDate),
  amount: z
    .string({ error: 'amount is required' })
    .pipe(Amount)
    .refine((v) => v !== 0n, 'amount cannot be zero'),
  ref: z.string({ error: 'ref is required' }).trim().min(1).max(100, 'ref is longer than 100 characters'),
  category: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const c = CATEGORIES.find((x) => x === v.trim().toLowerCase() || CATEGORY_LABEL_TH[x] === v.trim());
      if (!c) {
        ctx.addIssue({
          code: 'custom',
          message: `"${v}" is not a budget category: use ${CATEGORIES.join(', ')} or ${Object.values(CATEGORY_LABEL_TH).join(', ')}`,
        });
        return z.NEVER;
      }
      return c;
    }),
  commitment: z.string().trim().min(1).max(100).optional(),
});
type DisbursementRow = z.infer<typeof DisbursementRow>;

export const disbursementImport: ImportSpec<DisbursementRow> = {
  kind: 'disbursements',
  columns: [
    { name: 'project_code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'date', aliases: ['วันที่'], required: true },
    { name: 'amount', aliases: ['จำนวนเงิน'], required: true },
    { name: 'ref', aliases: ['เลขที่เอกสาร'], required: true },
    { name: 'category', aliases: ['หมวดงบประมาณ', 'ประเภทงบ'], required: false },
    { name: 'commitment', aliases: ['เลขที่สัญญา', 'เลขที่ใบสั่งซื้อ'], required: false },
  ],
  row: DisbursementRow,
  key: { of: (r) => `${r.project_code} ${r.ref}`, field: 'ref' },
  apply: (tx, r, actor) =>
    recordEntry(
      tx,
      r.project_code,
      { kind: 'disbursement', date: r.date, amount: r.amount, ref: r.ref, category: r.category, commitment: r.commitment },
      actor,
      'import',
    ),
  applyBatch: (tx, rows, actor) =>
    recordEntries(
      tx,
      'disbursement',
      rows.map((r) => ({
        projectCode: r.project_code,
        entry: { date: r.date, amount: r.amount, ref: r.ref, category: r.category, commitment: r.commitment },
      })),
      actor,
      'import',
    ),
  bulk: disbursementBulk,
};
