import { z } from 'zod';
import { Amount, AmountString } from '../../core/schemas.ts';
import { BudgetCategory } from './ledger.schema.ts';

export const BudgetLineInput = z.object({
  category: BudgetCategory,
  amount: Amount.refine((v) => v >= 0n, 'a budget line cannot be negative'),
});

export const SetBudgetLinesInput = z.object({
  lines: z
    .array(BudgetLineInput)
    .min(1, 'at least one budget line')
    .max(3)
    .refine((ls) => new Set(ls.map((l) => l.category)).size === ls.length, 'each category at most once'),
  reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(2000),
  version: z.number().int().positive().optional().describe('the project version you read; a stale one gets 409'),
});
export type SetBudgetLinesInput = z.infer<typeof SetBudgetLinesInput>;

export const BudgetLines = z.object({
  project: z.string(),
  budget: AmountString.describe('the sum of the lines'),
  explicit: z.boolean().describe('false: no lines were set, the whole budget counts as operating'),
  lines: z.array(z.object({ category: BudgetCategory, amount: AmountString })),
});
export type BudgetLines = z.infer<typeof BudgetLines>;
