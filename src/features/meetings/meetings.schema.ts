/**
 * Meetings, their agenda and their report: the schemas shared by the HTTP API, the CLI and the web UI.
 * An agenda item is a ❖ topic in one of the OSM's divisions; its items are narrative text or blocks
 * computed from data as of the meeting's cut-off date, each with its parameters.
 */
import { z } from 'zod';
import { FiscalYear, IsoDateString } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';

export const DIVISIONS = ['strategy', 'monitoring', 'administration'] as const;
export type Division = (typeof DIVISIONS)[number];
export const Division = z.enum(DIVISIONS).describe('strategy development, monitoring and evaluation, general administration');

export const MEETING_STATUSES = ['draft', 'closed'] as const;
export const REPORT_FORMATS = ['json', 'text', 'html', 'docx', 'pdf', 'xlsx'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** One item of a topic: narrative text, or a block computed as of the meeting's cut-off date. */
const agendaEntry = <Y extends z.ZodType<number>>(FiscalYear: Y) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: Text(10000).describe('narrative, as it is to be printed (Arabic digits become Thai ones)') }),
    z.object({ kind: z.literal('approval'), fiscalYear: FiscalYear }).describe('projects approved and those not yet, with their status'),
    z
      .object({
        kind: z.literal('indicators'),
        fiscalYear: FiscalYear,
        setBy: z.string().trim().max(200).default('สำนักงาน ก.พ.ร.').describe('who set the indicators'),
        requestedBy: z.string().trim().max(200).default('OSM').describe('who requested the changes'),
      })
      .describe('the performance-agreement indicators and their open change requests'),
    z
      .object({
        kind: z.literal('monitoring'),
        from: IsoDateString,
        to: IsoDateString,
        include: z.enum(['visits', 'trainings', 'both']).default('both'),
      })
      .describe('monitoring visits and/or trainings overlapping from–to'),
    z.object({ kind: z.literal('previousYear'), fiscalYear: FiscalYear }).describe('completed of all, disbursed and its percent, rank among peers'),
    z.object({ kind: z.literal('disbursement'), fiscalYear: FiscalYear }).describe('disbursed and remaining as of the cut-off'),
    z.object({ kind: z.literal('eventsHeld'), from: IsoDateString, to: IsoDateString }).describe('seminars, workshops and meetings held from–to'),
  ]);
export const AgendaEntry = agendaEntry(FiscalYear);
/** The same as the API answers it (a plain number for the fiscal year: a response schema has no input preprocessing). */
export const AgendaEntryOut = agendaEntry(z.number().int());
export type AgendaEntry = z.infer<typeof AgendaEntry>;
export type BlockKind = AgendaEntry['kind'];

const StartTime = z
  .string()
  .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'a time HH:MM such as 09:00')
  .transform((s) => s.replace('.', ':'));

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM such as 2015-12');

const meetingFields = {
  no: z.number().int().min(1).max(999).describe('its number within the B.E. year: 12 of 12/2558'),
  year: z.number().int().min(2500).max(2700).describe('the B.E. year of its number'),
  month: Month.describe('the month it covers, YYYY-MM'),
  date: IsoDateString.describe('the weekday is never given: it is derived from the date'),
  startTime: StartTime.nullable(),
  cutOff: IsoDateString.describe('the date the computed blocks are as of'),
  venues: z.array(Text(500)).max(50),
  organizer: Text(500).describe('e.g. สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1 (OSM)'),
  purposes: z.array(Text(2000)).max(50).describe('joined by spaces after "เพื่อ", as typed'),
  note: z.string().trim().max(10000),
};

export const MeetingInput = z.object({
  owner: OwnerCode,
  ...meetingFields,
  startTime: meetingFields.startTime.default(null),
  venues: meetingFields.venues.default([]),
  purposes: meetingFields.purposes.default([]),
  note: meetingFields.note.default(''),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingUpdate = z.object({
  version: z.number().int().min(1).describe('the version read, to refuse a change over a newer one'),
  no: meetingFields.no.optional(),
  year: meetingFields.year.optional(),
  month: meetingFields.month.optional(),
  date: meetingFields.date.optional(),
  startTime: meetingFields.startTime.optional(),
  cutOff: meetingFields.cutOff.optional(),
  venues: meetingFields.venues.optional(),
  organizer: meetingFields.organizer.optional(),
  purposes: meetingFields.purposes.optional(),
  note: meetingFields.note.optional(),
});
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const AgendaItemInput = z.object({
  division: Division.describe('the topic comes after the last of its division (POST …/agenda/reorder orders a division)'),
  topic: Text(1000).describe('the ❖ topic'),
  items: z.array(AgendaEntry).max(50),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

export const AgendaItemUpdate = z.object({
  version: z.number().int().min(1),
  division: Division.optional().describe('moved to another division, it comes after the last of that division'),
  topic: Text(1000).optional(),
  items: z.array(AgendaEntry).max(50).optional(),
});
export type AgendaItemUpdate = z.infer<typeof AgendaItemUpdate>;

const ItemId = z.string().regex(/^[1-9]\d{0,17}$/, 'an id is a positive whole number');

/** A division's topics in their new order: every live topic of the division, each once. */
export const AgendaReorder = z.object({
  version: z.number().int().min(1).describe("the meeting's version read, to refuse an order over a newer agenda"),
  division: Division,
  items: z
    .array(ItemId)
    .min(1)
    .max(999)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `topic ${id} is given twice` });
      });
    })
    .describe("the ids of the division's topics, first to last"),
});
export type AgendaReorder = z.infer<typeof AgendaReorder>;

