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
});
export type Commitment = z.infer<typeof Commitment>;

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
