import { z } from 'zod';
import { FiscalYear, IsoDateString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { RECOMMENDATION_STATUSES } from './monitoring.rules.ts';
import { WEEKDAYS } from '../events/events.rules.ts';

/** A province code: "50" or "TH-50". */
export const ProvinceCode = z
  .string()
  .trim()
  .regex(/^(?:\d{2}|TH-\d{2})$/i, 'a province code such as 50 or TH-50')
  .transform((s) => s.slice(-2));

export const IdParam = z.string().regex(/^[1-9]\d{0,17}$/, 'an id is a positive whole number');
export const IdParams = z.object({ id: IdParam });
export const VisitProjectParams = z.object({ id: IdParam, code: z.string().min(1).max(64) });

const noDuplicates = (what: string) => (list: readonly string[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', message: `${what} ${v} is listed twice`, path: [i] });
    seen.add(v);
  });
};

const Committee = z.string().trim().min(1, 'the committee is required, e.g. อ.ก.บ.ก. ด้านติดตามฯ').max(500);
const Provinces = z.array(ProvinceCode).min(1, 'at least one province').max(77).superRefine(noDuplicates('province'));
const ProjectCodes = z.array(z.string().trim().min(1).max(64)).max(500).superRefine(noDuplicates('project'));
const endNotBeforeStart = (v: { startDate?: string; endDate?: string }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
const endMessage = { message: 'the end date is before the start date', path: ['endDate'] };

export const VisitInput = z
  .object({
    owner: OwnerCode.describe('the cluster or province whose plan it is'),
    fiscalYear: FiscalYear,
    committee: Committee.describe('who visits: e.g. อ.ก.บ.ก. ด้านติดตามฯ (the cluster committee’s monitoring sub-committee)'),
    title: z.string().trim().max(1000).default(''),
    startDate: IsoDateString,
    endDate: IsoDateString,
    provinces: Provinces.describe('province codes, in the order the report names them'),
    projects: ProjectCodes.default([]).describe('the projects to visit (codes), each of the owner'),
  })
  .refine(endNotBeforeStart, endMessage);
export type VisitInput = z.infer<typeof VisitInput>;

export const VisitUpdate = z
  .object({
    version: z.number().int().min(1).describe('the version read, to refuse a change over a newer one'),
    committee: Committee.optional(),
    title: z.string().trim().max(1000).optional(),
    startDate: IsoDateString.optional(),
    endDate: IsoDateString.optional(),
    provinces: Provinces.optional(),
    projects: ProjectCodes.optional().describe('the whole list; a project with results recorded cannot leave it'),
  })
  .refine(endNotBeforeStart, endMessage);
export type VisitUpdate = z.infer<typeof VisitUpdate>;

export const VisitResultInput = z.object({
  visitedOn: IsoDateString.describe('the day the project was visited: within the visit’s dates, not in the future'),
  findings: z.array(z.string().trim().min(1, 'a finding cannot be empty').max(5000)).max(100).default([]),
  version: z.number().int().min(1).optional().describe('the version read, to refuse a change over a newer one'),
});
export type VisitResultInput = z.infer<typeof VisitResultInput>;

export const RecommendationInput = z.object({
  text: z.string().trim().min(1, 'the recommendation is required').max(5000),
  responsible: z.string().trim().min(1, 'who is responsible (a person or an agency) is required').max(500),
  dueDate: IsoDateString.describe('on or after the visit'),
});
export type RecommendationInput = z.infer<typeof RecommendationInput>;

export const RecommendationUpdate = z.object({
  version: z.number().int().min(1),
  text: z.string().trim().min(1).max(5000).optional(),
  responsible: z.string().trim().min(1).max(500).optional(),
  dueDate: IsoDateString.optional(),
});
export type RecommendationUpdate = z.infer<typeof RecommendationUpdate>;

export const RecommendationStatus = z.enum(RECOMMENDATION_STATUSES);

export const FollowUpInput = z.object({
  date: IsoDateString.describe('the day of the follow-up: not before the visit nor the previous follow-up, not in the future'),
  note: z.string().trim().min(1, 'a follow-up note is required').max(5000),
  status: RecommendationStatus.optional().describe('the status after it (default: unchanged); forward only, closed is final'),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

const OwnerRef = z.object({ kind: z.enum(['cluster', 'province']), code: z.string(), nameTh: z.string() });
const ProvinceRef = z.object({ code: z.string(), nameTh: z.string() });

export const FollowUp = z.object({
  id: z.string(),
  date: z.string(),
  note: z.string(),
  status: RecommendationStatus,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const Recommendation = z.object({
  id: z.string(),
  text: z.string(),
  responsible: z.string(),
  dueDate: z.string(),
  status: RecommendationStatus.describe('after the latest follow-up'),
  closedOn: z.string().nullable().describe('the date of the follow-up that closed it'),
  followUps: z.array(FollowUp),
  version: z.number().int(),
  createdBy: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Photo = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.enum(['image/jpeg', 'image/png']),
  byteSize: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  thumbnailWidth: z.number().int(),
  thumbnailHeight: z.number().int(),
  latitude: z.number().nullable().describe('decimal degrees from the photo’s EXIF GPS, if any'),
  longitude: z.number().nullable(),
  takenAt: z.string().nullable().describe('the camera’s local time from EXIF, YYYY-MM-DDTHH:MM:SS'),
  takenOffset: z.string().nullable().describe('its UTC offset when the camera wrote one, e.g. +07:00'),
  caption: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Photo = z.infer<typeof Photo>;

export const VisitedProject = z.object({
  project: z.string(),
  nameTh: z.string(),
  owner: z.string(),
  visitedOn: z.string().nullable().describe('null: planned, not yet visited'),
  visitedWeekday: z.enum(WEEKDAYS).nullable(),
  findings: z.array(z.string()),
  version: z.number().int(),
  recommendations: z.array(Recommendation),
  photos: z.array(Photo),
});
export type VisitedProject = z.infer<typeof VisitedProject>;

export const VisitSummary = z.object({
  id: z.string(),
  owner: OwnerRef,
  fiscalYear: z.number().int(),
  committee: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  startWeekday: z.enum(WEEKDAYS).describe('derived from the date'),
  endWeekday: z.enum(WEEKDAYS),
  provinces: z.array(ProvinceRef),
  projectCount: z.number().int(),
  visitedCount: z.number().int(),
  version: z.number().int(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type VisitSummary = z.infer<typeof VisitSummary>;

export const Visit = VisitSummary.extend({ projects: z.array(VisitedProject) });
export type Visit = z.infer<typeof Visit>;

export const VisitListQuery = z
  .object({
    owner: OwnerCode,
    fiscalYear: FiscalYear.optional(),
    from: IsoDateString.optional().describe('visits ending on or after this date'),
    to: IsoDateString.optional().describe('visits starting on or before this date'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['to'] });
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const OverdueQuery = z.object({ owner: OwnerCode, asOf: IsoDateString });
export type OverdueQuery = z.infer<typeof OverdueQuery>;

export const OverdueRecommendations = z.object({
  owner: z.string(),
  asOf: z.string(),
  count: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      visitId: z.string(),
      committee: z.string(),
      project: z.string(),
      nameTh: z.string(),
      visitedOn: z.string(),
      text: z.string(),
      responsible: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
      status: RecommendationStatus.describe('as of asOf'),
    }),
  ),
});
export type OverdueRecommendations = z.infer<typeof OverdueRecommendations>;
