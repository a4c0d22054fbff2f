import { z } from 'zod';
import { Amount, AmountString, IsoDateString } from '../../core/schemas.ts';
import { BudgetCategory } from '../budget/ledger.schema.ts';

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM')
  .meta({ example: '2016-01' });

/** A percentage with up to 2 decimals between 0 and 100, as hundredths. */
export const PercentInput = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage is written like 25 or 25.50')
  .transform((s) => {
    const [whole = '0', frac = ''] = s.split('.');
    return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  })
  .refine((h) => h <= 10000n, 'a percentage is at most 100')
  .meta({ type: 'string', example: '25.00' });

export const PlanInput = z.object({
  effectiveFrom: IsoDateString.optional().describe(
    "in force from this date (default: the fiscal year's first day for the first plan, today for a revision)",
  ),
  reason: z.string().trim().max(2000).optional().describe('required for a revision'),
  months: z
    .array(
      z.object({ month: Month, category: BudgetCategory.optional(), amount: Amount.refine((v) => v >= 0n, 'a planned amount cannot be negative') }),
    )
    .max(600)
    .describe('planned disbursement in each month; the category defaults to the project’s only one'),
  physical: z
    .array(z.object({ month: Month, percent: PercentInput }))
    .max(60)
    .default([])
    .describe('planned physical progress: cumulative percent complete at the end of each month'),
  milestones: z
    .array(
      z.object({
        key: z.string().trim().min(1).max(64),
        name: z.string().trim().min(1).max(500),
        plannedStart: IsoDateString,
        plannedEnd: IsoDateString,
      }),
    )
    .max(200)
    .default([]),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const Milestone = z.object({
  key: z.string(),
  name: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
});

export const Plan = z.object({
  project: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  total: AmountString,
  months: z.array(z.object({ month: z.string(), category: BudgetCategory, amount: AmountString })),
  physical: z.array(z.object({ month: z.string(), percent: z.string() })),
  milestones: z.array(Milestone),
});
export type Plan = z.infer<typeof Plan>;

export const MilestoneActualInput = z.object({
  actualStart: IsoDateString.nullable().optional(),
  actualEnd: IsoDateString.nullable().optional(),
});
export type MilestoneActualInput = z.infer<typeof MilestoneActualInput>;
