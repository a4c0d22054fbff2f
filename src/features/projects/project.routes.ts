import { z } from 'zod';
import { todayIso } from '../../core/dates.ts';
import { IsoDateString, ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { ChangeStatusInput, CreateProjectInput, Project, ProjectList, ProjectListQuery, StatusChange, UpdateProjectInput } from './project.schema.ts';
import { changeStatus, createProject, getProject, getStatusHistory, listProjects, setProjectDeleted, updateProject } from './project.service.ts';
import { AuditRecord } from '../audit/audit.schema.ts';
import { projectAudit } from '../audit/audit.queries.ts';
import { projectsWorkbook } from './project.export.ts';

const CodeParam = z.object({ code: z.string().min(1).max(64) });

export async function projectRoutes(api: Api, deps: RouteDeps): Promise<void> {
  const { db } = deps;
  api.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'List projects with their figures as of a date',
        querystring: ProjectListQuery,
        response: { 200: ProjectList },
      },
    },
    async (req) => listProjects(db, actorOf(req), req.query),
  );

  api.get(
    '/projects/export.xlsx',
    {
      schema: {
        tags: ['projects'],
        summary: 'The filtered project list as an Excel workbook',
        querystring: ProjectListQuery.omit({ limit: true, offset: true }),
      },
    },
    async (req, reply) => {
      const buffer = await projectsWorkbook(db, actorOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="padme-projects-${req.query.asOf ?? todayIso()}.xlsx"`)
        .send(buffer);
    },
  );

  api.post(
    '/projects',
    {
      schema: { tags: ['projects'], summary: 'Create a project', body: CreateProjectInput, response: { 201: Project } },
    },
    async (req, reply) => reply.code(201).send(await createProject(ctxOf(deps, req), req.body)),
  );

  api.get(
    '/projects/:code',
    {
      schema: {
        tags: ['projects'],
        summary: 'One project with its figures as of a date (default today)',
        params: CodeParam,
        querystring: z.object({ asOf: IsoDateString.optional() }),
        response: { 200: Project },
      },
    },
    async (req) => getProject(db, actorOf(req), req.params.code, req.query.asOf ?? todayIso()),
  );

  api.patch(
    '/projects/:code',
    {
      schema: {
        tags: ['projects'],
        summary: 'Update a project (optimistic: send the version you read)',
        params: CodeParam,
        body: UpdateProjectInput,
        response: { 200: Project },
      },
    },
    async (req) => updateProject(ctxOf(deps, req), req.params.code, req.body),
  );

  api.post(
    '/projects/:code/status',
    {
      schema: {
        tags: ['projects'],
        summary: 'Change the status of a project (allowed transitions only)',
        params: CodeParam,
        body: ChangeStatusInput,
        response: { 200: Project },
      },
    },
    async (req) => changeStatus(ctxOf(deps, req), req.params.code, req.body),
  );

  api.get(
    '/projects/:code/status-history',
    {
      schema: {
        tags: ['projects'],
        summary: 'Every status the project has had, with date and author',
        params: CodeParam,
        response: { 200: z.array(StatusChange) },
      },
    },
    async (req) => getStatusHistory(db, actorOf(req), req.params.code),
  );

  api.post(
    '/projects/:code/delete',
    {
      schema: {
        tags: ['projects'],
        summary: 'Delete a project (soft: it leaves lists and figures; an administrator can restore it)',
        params: CodeParam,
        body: ReasonBody,
        response: { 200: Project },
      },
    },
    async (req) => setProjectDeleted(ctxOf(deps, req), req.params.code, true, req.body.reason),
  );

  api.post(
    '/projects/:code/restore',
    {
      schema: {
        tags: ['projects'],
        summary: 'Restore a deleted project (administrators)',
        params: CodeParam,
        body: ReasonBody,
        response: { 200: Project },
      },
    },
    async (req) => setProjectDeleted(ctxOf(deps, req), req.params.code, false, req.body.reason),
  );

  api.get(
    '/projects/:code/history',
    {
      schema: {
        tags: ['projects'],
        summary: 'The audit history of a project and its ledger entries',
        params: CodeParam,
        response: { 200: z.array(AuditRecord) },
      },
    },
    async (req) => {
      await getProject(db, actorOf(req), req.params.code);
      return projectAudit(db, req.params.code);
    },
  );
}
