import { z } from 'zod';
import { FiscalYear, IsoDateString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { Month, PercentInput } from '../plans/plan.schema.ts';
import { REPORT_STATUSES } from './report.rules.ts';
import { FILE_MEDIA_TYPES } from './report-files.rules.ts';

export const ReportStatus = z.enum(REPORT_STATUSES);
const Text = z.string().trim().max(10000).default('');

export const ProgressReportInput = z.object({
  percent: PercentInput.describe('physical progress: cumulative percent complete at the end of the month'),
  done: Text.describe('what was done'),
  obstacles: Text.describe('problems and obstacles'),
  solutions: Text.describe('solutions'),
  helpRequested: Text.describe('help requested'),
  submit: z.boolean().default(false).describe('true: submit for review; false: save as a draft (or keep a returned report returned)'),
  version: z.number().int().min(1).optional().describe('the version read, to refuse a save over a newer one'),
});
export type ProgressReportInput = z.infer<typeof ProgressReportInput>;

export const ReviewInput = z
  .object({
    decision: z.enum(['accept', 'return']),
    reason: z.string().trim().max(2000).optional().describe('required to return a report: the reporter sees it'),
  })
  .refine((v) => v.decision !== 'return' || !!v.reason, { message: 'a reason is required to return a report', path: ['reason'] });
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ReportFile = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.enum(FILE_MEDIA_TYPES).describe('found from the content (its first bytes), not from the name or the declared type'),
  size: z.number().int().describe('bytes'),
  sha256: z.string().describe('hex SHA-256 of the content'),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const MonthlyReport = z.object({
  project: z.string(),
  month: z.string(),
  percent: z.string(),
  done: z.string(),
  obstacles: z.string(),
  solutions: z.string(),
  helpRequested: z.string(),
  status: ReportStatus,
  version: z.number().int(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  returnReason: z
    .string()
    .nullable()
    .describe('the reason of the last return (kept in the report once resubmitted; every review is in the audit trail)'),
  files: z.array(ReportFile).describe('photos and documents attached, oldest first (removed ones are not listed)'),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

export const MonthParams = z.object({ code: z.string().min(1).max(64), month: Month });
export const FileParams = MonthParams.extend({ id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'a file id is a positive whole number') });

export const ReviewQueueQuery = z
  .object({
    owner: OwnerCode.optional().describe('a cluster or a province (its own projects); with fiscalYear'),
    fiscalYear: FiscalYear.optional(),
    status: ReportStatus.default('submitted'),
  })
  .refine((q) => q.owner === undefined || q.fiscalYear !== undefined, { message: 'fiscalYear is required with owner', path: ['fiscalYear'] });
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

export const ReviewQueueItem = z.object({
  project: z.string(),
  nameTh: z.string(),
  owner: z.string().describe('the cluster or province owning the project'),
  fiscalYear: z.number().int(),
  month: z.string(),
  percent: z.string(),
  status: ReportStatus,
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  fileCount: z.number().int(),
  mayReview: z.boolean().describe('whether the caller may accept or return it now'),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ReviewQueue = z.object({ status: ReportStatus, count: z.number().int(), items: z.array(ReviewQueueItem) });
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const OverdueQuery = z.object({ owner: OwnerCode, fiscalYear: FiscalYear, asOf: IsoDateString });
export type OverdueQuery = z.infer<typeof OverdueQuery>;

export const OverdueReports = z.object({
  owner: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  reportsDueFrom: z.string().nullable().describe('the first month reports are due (progress settings); null: none is due'),
  count: z.number().int(),
  items: z.array(
    z.object({
      project: z.string(),
      nameTh: z.string(),
      status: z.string().describe("the project's status on asOf"),
      month: z.string(),
      reportStatus: z.enum(['draft', 'returned']).nullable().describe('null: no report at all'),
    }),
  ),
});
export type OverdueReports = z.infer<typeof OverdueReports>;
