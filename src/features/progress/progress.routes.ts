import { z } from 'zod';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import {
  ProgressReport,
  ProgressReportQuery,
  ProgressSettings,
  ProgressSettingsOutput,
  SetTargetsInput,
  Targets,
  TargetsQuery,
} from './progress.schema.ts';
import { progressReport } from './progress.service.ts';
import { progressCsv, progressText, progressWorkbook } from './progress.format.ts';
import { getTargets, setTargets, setWarningSettings, settingsOutput, warningSettings } from './targets.service.ts';

const TEXT = 'text/plain; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function progressRoutes(api: Api, deps: RouteDeps): Promise<void> {
  const { db } = deps;
  api.get(
    '/reports/progress',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary: 'Plan against actual of an owner’s projects as of a date: by category, against the quarterly targets, with warnings and forecasts',
        querystring: ProgressReportQuery.extend({
          format: z.enum(['json', 'text', 'csv', 'xlsx']).default('json'),
          digits: z.enum(['thai', 'arabic']).default('thai').describe('digits of the text format'),
        }),
        response: { 200: ProgressReport.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, digits, ...query } = req.query;
      const report = await progressReport(db, actorOf(req), query);
      if (format === 'text') return reply.type(TEXT).send(progressText(report, { thaiDigits: digits === 'thai' }));
      if (format === 'csv') return reply.type(CSV).send(progressCsv(report));
      if (format === 'xlsx') {
        return (
          reply
            .header('content-type', XLSX)
            .header('content-disposition', `attachment; filename="padme-progress-${report.owner}-${report.fiscalYear}-${report.asOf}.xlsx"`)
            // A Buffer is sent as is (Fastify serialises only objects); the response schema describes the JSON form.
            .send((await progressWorkbook(report)) as unknown as string)
        );
      }
      return report;
    },
  );

  api.get(
    '/targets',
    {
      config: { access: 'report' },
      schema: {
        tags: ['progress'],
        summary: 'Disbursement targets of a fiscal year: the cabinet’s, or those applying to an owner (its own where set)',
        querystring: TargetsQuery,
        response: { 200: Targets },
      },
    },
    async (req) => getTargets(db, actorOf(req), req.query.fiscalYear, req.query.owner),
  );

  api.put(
    '/targets',
    {
      schema: {
        tags: ['progress'],
        summary:
          "Set the cumulative disbursement targets at the end of each quarter: the cabinet's (owner omitted) by administrators; an owner's own also by its cluster or province officer",
        body: SetTargetsInput,
        response: { 200: Targets },
      },
    },
    async (req) => setTargets(ctxOf(deps, req), req.body),
  );

  api.get(
    '/progress/settings',
    { schema: { tags: ['progress'], summary: 'The thresholds of the progress warnings', response: { 200: ProgressSettingsOutput } } },
    async () => settingsOutput(await warningSettings(db)),
  );

  api.put(
    '/progress/settings',
    {
      schema: {
        tags: ['progress'],
        summary: 'Set the thresholds of the progress warnings (administrators)',
        body: ProgressSettings,
        response: { 200: ProgressSettingsOutput },
      },
    },
    async (req) => setWarningSettings(ctxOf(deps, req), req.body),
  );
}
