import { z } from 'zod';
import { AmountString, FiscalYear, IsoDateString, PercentString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { BudgetCategory } from '../budget/ledger.schema.ts';
import { Month, PercentInput } from '../plans/plan.schema.ts';

export const TargetCategory = z.enum(['all', 'operating', 'investment', 'other']);

export const SetTargetsInput = z.object({
  fiscalYear: FiscalYear,
  owner: OwnerCode.optional().describe("omit for the cabinet's targets (everyone); a cluster or province for its own"),
  targets: z
    .array(z.object({ quarter: z.number().int().min(1).max(4), category: TargetCategory.default('all'), percent: PercentInput }))
    .max(16)
    .describe('cumulative percent of the allocation disbursed by the end of each quarter'),
  reason: z.string().trim().max(2000).optional(),
});
export type SetTargetsInput = z.infer<typeof SetTargetsInput>;

export const Target = z.object({
  quarter: z.number().int(),
  endDate: z.string(),
  category: TargetCategory,
  percent: z.string(),
  source: z.enum(['cabinet', 'owner']),
});
export type Target = z.infer<typeof Target>;

export const Targets = z.object({ fiscalYear: z.number().int(), owner: z.string().nullable(), targets: z.array(Target) });
export type Targets = z.infer<typeof Targets>;

export const TargetsQuery = z.object({ fiscalYear: FiscalYear, owner: OwnerCode.optional() });

export const ProgressSettings = z.object({
  behindPlanPoints: PercentInput.describe('percentage points of the allocation by which disbursement may lag the plan before a warning'),
  noCommitmentDays: z.number().int().min(1).max(3650).describe('days after approval without a commitment before a warning'),
  reportsDueFrom: Month.nullable().optional().describe('the first month monthly progress reports are due (null: none is due); omitted: unchanged'),
});
export const ProgressSettingsOutput = z.object({
  behindPlanPoints: z.string(),
  noCommitmentDays: z.number().int(),
  reportsDueFrom: z.string().nullable(),
});
export type ProgressSettingsOutput = z.infer<typeof ProgressSettingsOutput>;

export const ProgressReportQuery = z.object({ owner: OwnerCode, fiscalYear: FiscalYear, asOf: IsoDateString });
export type ProgressReportQuery = z.infer<typeof ProgressReportQuery>;

export const Figures = z.object({
  allocated: AmountString,
  disbursed: AmountString,
  disbursedPercent: PercentString,
  planned: AmountString.nullable().describe('planned cumulative disbursement as of the date (null: no plan in force)'),
  plannedPercent: PercentString,
  committed: AmountString,
  disbursedAgainstCommitments: AmountString,
  uncommitted: AmountString,
});
export type Figures = z.infer<typeof Figures>;

export const CategoryFigures = Figures.extend({ category: BudgetCategory });

export const ForecastOut = z.object({
  date: z.string(),
  method: z.enum(['actual', 'pace', 'plan', 'sum']).describe("an owner's forecast is the sum of its projects' ('sum')"),
  amount: AmountString,
  percent: PercentString,
  targetPercent: z.string().nullable(),
  explanation: z.string(),
  explanationTh: z.string(),
});
export type ForecastOut = z.infer<typeof ForecastOut>;

export const Warning = z.object({
  kind: z.enum(['behind_plan', 'no_commitment', 'below_target', 'report_overdue', 'physical_behind_plan']),
  project: z.string().nullable(),
  category: TargetCategory.nullable(),
  message: z.string(),
  messageTh: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const ProjectProgress = Figures.extend({
  code: z.string(),
  nameTh: z.string(),
  status: z.string(),
  planVersion: z.number().int().nullable(),
  plannedPhysicalPercent: z.string().nullable(),
  reportedPhysical: z
    .object({ month: z.string(), percent: z.string() })
    .nullable()
    .describe('the physical progress of the latest accepted monthly report (of a month up to asOf)'),
  byCategory: z.array(CategoryFigures),
  forecasts: z.array(ForecastOut),
});

export const ProgressReport = z.object({
  owner: z.string(),
  ownerKind: z.enum(['cluster', 'province']),
  ownerNameTh: z.string(),
  ownerNameEn: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  quarter: z.number().int().describe('the quarter of asOf: 0 before the fiscal year, 5 after it'),
  settings: ProgressSettingsOutput,
  projectCount: z.number().int(),
  projectsWithPlan: z.number().int(),
  totals: Figures,
  byCategory: z.array(CategoryFigures),
  targets: z.array(Target),
  targetInForce: z
    .object({ quarter: z.number().int(), endDate: z.string(), percent: z.string(), met: z.boolean() })
    .nullable()
    .describe('the target (all categories) of the latest quarter ended on or before asOf'),
  forecasts: z.array(ForecastOut).describe('at the end of the current quarter and of the fiscal year'),
  physical: z
    .object({
      planned: z.string().nullable().describe("planned physical progress as of asOf (the plans in force), weighted by the projects' allocations"),
      plannedProjects: z.number().int().describe('projects with a physical plan, those averaged'),
      reported: z.string().nullable().describe("physical progress of the latest accepted monthly reports, weighted by the projects' allocations"),
      reportedProjects: z.number().int().describe('projects with an accepted report, those averaged'),
    })
    .describe(
      "The owner's physical progress: the allocation-weighted average of its projects' percentages, sum(percent × allocation) / sum(allocation) " +
        'over the projects that have one (the others are left out), rounded half up to 2 decimals from the exact ratio; null when none has one',
    ),
  warnings: z.array(Warning),
  projects: z.array(ProjectProgress),
});
export type ProgressReport = z.infer<typeof ProgressReport>;
