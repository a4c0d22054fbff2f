import { z } from 'zod';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import {
  MonthlyReport,
  MonthParams,
  OverdueQuery,
  OverdueReports,
  ProgressReportInput,
  ReviewInput,
  ReviewQueue,
  ReviewQueueQuery,
} from './report.schema.ts';
import { listProgressReports, overdueReports, reviewProgressReport, reviewQueue, saveProgressReport } from './report.service.ts';
import { progressReportFileRoutes } from './report-files.routes.ts';

export async function progressReportRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/projects/:code/progress-reports',
    {
      schema: {
        tags: ['progress reports'],
        summary: "A project's monthly progress reports, oldest month first (their review history is in the audit trail)",
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: z.array(MonthlyReport) },
      },
    },
    async (req) => listProgressReports(deps.db, actorOf(req), req.params.code),
  );
  api.put(
    '/projects/:code/progress-reports/:month',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          'Save (draft) or submit the progress report of a month: by the agency reporter of the project or an officer. A returned report may be resubmitted; an accepted one cannot change.',
        params: MonthParams,
        body: ProgressReportInput,
        response: { 200: MonthlyReport },
      },
    },
    async (req) => saveProgressReport(ctxOf(deps, req), req.params.code, req.params.month, req.body),
  );
  api.post(
    '/projects/:code/progress-reports/:month/review',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          'Accept a submitted progress report, or return it with a reason the reporter sees: by an officer who may write the project, not its submitter',
        params: MonthParams,
        body: ReviewInput,
        response: { 200: MonthlyReport },
      },
    },
    async (req) => reviewProgressReport(ctxOf(deps, req), req.params.code, req.params.month, req.body),
  );
  api.get(
    '/progress-reports/overdue',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          "Overdue progress reports: months ended by asOf without a submitted or accepted report, of an owner's approved or in-progress projects",
        querystring: OverdueQuery,
        response: { 200: OverdueReports },
      },
    },
    async (req) => overdueReports(deps.db, actorOf(req), req.query),
  );
  api.get(
    '/progress-reports',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          'The review queue: progress reports of a status (default submitted), by month then project. Officers see those of the projects they may review; other roles those of the projects they may read.',
        querystring: ReviewQueueQuery,
        response: { 200: ReviewQueue },
      },
    },
    async (req) => reviewQueue(deps.db, actorOf(req), req.query),
  );
  await progressReportFileRoutes(api, deps);
}
