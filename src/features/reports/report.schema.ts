import { z } from 'zod';
import { AmountString, FiscalYear, IsoDateString, PercentString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { ProjectStatus } from '../projects/project.schema.ts';

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
  disbursement: DisbursementReport,
  monthly: z.array(
    z.object({ month: z.string().describe('YYYY-MM'), disbursed: AmountString, cumulative: AmountString, cumulativePercent: PercentString }),
  ),
  rank: z
    .object({
      rank: z.number().int().nullable(),
      of: z.number().int().describe('clusters (or provinces) compared'),
      ranked: z.number().int().describe('of which have an allocation'),
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