export const AgendaItem = z.object({
  id: z.string(),
  division: Division,
  position: z.number().int(),
  topic: z.string(),
  items: z.array(AgendaEntryOut),
  version: z.number().int(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Meeting = z.object({
  id: z.string(),
  owner: z.object({ kind: z.enum(['cluster', 'province']), code: z.string(), nameTh: z.string() }),
  no: z.number().int(),
  year: z.number().int(),
  month: z.string(),
  date: z.string(),
  weekday: z.string().describe('derived from the date'),
  startTime: z.string().nullable(),
  cutOff: z.string(),
  venues: z.array(z.string()),
  organizer: z.string(),
  purposes: z.array(z.string()),
  note: z.string(),
  status: z.enum(MEETING_STATUSES),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  agenda: z.array(AgendaItem),
  version: z.number().int(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingListQuery = z.object({ owner: OwnerCode, year: z.coerce.number().int().min(2500).max(2700).optional() });
export const MeetingRef = z.object({
  owner: OwnerCode,
  no: z.coerce.number().int().min(1).max(999),
  year: z.coerce.number().int().min(2500).max(2700),
});
export type MeetingRef = z.infer<typeof MeetingRef>;

/** A computed block as the report holds it: its sentences and its figures (what freezing keeps). */
export const ReportBlock = z.object({
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  sentences: z.array(z.string()),
  figures: z.record(z.string(), z.unknown()).describe('the figures the sentences state, as the API gives them (decimal strings)'),
});
export type ReportBlock = z.infer<typeof ReportBlock>;

/** The report's structure, for the web preview: divisions, topics, items with their text. */
export const MeetingReport = z.object({
  meetingId: z.string(),
  owner: z.string(),
  no: z.number().int(),
  year: z.number().int(),
  cutOff: z.string(),
  digits: z.enum(['thai', 'arabic']),
  frozen: z.boolean().describe('the report kept when the meeting was closed'),
  generatedAt: z.string(),
  title: z.string(),
  intro: z.string(),
  divisions: z.array(
    z.object({
      division: Division,
      heading: z.string(),
      topics: z.array(z.object({ id: z.string(), topic: z.string(), items: z.array(ReportBlock) })),
    }),
  ),
});
export type MeetingReport = z.infer<typeof MeetingReport>;

/**
 * The report as the API answers it in JSON: with its layout, the paragraphs as printed, each cut at the
 * places where the PDF may break a line (meetings.lines.ts, computed by the server: a browser's own
 * Intl.Segmenter may cut Thai elsewhere). Not stored: a frozen report gets it when served.
 */
export const MeetingReportOut = MeetingReport.extend({
  layout: z.array(
    z.object({
      kind: z.enum(['intro', 'heading', 'topic', 'item']),
      text: z.string(),
      units: z.array(z.string()).describe('the text cut at its break opportunities: words with their punctuation, and spaces'),
    }),
  ),
});
export type MeetingReportOut = z.infer<typeof MeetingReportOut>;

export const ReportChange = z.object({
  topic: z.string(),
  index: z.number().int().describe('the item within its topic, from 0'),
  kind: z.string(),
  old: z.array(z.string()),
  new: z.array(z.string()),
});
export const Regenerated = z.object({ report: MeetingReport, changes: z.array(ReportChange) });
export type Regenerated = z.infer<typeof Regenerated>;
export const RegeneratedOut = z.object({ report: MeetingReportOut, changes: z.array(ReportChange) });
export type RegeneratedOut = z.infer<typeof RegeneratedOut>;

export const ReportQuery = z.object({
  format: ReportFormat.default('json'),
  digits: z.enum(['thai', 'arabic']).default('thai'),
  regenerate: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe("compute a closed meeting's report again from live data (default: the frozen one)"),
});

export const DateRange = z.object({ from: IsoDateString, to: IsoDateString });
