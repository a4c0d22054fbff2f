import { z } from 'zod';
import { Amount, AmountString, FiscalYear, IsoDateString, PercentString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { PROJECT_STATUSES } from './project.status.ts';

export const ProjectStatus = z.enum(PROJECT_STATUSES);

const ProjectCode = z.string().trim().min(1, 'code is required').max(64, 'code is at most 64 characters');
const ThaiName = z.string().trim().min(1, 'name is required').max(1000, 'name is at most 1000 characters');
const Agency = z.string().trim().max(300, 'agency is at most 300 characters');

export const CreateProjectInput = z.object({
  code: ProjectCode,
  fiscalYear: FiscalYear,
  owner: OwnerCode,
  nameTh: ThaiName,
  agency: Agency.optional(),
  budget: Amount.refine((v) => v >= 0n, 'budget cannot be negative'),
  status: ProjectStatus.default('proposed'),
  statusDate: IsoDateString.optional().describe('the date the initial status took effect (default: today)'),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z.object({
  version: z.number().int().positive().describe('the version you read; a stale one gets 409'),
  nameTh: ThaiName.optional(),
  agency: Agency.nullable().optional(),
  budget: Amount.refine((v) => v >= 0n, 'budget cannot be negative').optional(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const ChangeStatusInput = z.object({
  status: ProjectStatus,
  date: IsoDateString.optional().describe('when the change took effect (default: today)'),
  reason: z.string({ error: 'a reason is required for a status change' }).trim().min(1, 'a reason is required for a status change').max(2000),
  version: z.number().int().positive().optional(),
});
export type ChangeStatusInput = z.infer<typeof ChangeStatusInput>;

export const ProjectSort = z.enum(['code', 'nameTh', 'budget', 'disbursed', 'disbursedPercent', 'status', 'fiscalYear']);

export const ProjectListQuery = z.object({
  fiscalYear: FiscalYear.optional(),
  owner: OwnerCode.optional(),
  status: ProjectStatus.optional(),
  q: z.string().trim().max(200).optional().describe('words of the Thai name or the code; each word must appear'),
  asOf: IsoDateString.optional(),
  sort: ProjectSort.default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const OwnerRef = z.object({
  kind: z.enum(['cluster', 'province']),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
});

export const Project = z.object({
  code: z.string(),
  fiscalYear: z.number().int(),
  owner: OwnerRef,
  nameTh: z.string(),
  agency: z.string().nullable(),
  budget: AmountString,
  status: ProjectStatus,
  version: z.number().int(),
  asOf: z.string(),
  allocated: AmountString,
  disbursed: AmountString,
  remaining: AmountString,
  disbursedPercent: PercentString,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deleted: z.boolean().describe('soft-deleted: only administrators see it, and may restore it'),
});
export type Project = z.infer<typeof Project>;

export const ProjectList = z.object({ total: z.number().int(), items: z.array(Project) });

export const StatusChange = z.object({
  fromStatus: ProjectStatus.nullable(),
  toStatus: ProjectStatus,
  effectiveDate: z.string(),
  reason: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;
