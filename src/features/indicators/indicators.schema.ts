/** zod schemas of indicators: the inputs and outputs of the API, the CLI and the web UI. */
import { z } from 'zod';
import { FiscalYear, IsoDateString, PercentString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import { PercentInput } from '../plans/plan.schema.ts';
import { AGREEMENT_STATUSES, DEC_SCALE, DIRECTIONS, parseDec } from './indicators.rules.ts';

function toDec(raw: string, ctx: z.RefinementCtx): bigint {
  const v = parseDec(raw);
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a number: use digits with up to 4 decimals, e.g. 90000 or 12.5` });
    return z.NEVER;
  }
  return v;
}

/** A decimal with up to 4 decimals written as text (files), as an exact integer of ten-thousandths. */
export const DecimalText = z.string().transform(toDec);

/** A decimal with up to 4 decimals ("90000", "12.5", or a JSON number), as an exact integer of ten-thousandths. */
export const DecimalInput = z
  .union([z.string(), z.number()])
  .transform((raw, ctx) => toDec(String(raw), ctx))
  .meta({ type: 'string', example: '90000' });

const ScoreInput = DecimalInput.refine((v) => v >= 0n && v <= 5n * DEC_SCALE, 'a score is between 0 and 5');

export const ComponentKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a component key is up to 32 lowercase letters, digits, - or _, e.g. longan')
  .meta({ example: 'longan' });

export const IndicatorCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'an indicator code is up to 32 letters, digits, ".", "-" or "_", e.g. KPI-1')
  .meta({ example: 'KPI-1' });

/** A period of the fiscal year: annual, Q1..Q4 (Q1 = October to December) or a month YYYY-MM. */
export const PeriodText = z
  .string()
  .trim()
  .regex(/^(annual|Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/, 'a period is annual, Q1 to Q4 (Q1 = October to December) or a month YYYY-MM')
  .meta({ example: 'Q1' });

const NameTh = z.string().trim().min(1, 'a name is required').max(500);

export const ComponentInput = z.object({ key: ComponentKey, nameTh: z.string().trim().min(1).max(200) });
export type ComponentInput = z.infer<typeof ComponentInput>;

export const TargetInput = z.object({
  component: ComponentKey.optional().describe('a component key; absent: the indicator itself'),
  period: PeriodText,
  value: DecimalInput,
});
export type TargetInput = z.infer<typeof TargetInput>;

export const ScaleInput = z.object({
  levels: z.array(DecimalInput).length(5, 'a scale has the values of exactly 5 levels').describe('the value that earns each of levels 1 to 5'),
  below: ScoreInput.default(0n).describe('the score of a result worse than level 1 (default 0)'),
  above: ScoreInput.default(5n * DEC_SCALE).describe('the score of a result better than level 5 (default 5)'),
});

/** What an indicator says (its definition): created, and edited while its agreement is a draft. */
export const IndicatorDefinition = z.object({
  nameTh: NameTh,
  unit: z.string().trim().min(1, 'a unit is required').max(100),
  direction: z.enum(DIRECTIONS).describe('higher: a higher result is better; lower: a lower one'),
  weight: DecimalInput.refine((v) => v > 0n, 'a weight is greater than 0').describe('weight in the agreement'),
  baseline: DecimalInput.nullable().default(null),
  dataSource: z.string().trim().max(500).default('').describe('the official data source'),
  components: z.array(ComponentInput).max(20).default([]),
  scale: ScaleInput,
  targets: z.array(TargetInput).max(400).default([]),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/** An edit of a draft indicator: its whole definition, and the revision read (an edit over a newer one is refused). */
export const UpdateIndicatorInput = IndicatorDefinition.extend({
  revision: z.number().int().min(1).optional().describe('the revision read, to refuse an edit over a newer one'),
});
export type UpdateIndicatorInput = z.infer<typeof UpdateIndicatorInput>;

export const CreateIndicatorInput = IndicatorDefinition.extend({ owner: OwnerCode, fiscalYear: FiscalYear, code: IndicatorCode });
export type CreateIndicatorInput = z.infer<typeof CreateIndicatorInput>;

export const ResultInput = z.object({
  component: ComponentKey.optional().describe('a component key; absent: the indicator itself'),
  value: DecimalInput,
  date: IsoDateString.describe('the date of the result (reports as of an earlier date do not count it)'),
  source: z.string().trim().max(500).default(''),
  evidenceUrl: z
    .url({ protocol: /^https?$/, error: 'evidenceUrl must be an http(s) link' })
    .max(2000)
    .nullable()
    .default(null)
    .describe('a link to the evidence (a file may be attached instead)'),
});
export type ResultInput = z.infer<typeof ResultInput>;

export const StatusInput = z.object({
  status: z.enum(['proposed', 'agreed']),
  date: IsoDateString.describe('the date the agreement took this status'),
  reason: z.string().trim().max(2000).optional(),
});
export type StatusInput = z.infer<typeof StatusInput>;

export const ChangeRequestInput = z
  .object({
    kind: z.enum(['change', 'remove']),
    nameTh: NameTh.optional().describe('a new name'),
    components: z.array(ComponentInput).max(20).optional().describe('the components in full (those left out are dropped)'),
    targets: z.array(TargetInput).max(400).optional().describe('targets to set (others stay)'),
    reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(4000),
    requestedOn: IsoDateString.optional().describe('the date of the request (default today)'),
  })
  .refine((v) => v.kind === 'remove' || v.nameTh !== undefined || v.components !== undefined || v.targets !== undefined, {
    message: 'a change names a new name, components or targets',
    path: ['kind'],
  })
  .refine((v) => v.kind === 'change' || (v.nameTh === undefined && v.components === undefined && v.targets === undefined), {
    message: 'a removal changes nothing else',
    path: ['kind'],
  });
export type ChangeRequestInput = z.infer<typeof ChangeRequestInput>;

export const DecisionInput = z.object({
  decision: z.enum(['approved', 'rejected']),
  date: IsoDateString.optional().describe('the date of the decision: an approved change is in force from it (default today)'),
  note: z.string().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const LinksInput = z.object({
  links: z
    .array(
      z.object({
        project: z.string().trim().min(1).max(64),
        component: ComponentKey.optional().describe('a component key; absent: the indicator as a whole'),
        share: PercentInput.refine((h) => h > 0n, 'a share is more than 0').describe("the share of the project's budget serving it, percent"),
      }),
    )
    .max(200),
  reason: z.string().trim().max(2000).optional(),
});
export type LinksInput = z.infer<typeof LinksInput>;

export const OwnerYearQuery = z.object({ owner: OwnerCode, fiscalYear: FiscalYear, asOf: IsoDateString });
export type OwnerYearQuery = z.infer<typeof OwnerYearQuery>;
export const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'an id is a number') });
export const ResultParams = IdParams.extend({ period: PeriodText });
export const AsOfQuery = z.object({ asOf: IsoDateString.optional().describe('as of this date (default today)') });

// ---------------------------------------------------------------- outputs

export const FileRef = z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() });
export type FileRef = z.infer<typeof FileRef>;

export const Target = z.object({ component: z.string().nullable(), period: z.string(), periodEnd: z.string(), value: z.string() });
export type Target = z.infer<typeof Target>;

export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  owner: z.string(),
  fiscalYear: z.number().int(),
  revision: z.number().int().describe('bumped by every edit of the draft'),
  version: z.number().int().describe('the version in force on the date asked'),
  effectiveFrom: z.string(),
  removed: z.boolean(),
  nameTh: z.string(),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  weight: z.string(),
  baseline: z.string().nullable(),
  dataSource: z.string(),
  components: z.array(z.object({ key: z.string(), nameTh: z.string() })),
  scale: z.object({ levels: z.array(z.string()), below: z.string(), above: z.string() }),
  targets: z.array(Target),
});
export type Indicator = z.infer<typeof Indicator>;

export const Result = z.object({
  component: z.string().nullable(),
  period: z.string(),
  periodEnd: z.string(),
  value: z.string(),
  date: z.string(),
  source: z.string(),
  evidenceUrl: z.string().nullable(),
  evidenceFile: FileRef.nullable(),
  enteredAt: z.string(),
  enteredBy: z.string(),
});
export type Result = z.infer<typeof Result>;

export const Link = z.object({
  project: z.string(),
  projectNameTh: z.string(),
  component: z.string().nullable(),
  share: z.string().describe("percent of the project's budget"),
  projectBudget: z.string(),
  amount: z.string().describe('the budget serving it: budget x share, half up to the satang'),
});
export type Link = z.infer<typeof Link>;

export const ChangeRequest = z.object({
  id: z.string(),
  indicatorId: z.string(),
  indicator: z.string(),
  kind: z.enum(['change', 'remove']),
  proposal: z.object({
    nameTh: z.string().optional(),
    components: z.array(z.object({ key: z.string(), nameTh: z.string() })).optional(),
    targets: z.array(z.object({ component: z.string().nullable(), period: z.string(), value: z.string() })).optional(),
  }),
  reason: z.string(),
  requestedOn: z.string(),
  requestedBy: z.string(),
  file: FileRef.nullable(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int().nullable().describe('the version an approved change created'),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const WARNING_KINDS = ['unsupported', 'behind', 'missing'] as const;
export const Warning = z.object({
  indicatorId: z.string(),
  indicator: z.string(),
  component: z.string().nullable(),
  componentNameTh: z.string().nullable(),
  kind: z
    .enum(WARNING_KINDS)
    .describe('unsupported: no project supports it; behind: the latest result is behind its target; missing: no result for a period ended'),
  period: z.string().nullable(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const IndicatorDetail = Indicator.extend({
  agreementStatus: z.enum(AGREEMENT_STATUSES).nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      effectiveFrom: z.string(),
      removed: z.boolean(),
      nameTh: z.string(),
      changeRequest: z.string().nullable(),
      createdBy: z.string(),
      targets: z.array(Target),
    }),
  ),
  results: z.array(Result),
  series: z
    .array(
      z.object({
        component: z.string().nullable(),
        period: z.string(),
        periodEnd: z.string(),
        target: z.string().nullable(),
        result: z.string().nullable(),
      }),
    )
    .describe('targets (in force on the date asked) and results counted by then, by component and period in time order: what the chart draws'),
  links: z.array(Link),
  changeRequests: z.array(ChangeRequest),
  warnings: z.array(Warning),
});
export type IndicatorDetail = z.infer<typeof IndicatorDetail>;

export const Agreement = z.object({
  owner: z.string(),
  ownerKind: z.enum(['cluster', 'province']),
  ownerNameTh: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  status: z.enum(AGREEMENT_STATUSES).nullable().describe('null: no indicator yet'),
  statusHistory: z.array(z.object({ status: z.enum(AGREEMENT_STATUSES), date: z.string(), by: z.string(), reason: z.string().nullable() })),
  indicators: z.array(Indicator),
  changeRequests: z.array(ChangeRequest),
});
export type Agreement = z.infer<typeof Agreement>;

export const Warnings = z.object({
  owner: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  count: z.number().int(),
  items: z.array(Warning),
});
export type Warnings = z.infer<typeof Warnings>;

export const ReportLine = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  components: z.array(z.object({ key: z.string(), nameTh: z.string() })),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  weight: z.string(),
  version: z.number().int(),
  annualTarget: z.string().nullable(),
  latest: z
    .object({
      period: z.string(),
      value: z.string(),
      date: z.string(),
      target: z.string().nullable().describe('the target of that period'),
      achievement: PercentString,
    })
    .nullable()
    .describe("the indicator's latest result counted by asOf"),
  score: z.string().nullable().describe('the score of the annual result on the scale (4 decimals); null before it is in'),
  openChangeRequests: z.array(ChangeRequest),
  warnings: z.array(Warning),
});
export type ReportLine = z.infer<typeof ReportLine>;

export const IndicatorReport = z.object({
  owner: z.string(),
  ownerKind: z.enum(['cluster', 'province']),
  ownerNameTh: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  status: z.enum(AGREEMENT_STATUSES).nullable(),
  indicators: z.array(ReportLine),
  weightedScore: z.string().nullable().describe('sum(weight x score) / sum(weight) over the indicators scored, half up to 4 decimals'),
  scoredWeight: z.string(),
  totalWeight: z.string(),
  warningCount: z.number().int(),
});
export type IndicatorReport = z.infer<typeof IndicatorReport>;

export const IndicatorRankingQuery = z.object({ fiscalYear: FiscalYear, asOf: IsoDateString });
export type IndicatorRankingQuery = z.infer<typeof IndicatorRankingQuery>;
export const IndicatorRanking = z.object({
  fiscalYear: z.number().int(),
  asOf: z.string(),
  entries: z.array(
    z.object({
      owner: z.string(),
      nameTh: z.string(),
      weightedScore: z.string().nullable(),
      scoredWeight: z.string(),
      totalWeight: z.string(),
      rank: z.number().int().nullable().describe('ties share a rank; null: no indicator scored'),
    }),
  ),
});
export type IndicatorRanking = z.infer<typeof IndicatorRanking>;
