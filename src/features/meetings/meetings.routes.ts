import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import {
  AgendaItemInput,
  AgendaItemUpdate,
  AgendaReorder,
  Meeting,
  MeetingInput,
  MeetingListQuery,
  MeetingRef,
  MeetingReportOut,
  MeetingUpdate,
  Regenerated,
  RegeneratedOut,
  ReportQuery,
} from './meetings.schema.ts';
import {
  addAgendaItem,
  closeMeeting,
  createMeeting,
  deleteAgendaItem,
  deleteMeeting,
  findMeeting,
  getMeeting,
  listMeetings,
  meetingReport,
  regenerateReport,
  reorderAgenda,
  updateAgendaItem,
  updateMeeting,
} from './meetings.service.ts';
import { renderReport, withLayout } from './meetings.render.ts';
import type { MeetingReport as Report } from './meetings.schema.ts';

const tags = ['meetings'];
const IdParams = z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, 'an id is a positive whole number') });
const ItemParams = IdParams.extend({ itemId: z.string().regex(/^[1-9]\d{0,17}$/, 'an id is a positive whole number') });
const reportSummary =
  'The report of a meeting: format=json (its structure: divisions, topics, items with their sentences and figures), text, html, docx, pdf or xlsx; ' +
  'the frozen one once closed, POST …/regenerate computes it again from live data';

async function send(reply: FastifyReply, r: Report, format: z.infer<typeof ReportQuery>['format'], changes?: Regenerated['changes']) {
  if (format === 'json') return changes ? { report: withLayout(r), changes } : withLayout(r);
  const out = await renderReport(r, format);
  reply.type(out.type);
  if (typeof out.body !== 'string') reply.header('Content-Disposition', `attachment; filename="meeting-${r.no}-${r.year}.${out.ext}"`);
  return reply.send(out.body);
}

export async function meetingRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/meetings',
    { schema: { tags, summary: "An owner's meetings (of a B.E. year)", querystring: MeetingListQuery, response: { 200: z.array(Meeting) } } },
    async (req) => listMeetings(deps.db, actorOf(req), req.query),
  );
  api.post(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting: number/year, month covered, date and time (the weekday is derived), cut-off, venues, organiser, purposes',
        body: MeetingInput,
        response: { 201: Meeting },
      },
    },
    async (req, reply) => reply.code(201).send(await createMeeting(ctxOf(deps, req), req.body)),
  );
  api.get(
    '/meetings/by-number',
    { schema: { tags, summary: 'A meeting by owner, number and B.E. year (12/2558)', querystring: MeetingRef, response: { 200: Meeting } } },
    async (req) => findMeeting(deps.db, actorOf(req), req.query),
  );
  api.get(
    '/meetings/by-number/report',
    {
      schema: {
        tags: ['meetings', 'reports'],
        summary: `${reportSummary}; by owner, number and B.E. year`,
        querystring: MeetingRef.extend(ReportQuery.shape),
        response: { 200: MeetingReportOut.or(RegeneratedOut).or(z.any()) },
      },
    },
    async (req, reply) => {
      const { format, digits, ...ref } = req.query;
      const m = await findMeeting(deps.db, actorOf(req), ref);
      return send(reply, await meetingReport(deps.db, actorOf(req), m.id, { thaiDigits: digits === 'thai' }), format);
    },
  );
  api.get('/meetings/:id', { schema: { tags, summary: 'One meeting with its agenda', params: IdParams, response: { 200: Meeting } } }, async (req) =>
    getMeeting(deps.db, actorOf(req), req.params.id),
  );
  api.patch(
    '/meetings/:id',
    {
      schema: { tags, summary: 'Change a draft meeting (with the version read)', params: IdParams, body: MeetingUpdate, response: { 200: Meeting } },
    },
    async (req) => updateMeeting(ctxOf(deps, req), req.params.id, req.body),
  );
  api.post(
    '/meetings/:id/delete',
    { schema: { tags, summary: 'Delete a draft meeting, with a reason', params: IdParams, body: ReasonBody, response: { 200: Meeting } } },
    async (req) => deleteMeeting(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  api.post(
    '/meetings/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a meeting: its report is computed as of the cut-off and frozen (text and figures of every block)',
        params: IdParams,
        response: { 200: Meeting },
      },
    },
    async (req) => closeMeeting(ctxOf(deps, req), req.params.id),
  );
  api.post(
    '/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Add a ❖ topic to a division of a draft meeting',
        params: IdParams,
        body: AgendaItemInput,
        response: { 201: Meeting },
      },
    },
    async (req, reply) => reply.code(201).send(await addAgendaItem(ctxOf(deps, req), req.params.id, req.body)),
  );
  api.post(
    '/meetings/:id/agenda/reorder',
    {
      schema: {
        tags,
        summary:
          "Order the topics of one division of a draft meeting (every live topic of it, each once; with the meeting's version read), in one transaction",
        params: IdParams,
        body: AgendaReorder,
        response: { 200: Meeting },
      },
    },
    async (req) => reorderAgenda(ctxOf(deps, req), req.params.id, req.body),
  );
  api.patch(
    '/meetings/:id/agenda/:itemId',
    {
      schema: {
        tags,
        summary: 'Change a topic of a draft meeting (with the version read)',
        params: ItemParams,
        body: AgendaItemUpdate,
        response: { 200: Meeting },
      },
    },
    async (req) => updateAgendaItem(ctxOf(deps, req), req.params.id, req.params.itemId, req.body),
  );
  api.post(
    '/meetings/:id/agenda/:itemId/delete',
    {
      schema: { tags, summary: 'Remove a topic of a draft meeting, with a reason', params: ItemParams, body: ReasonBody, response: { 200: Meeting } },
    },
    async (req) => deleteAgendaItem(ctxOf(deps, req), req.params.id, req.params.itemId, req.body.reason),
  );
  api.get(
    '/meetings/:id/report',
    {
      schema: {
        tags: ['meetings', 'reports'],
        summary: reportSummary,
        params: IdParams,
        querystring: ReportQuery,
        response: { 200: MeetingReportOut.or(RegeneratedOut).or(z.any()) },
      },
    },
    async (req, reply) => {
      const { format, digits } = req.query;
      return send(reply, await meetingReport(deps.db, actorOf(req), req.params.id, { thaiDigits: digits === 'thai' }), format);
    },
  );
  api.post(
    '/meetings/:id/regenerate',
    {
      schema: {
        tags: ['meetings', 'reports'],
        summary:
          "Compute a meeting's report again from live data as of its cut-off; for a closed meeting, what changed since it was frozen, block by block (json: {report, changes}; other formats: the report). Audited",
        params: IdParams,
        querystring: ReportQuery,
        response: { 200: RegeneratedOut.or(z.any()) },
      },
    },
    async (req, reply) => {
      const g = await regenerateReport(ctxOf(deps, req), req.params.id, { thaiDigits: req.query.digits === 'thai' });
      if (req.query.format !== 'json') reply.header('X-Report-Changes', String(g.changes.length));
      return send(reply, g.report, req.query.format, g.changes);
    },
  );
}
