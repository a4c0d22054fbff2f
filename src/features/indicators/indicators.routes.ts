import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { todayIso } from '../../core/dates.ts';
import { FiscalYear } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import {
  Agreement,
  AsOfQuery,
  ChangeRequest,
  ChangeRequestInput,
  ComponentKey,
  CreateIndicatorInput,
  DecisionInput,
  IdParams,
  Indicator,
  UpdateIndicatorInput,
  IndicatorDetail,
  IndicatorRanking,
  IndicatorRankingQuery,
  IndicatorReport,
  Link,
  LinksInput,
  OwnerYearQuery,
  Result,
  ResultInput,
  ResultParams,
  StatusInput,
  Warnings,
} from './indicators.schema.ts';
import {
  attachEvidence,
  attachRequestFile,
  createIndicator,
  decideChangeRequest,
  enterResult,
  getAgreement,
  getFile,
  getIndicator,
  getWarnings,
  indicatorRanking,
  indicatorReport,
  requestChange,
  setAgreementStatus,
  setLinks,
  updateIndicator,
  type Upload,
} from './indicators.service.ts';
import { indicatorCsv, indicatorRankingCsv, indicatorText } from './indicators.format.ts';

const TAGS = ['indicators'];
const OFFICERS = 'officers of the owner (cluster officer: its cluster and its provinces; province officer: its province) or an administrator';
const ADMINS = 'administrators only, acting for the OPDC (สำนักงาน ก.พ.ร.), which sets agreement indicators';
const READERS = "whoever reads the owner's figures (a committee member: its cluster; not an agency reporter)";

async function upload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('validation', 'Send the file as multipart/form-data in the field "file"', { field: 'file' });
  const file = await req.file();
  if (!file) throw new AppError('validation', 'No file was sent: use the multipart field "file"', { field: 'file' });
  return { name: file.filename.slice(0, 255) || 'file', mediaType: file.mimetype || 'application/octet-stream', data: await file.toBuffer() };
}

const Presentation = z.object({
  format: z.enum(['json', 'text', 'csv']).default('json'),
  digits: z.enum(['thai', 'arabic']).default('thai').describe('digits of the text format'),
});

