import { z } from 'zod';
import { Amount, FlexibleDate } from '../../core/schemas.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { recordEntry } from './ledger.service.ts';

const DisbursementRow = z.object({
  project_code: z.string({ error: 'project_code is required' }).trim().min(1).max(64),
  date: z.string({ error: 'date is required' }).pipe(FlexibleDate),
  amount: z
    .string({ error: 'amount is required' })
    .pipe(Amount)
    .refine((v) => v !== 0n, 'amount cannot be zero'),
  ref: z.string({ error: 'ref is required' }).trim().min(1).max(100),
});
type DisbursementRow = z.infer<typeof DisbursementRow>;

export const disbursementImport: ImportSpec<DisbursementRow> = {
  kind: 'disbursements',
  columns: [
    { name: 'project_code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'date', aliases: ['วันที่'], required: true },
    { name: 'amount', aliases: ['จำนวนเงิน'], required: true },
    { name: 'ref', aliases: ['เลขที่เอกสาร'], required: true },
  ],
  row: DisbursementRow,
  key: { of: (r) => `${r.project_code} ${r.ref}`, field: 'ref' },
  apply: (tx, r, actor) => recordEntry(tx, r.project_code, { kind: 'disbursement', date: r.date, amount: r.amount, ref: r.ref }, actor, 'import'),
};
