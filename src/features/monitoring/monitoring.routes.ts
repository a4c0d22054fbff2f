import { z } from 'zod';
import type { MultipartValue } from '@fastify/multipart';
import { AppError } from '../../core/errors.ts';
import { ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import {
  FollowUpInput,
  IdParams,
  OverdueQuery,
  OverdueRecommendations,
  Photo,
  Recommendation,
  RecommendationInput,
  RecommendationUpdate,
  Visit,
  VisitedProject,
  VisitInput,
  VisitListQuery,
  VisitProjectParams,
  VisitResultInput,
  VisitSummary,
  VisitUpdate,
} from './monitoring.schema.ts';
import {
  addFollowUp,
  addPhoto,
  addRecommendation,
  createVisit,
  deletePhoto,
  deleteVisit,
  getVisit,
  listVisits,
  overdueRecommendations,
  photoBytes,
  recordVisitResult,
  updateRecommendation,
  updateVisit,
} from './monitoring.service.ts';

const tags = ['monitoring'];

export async function monitoringRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/monitoring/visits',
    {
      schema: {
        tags,
        summary: "An owner's monitoring visit plans (exactly that owner's), overlapping from–to, of a fiscal year",
        querystring: VisitListQuery,
        response: { 200: z.array(VisitSummary) },
      },
    },
    async (req) => listVisits(deps.db, actorOf(req), req.query),
  );
  api.post(
    '/monitoring/visits',
    {
      schema: {
        tags,
        summary: 'Plan a monitoring visit: the committee, dates, provinces and projects to visit (an officer of the owner)',
        body: VisitInput,
        response: { 201: Visit },
      },
    },
    async (req, reply) => reply.code(201).send(await createVisit(ctxOf(deps, req), req.body)),
  );
  api.get(
    '/monitoring/visits/:id',
    {
      schema: {
        tags,
        summary: 'A visit with its projects, findings, recommendations (with their follow-ups) and photos (with their EXIF GPS position and time)',
        params: IdParams,
        response: { 200: Visit },
      },
    },
    async (req) => getVisit(deps.db, actorOf(req), req.params.id),
  );
  api.patch(
    '/monitoring/visits/:id',
    {
      schema: {
        tags,
        summary: 'Change a visit plan (with the version read); a project with results cannot leave it',
        params: IdParams,
        body: VisitUpdate,
        response: { 200: Visit },
      },
    },
    async (req) => updateVisit(ctxOf(deps, req), req.params.id, req.body),
  );
  api.post(
    '/monitoring/visits/:id/delete',
    { schema: { tags, summary: 'Delete a visit plan, with a reason', params: IdParams, body: ReasonBody, response: { 200: VisitSummary } } },
    async (req) => deleteVisit(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  api.put(
    '/monitoring/visits/:id/projects/:code',
    {
      schema: {
        tags,
        summary: 'Record the day a planned project was visited and its findings (an officer of the owner, or a committee member of its cluster)',
        params: VisitProjectParams,
        body: VisitResultInput,
        response: { 200: VisitedProject },
      },
    },
    async (req) => recordVisitResult(ctxOf(deps, req), req.params.id, req.params.code, req.body),
  );
  api.post(
    '/monitoring/visits/:id/projects/:code/recommendations',
    {
      schema: {
        tags,
        summary: 'Add a recommendation to a visited project: who is responsible and by when',
        params: VisitProjectParams,
        body: RecommendationInput,
        response: { 201: Recommendation },
      },
    },
    async (req, reply) => reply.code(201).send(await addRecommendation(ctxOf(deps, req), req.params.id, req.params.code, req.body)),
  );
  api.post(
    '/monitoring/visits/:id/projects/:code/photos',
    {
      schema: {
        tags,
        summary:
          'Add a photo of a visited project (multipart: optional field "caption", then the JPEG or PNG in "file", at most 10 MiB); its thumbnail is made and its EXIF GPS position and time read',
        params: VisitProjectParams,
        consumes: ['multipart/form-data'],
        response: { 201: Photo },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('validation', 'Send the photo as multipart/form-data in the field "file"', { field: 'file' });
      const file = await req.file();
      if (!file) throw new AppError('validation', 'No file was sent: use the multipart field "file"', { field: 'file' });
      const data = await file.toBuffer();
      const caption = file.fields.caption as MultipartValue<unknown> | undefined;
      const text = typeof caption?.value === 'string' ? caption.value.trim() : '';
      if (text.length > 1000) throw new AppError('validation', 'caption: at most 1000 characters', { field: 'caption' });
      const out = await addPhoto(ctxOf(deps, req), req.params.id, req.params.code, { fileName: file.filename || 'photo', data, caption: text });
      return reply.code(201).send(out);
    },
  );
  for (const which of ['image', 'thumbnail'] as const) {
    api.get(
      `/monitoring/photos/:id/${which}`,
      {
        schema: {
          tags,
          summary: which === 'image' ? 'A photo as uploaded (JPEG or PNG)' : "A photo's JPEG thumbnail (at most 320 px a side)",
          params: IdParams,
          produces: ['image/jpeg', 'image/png'],
        },
      },
      async (req, reply) => {
        const p = await photoBytes(deps.db, actorOf(req), req.params.id, which);
        return reply
          .header('content-type', p.mediaType)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(p.fileName)}`)
          .send(p.data);
      },
    );
  }
  api.post(
    '/monitoring/photos/:id/delete',
    { schema: { tags, summary: 'Delete a photo, with a reason', params: IdParams, body: ReasonBody, response: { 200: Photo } } },
    async (req) => deletePhoto(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  api.patch(
    '/monitoring/recommendations/:id',
    {
      schema: {
        tags,
        summary: 'Change a recommendation (text, who is responsible, due date) while not closed, with the version read',
        params: IdParams,
        body: RecommendationUpdate,
        response: { 200: Recommendation },
      },
    },
    async (req) => updateRecommendation(ctxOf(deps, req), req.params.id, req.body),
  );
  api.post(
    '/monitoring/recommendations/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'A dated follow-up note on a recommendation, moving its status forward (open → in_progress → closed) or keeping it',
        params: IdParams,
        body: FollowUpInput,
        response: { 201: Recommendation },
      },
    },
    async (req, reply) => reply.code(201).send(await addFollowUp(ctxOf(deps, req), req.params.id, req.body)),
  );
  api.get(
    '/monitoring/recommendations/overdue',
    {
      schema: {
        tags,
        summary: "Recommendations of an owner's visits overdue as of a date: due before it and not closed as of it",
        querystring: OverdueQuery,
        response: { 200: OverdueRecommendations },
      },
    },
    async (req) => overdueRecommendations(deps.db, actorOf(req), req.query),
  );
}
