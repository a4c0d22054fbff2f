import { z } from 'zod';
import { AmountString, FiscalYear, IsoDateString, PercentString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { ProjectStatus } from '../projects/project.schema.ts';
import { BudgetCategory } from '../budget/ledger.schema.ts';

export const ReportFormat = z.enum(['text', 'json', 'csv']);

export const DisbursementReportQuery = z.object({
  owner: OwnerCode,
  fiscalYear: FiscalYear,
  asOf: IsoDateString,
});
export type DisbursementReportQuery = z.infer<typeof DisbursementReportQuery>;

export const DisbursementReport = z.object({
  owner: z.string(),
  ownerKind: z.enum(['cluster', 'province']),
  ownerNameTh: z.string(),
  ownerNameEn: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  projectCount: z.number().int().describe('projects not cancelled on asOf'),
  allocated: AmountString,
  disbursed: AmountString,
  disbursedPercent: PercentString,
  remaining: AmountString,
  remainingPercent: PercentString,
  statusCounts: z.record(ProjectStatus, z.number().int()),
});
export type DisbursementReport = z.infer<typeof DisbursementReport>;

export const CategoryFigures = z.object({
  category: BudgetCategory,
  projectCount: z.number().int().describe('projects with a budget line in the category'),
  allocated: AmountString,
  disbursed: AmountString,
  disbursedPercent: PercentString,
  remaining: AmountString,
  remainingPercent: PercentString,
});
export type CategoryFigures = z.infer<typeof CategoryFigures>;

/** The disbursement report with its split by budget category (what the API and the CLI answer). */
export const DisbursementByCategory = DisbursementReport.extend({
  byCategory: z
    .array(CategoryFigures)
    .describe('operating, investment and other, in that order: their allocated, disbursed and remaining add up to the totals exactly'),
});
export type DisbursementByCategory = z.infer<typeof DisbursementByCategory>;

export const RankingLevel = z.enum(['cluster', 'province']);

export const RankingQuery = z.object({
  fiscalYear: FiscalYear,
  asOf: IsoDateString,
  level: RankingLevel.default('cluster'),
  cluster: OwnerCode.optional().describe('with level=province: rank only the provinces of this cluster'),
});
export type RankingQuery = z.infer<typeof RankingQuery>;

export const RankingEntry = z.object({
  rank: z.number().int().nullable().describe('null: no allocation, unranked'),
  owner: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  projectCount: z.number().int(),
  allocated: AmountString,
  disbursed: AmountString,
  disbursedPercent: PercentString,
});
export type RankingEntry = z.infer<typeof RankingEntry>;

export const Ranking = z.object({
  fiscalYear: z.number().int(),
  asOf: z.string(),
  level: RankingLevel,
  scheme: z.string(),
  cluster: z.string().optional(),
  clusters: z.array(RankingEntry).optional(),
  provinces: z.array(RankingEntry).optional(),
});
export type Ranking = z.infer<typeof Ranking>;

export const Dashboard = z.object({
  disbursement: DisbursementByCategory,
  monthly: z.array(
    z.object({ month: z.string().describe('YYYY-MM'), disbursed: AmountString, cumulative: AmountString, cumulativePercent: PercentString }),
  ),
  projectsWithPlan: z.number().int().describe('projects (not cancelled) with a spending plan in force on asOf'),
  planned: z
    .array(
      z.object({
        month: z.string().describe('YYYY-MM'),
        endDate: z.string().describe("the month's last day"),
        cumulative: AmountString.nullable().describe('planned cumulative disbursement by the end of the month; null: no project has a plan'),
        cumulativePercent: PercentString.describe('of the allocation as of asOf'),
      }),
    )
    .describe(
      'the plan line: every month of the fiscal year (and any later month planned or disbursed), each project by the plan version in force on asOf',
    ),
  targets: z
    .array(z.object({ quarter: z.number().int(), endDate: z.string(), percent: z.string(), source: z.enum(['cabinet', 'owner']) }))
    .describe("the cumulative disbursement targets (whole allocation) at each quarter end applying to the owner: its own, else the cabinet's"),
  rank: z
    .object({
      rank: z.number().int().nullable(),
      of: z.number().int().describe('clusters (or provinces) compared'),
      ranked: z.number().int().describe('of which have an allocation'),
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
