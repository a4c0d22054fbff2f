import { z } from 'zod';
import { Amount, AmountString, IsoDateString } from '../../core/schemas.ts';
import { BudgetCategory } from '../budget/ledger.schema.ts';

export const CommitmentKind = z.enum(['contract', 'purchase_order']);

export const CommitmentInput = z.object({
  number: z.string({ error: 'the contract or purchase order number is required' }).trim().min(1).max(100),
  kind: CommitmentKind.default('contract'),
  date: IsoDateString.describe('the date it was signed'),
  vendor: z.string({ error: 'the vendor is required' }).trim().min(1, 'the vendor is required').max(300),
  amount: Amount.refine((v) => v > 0n, 'a commitment is a positive amount'),
  category: BudgetCategory.optional().describe("default: the project's only category"),
  note: z.string().trim().max(2000).optional(),
});
export type CommitmentInput = z.infer<typeof CommitmentInput>;

export const Commitment = z.object({
  id: z.string(),
  number: z.string(),
  kind: CommitmentKind,
  date: z.string(),
  vendor: z.string(),
  amount: AmountString,
  category: BudgetCategory,
  note: z.string().nullable(),
  paid: AmountString.describe('disbursed against it (all dates)'),
  createdAt: z.string(),
  createdBy: z.string(),
  version: z.number().int().describe('to send back with a correction or a cancellation'),
  cancelledOn: z.string().nullable().describe('cancelled from this date: before it the commitment counts in full, from it only what was paid'),
  released: AmountString.nullable().describe('returned to the uncommitted balance by the cancellation (amount − paid by then)'),
});
export type Commitment = z.infer<typeof Commitment>;

export const CommitmentCorrection = z
  .object({
    version: z.number().int().min(1).describe('the version read: a correction over a newer one is refused (409)'),
    reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(2000),
    date: IsoDateString.optional().describe('the date it was signed'),
    vendor: z.string().trim().min(1, 'the vendor is required').max(300).optional(),
    amount: Amount.refine((v) => v > 0n, 'a commitment is a positive amount').optional(),
    kind: CommitmentKind.optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .describe(
    'A correction of the record: the values given replace the old ones for every date (the old ones stay in the audit trail); ' +
      'the uncommitted-balance limit is checked on every date with the corrected values',
  );
export type CommitmentCorrection = z.infer<typeof CommitmentCorrection>;

export const CommitmentCancellation = z.object({
  date: IsoDateString.describe('cancelled from this date (not before the commitment’s date); figures for earlier dates keep it in full'),
  reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(2000),
  version: z.number().int().min(1).optional().describe('the version read'),
});
export type CommitmentCancellation = z.infer<typeof CommitmentCancellation>;

export const CommitmentFigures = z.object({
  category: BudgetCategory.nullable().describe('null: all categories'),
  allocated: AmountString,
  committed: AmountString,
  disbursed: AmountString,
  disbursedAgainstCommitments: AmountString,
  uncommitted: AmountString,
});

export const ProjectCommitments = z.object({
  project: z.string(),
  asOf: z.string(),
  items: z.array(Commitment),
  figures: z.array(CommitmentFigures).describe('the whole project first, then each category'),
});
export type ProjectCommitments = z.infer<typeof ProjectCommitments>;
