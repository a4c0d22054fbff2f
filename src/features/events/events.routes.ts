import { z } from 'zod';
import { ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import {
  Calendar,
  CalendarQuery,
  Event,
  EventInput,
  EventListQuery,
  EventsReport,
  EventsReportQuery,
  EventUpdate,
  IdParams,
} from './events.schema.ts';
import { calendar, createEvent, deleteEvent, getEvent, listEvents, updateEvent } from './events.service.ts';
import { eventsReport, eventsReportCsv, eventsReportText } from './events.report.ts';

const tags = ['events'];

export async function eventRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/events',
    {
      schema: {
        tags,
        summary: "An owner's trainings, seminars, workshops and meetings (exactly that owner's) overlapping from–to",
        querystring: EventListQuery,
        response: { 200: z.array(Event) },
      },
    },
    async (req) => listEvents(deps.db, actorOf(req), req.query),
  );
  api.post(
    '/events',
    {
      schema: {
        tags,
        summary:
          'Record an event: kind, title, dates and start time, venues, provinces, chair, speakers, invited groups, attendance (an officer of the owner)',
        body: EventInput,
        response: { 201: Event },
      },
    },
    async (req, reply) => reply.code(201).send(await createEvent(ctxOf(deps, req), req.body)),
  );
  api.get(
    '/events/:id',
    { schema: { tags, summary: 'One event; its weekdays are derived from its dates', params: IdParams, response: { 200: Event } } },
    async (req) => getEvent(deps.db, actorOf(req), req.params.id),
  );
  api.patch(
    '/events/:id',
    { schema: { tags, summary: 'Change an event (with the version read)', params: IdParams, body: EventUpdate, response: { 200: Event } } },
    async (req) => updateEvent(ctxOf(deps, req), req.params.id, req.body),
  );
  api.post(
    '/events/:id/delete',
    { schema: { tags, summary: 'Delete an event, with a reason', params: IdParams, body: ReasonBody, response: { 200: Event } } },
    async (req) => deleteEvent(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  api.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: "The calendar of an owner's events and monitoring visits: a month (month=YYYY-MM) or from–to",
        querystring: CalendarQuery,
        response: { 200: Calendar },
      },
    },
    async (req) => calendar(deps.db, actorOf(req), req.query),
  );
  api.get(
    '/reports/events',
    {
      schema: {
        tags: ['reports', 'events'],
        summary:
          "An owner's monitoring visits and trainings in a date range, and the events held in it by asOf, as the Thai sentences of the meeting report",
        querystring: EventsReportQuery,
        response: { 200: EventsReport.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, digits, ...query } = req.query;
      const r = await eventsReport(deps.db, actorOf(req), query, { thaiDigits: digits === 'thai' });
      if (format === 'text') return reply.type('text/plain; charset=utf-8').send(eventsReportText(r));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(eventsReportCsv(r));
      return r;
    },
  );
}
