import { z } from 'zod';
import { Amount, AmountString, IsoDateString } from '../../core/schemas.ts';
import { CATEGORIES } from './category.ts';

export const BudgetCategory = z.enum(CATEGORIES).describe('budget category: operating (งบดำเนินงาน), investment (งบลงทุน), other (งบรายจ่ายอื่น)');

const Ref = z.string().trim().min(1, 'a document reference is required').max(100, 'ref is at most 100 characters');

export const DisbursementInput = z.object({
  date: IsoDateString,
  amount: Amount.refine((v) => v !== 0n, 'amount cannot be zero').describe('baht; negative for a return of funds'),
  ref: Ref.describe('the payment document number (e.g. the GFMIS document)'),
  note: z.string().trim().max(2000).optional(),
  category: BudgetCategory.optional().describe("default: the commitment's, or the project's only category"),
  commitment: z.string().trim().min(1).max(100).optional().describe('the number of the commitment (contract, purchase order) paid'),
});
export type DisbursementInput = z.infer<typeof DisbursementInput>;

export const AdjustmentInput = z.object({
  date: IsoDateString,
  amount: Amount.refine((v) => v !== 0n, 'amount cannot be zero').describe('baht added to (or, negative, taken from) the allocation'),
  ref: Ref.describe('the transfer document number'),
  note: z.string().trim().min(1, 'a reason is required for a budget adjustment').max(2000),
  category: BudgetCategory.optional().describe("default: the project's only category"),
});
export type AdjustmentInput = z.infer<typeof AdjustmentInput>;

export const LedgerEntry = z.object({
  id: z.string(),
  kind: z.enum(['adjustment', 'disbursement']),
  date: z.string(),
  amount: AmountString,
  ref: z.string(),
  note: z.string().nullable(),
  category: BudgetCategory,
  commitment: z.string().nullable().describe('the number of the commitment paid, if any'),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const UpdateEntryInput = z.object({
  version: z.number().int().positive().describe('the version you read; a stale one gets 409'),
  date: IsoDateString.optional(),
  amount: Amount.refine((v) => v !== 0n, 'amount cannot be zero').optional(),
  ref: Ref.optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  category: BudgetCategory.optional(),
  commitment: z.string().trim().min(1).max(100).nullable().optional().describe('the commitment paid (null: none)'),
  reason: z
    .string({ error: 'a reason is required to correct a ledger entry' })
    .trim()
    .min(1, 'a reason is required to correct a ledger entry')
    .max(2000),
});
export type UpdateEntryInput = z.infer<typeof UpdateEntryInput>;