export async function indicatorRoutes(api: Api, deps: RouteDeps): Promise<void> {
  const { db } = deps;
  api.get(
    '/agreements',
    {
      schema: {
        tags: TAGS,
        summary: `An owner's performance agreement for a fiscal year as of a date: its status, the indicators in force, the change requests; for ${READERS}`,
        querystring: OwnerYearQuery,
        response: { 200: Agreement },
      },
    },
    async (req) => getAgreement(db, actorOf(req), req.query),
  );
  api.post(
    '/agreements/:owner/:fiscalYear/status',
    {
      schema: {
        tags: TAGS,
        summary: `Move the agreement one step, draft -> proposed -> agreed, dated: ${ADMINS}`,
        params: z.object({ owner: OwnerCode, fiscalYear: FiscalYear }),
        body: StatusInput,
        response: { 200: Agreement },
      },
    },
    async (req) => setAgreementStatus(ctxOf(deps, req), req.params.owner, req.params.fiscalYear, req.body),
  );
  api.post(
    '/indicators',
    {
      schema: {
        tags: TAGS,
        summary: `Create an indicator of an owner's agreement for a fiscal year (the agreement starts as a draft); while it is a draft: ${OFFICERS}`,
        body: CreateIndicatorInput,
        response: { 201: Indicator },
      },
    },
    async (req, reply) => reply.code(201).send(await createIndicator(ctxOf(deps, req), req.body)),
  );
  api.get(
    '/indicators/warnings',
    {
      schema: {
        tags: TAGS,
        summary: `Warnings of an owner's indicators as of a date: a component (or indicator) no project supports, a latest result behind its target, a result missing for a period ended; for ${READERS}`,
        querystring: OwnerYearQuery,
        response: { 200: Warnings },
      },
    },
    async (req) => getWarnings(db, actorOf(req), req.query),
  );
  api.get(
    '/indicators/:id',
    {
      schema: {
        tags: TAGS,
        summary: `One indicator as of a date (default today): the version in force, all versions with their targets, results, the series of targets and results for the chart, supporting projects, change requests, warnings; for ${READERS}`,
        params: IdParams,
        querystring: AsOfQuery,
        response: { 200: IndicatorDetail },
      },
    },
    async (req) => getIndicator(db, actorOf(req), BigInt(req.params.id), req.query.asOf ?? todayIso()),
  );
  api.put(
    '/indicators/:id',
    {
      schema: {
        tags: TAGS,
        summary: `Edit an indicator (its whole definition) while the agreement is a draft: ${OFFICERS}. Once proposed, only a change request changes it.`,
        params: IdParams,
        body: UpdateIndicatorInput,
        response: { 200: Indicator },
      },
    },
    async (req) => updateIndicator(ctxOf(deps, req), BigInt(req.params.id), req.body),
  );
  api.put(
    '/indicators/:id/results/:period',
    {
      schema: {
        tags: TAGS,
        summary: `Enter or correct the result of a period (annual, Q1..Q4, YYYY-MM) of the indicator or one of its components, with its date, source and evidence link: ${OFFICERS}`,
        params: ResultParams,
        body: ResultInput,
        response: { 200: Result },
      },
    },
    async (req) => enterResult(ctxOf(deps, req), BigInt(req.params.id), req.params.period, req.body),
  );
  api.post(
    '/indicators/:id/results/:period/evidence',
    {
      schema: {
        tags: TAGS,
        summary: `Attach a file (multipart field "file") as the evidence of an entered result, kept in the database: ${OFFICERS}`,
        params: ResultParams,
        querystring: z.object({ component: ComponentKey.optional() }),
        consumes: ['multipart/form-data'],
        response: { 200: Result },
      },
    },
    async (req) => attachEvidence(ctxOf(deps, req), BigInt(req.params.id), req.params.period, req.query.component, await upload(req)),
  );
  api.put(
    '/indicators/:id/links',
    {
      schema: {
        tags: TAGS,
        summary: `Set the projects (of the owner, same fiscal year) supporting the indicator or its components, with the share of each project's budget (a project's shares total at most 100 %): ${OFFICERS}`,
        params: IdParams,
        body: LinksInput,
        response: { 200: z.array(Link) },
      },
    },
    async (req) => setLinks(ctxOf(deps, req), BigInt(req.params.id), req.body),
  );
  api.post(
    '/indicators/:id/change-requests',
    {
      schema: {
        tags: TAGS,
        summary: `Request a change of the indicator (a new name, targets, components) or its removal, with the reason; one open request at a time: ${OFFICERS}`,
        params: IdParams,
        body: ChangeRequestInput,
        response: { 201: ChangeRequest },
      },
    },
    async (req, reply) => reply.code(201).send(await requestChange(ctxOf(deps, req), BigInt(req.params.id), req.body)),
  );
  api.post(
    '/indicator-change-requests/:id/file',
    {
      schema: {
        tags: TAGS,
        summary: `Attach the supporting file (multipart field "file") of an open change request, kept in the database: ${OFFICERS}`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: ChangeRequest },
      },
    },
    async (req) => attachRequestFile(ctxOf(deps, req), BigInt(req.params.id), await upload(req)),
  );
  api.post(
    '/indicator-change-requests/:id/decision',
    {
      schema: {
        tags: TAGS,
        summary: `Approve or reject a change request: ${ADMINS}. An approved change adds the indicator's next version, in force from the decision's date; the former targets stay on record.`,
        params: IdParams,
        body: DecisionInput,
        response: { 200: ChangeRequest },
      },
    },
    async (req) => decideChangeRequest(ctxOf(deps, req), BigInt(req.params.id), req.body),
  );
  api.get(
    '/indicator-files/:id',
    {
      schema: {
        tags: TAGS,
        summary: `Download an evidence or supporting file; for ${READERS}`,
        params: IdParams,
      },
    },
    async (req, reply) => {
      const f = await getFile(db, actorOf(req), BigInt(req.params.id));
      return reply
        .header('content-type', f.ref.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.ref.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  );
  api.get(
    '/reports/indicators',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary: `The indicator report of an owner as of a date: each indicator with target, latest result, achievement, score, the agreement's status, open change requests and warnings; the weighted score. For ${READERS}; public when reports are.`,
        querystring: OwnerYearQuery.extend(Presentation.shape),
        response: { 200: IndicatorReport.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, digits, ...query } = req.query;
      const r = await indicatorReport(db, actorOf(req), query);
      if (format === 'text') return reply.type('text/plain; charset=utf-8').send(indicatorText(r, { thaiDigits: digits === 'thai' }));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(indicatorCsv(r));
      return r;
    },
  );
  api.get(
    '/reports/indicator-ranking',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary:
          'The clusters ranked by their weighted agreement score (exact ratios; ties share a rank; clusters without a scored indicator last); for every signed-in role but agency reporters, public when reports are',
        querystring: IndicatorRankingQuery.extend({ format: z.enum(['json', 'csv']).default('json') }),
        response: { 200: IndicatorRanking.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const r = await indicatorRanking(db, actorOf(req), query);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(indicatorRankingCsv(r));
      return r;
    },
  );
}
