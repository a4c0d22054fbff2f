import { z } from 'zod';
import { actorOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { readSnapshot } from '../../db/db.ts';
import { Dashboard, DisbursementByCategory, DisbursementReportQuery, Ranking, RankingQuery, ReportFormat } from './report.schema.ts';
import { dashboard, disbursementReport, ranking } from './report.service.ts';
import { disbursementCsv, disbursementText, rankingCsv, rankingText } from './report.format.ts';

const Presentation = z.object({
  format: ReportFormat.default('json'),
  digits: z.enum(['thai', 'arabic']).default('thai').describe('digits of the text format'),
});

const TEXT = 'text/plain; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';

export async function reportRoutes(api: Api, { db }: RouteDeps): Promise<void> {
  api.get(
    '/reports/disbursement',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary: 'Allocated, disbursed and remaining of an owner (cluster or province) for a fiscal year as of a date, and by budget category',
        querystring: DisbursementReportQuery.extend(Presentation.shape).extend({
          byCategory: z
            .enum(['true', 'false'])
            .default('false')
            .describe('with format=text: one sentence per budget category after the paragraph (JSON and CSV always carry the split)'),
        }),
        response: { 200: DisbursementByCategory.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, digits, byCategory, ...query } = req.query;
      // One snapshot: the totals and their split by category are read by two queries and must agree.
      const report = await readSnapshot(db, (q) => disbursementReport(q, actorOf(req), query));
      if (format === 'text')
        return reply.type(TEXT).send(disbursementText(report, { thaiDigits: digits === 'thai' }, { byCategory: byCategory === 'true' }));
      if (format === 'csv') return reply.type(CSV).send(disbursementCsv(report));
      return report;
    },
  );

  api.get(
    '/reports/ranking',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary: 'The clusters (or provinces) ranked by the exact ratio disbursed/allocated; ties share a rank',
        querystring: RankingQuery.extend(Presentation.shape),
        response: { 200: Ranking.or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, digits, ...query } = req.query;
      const result = await ranking(db, actorOf(req), query);
      if (format === 'text') return reply.type(TEXT).send(rankingText(result, { thaiDigits: digits === 'thai' }));
      if (format === 'csv') return reply.type(CSV).send(rankingCsv(result));
      return result;
    },
  );

  api.get(
    '/reports/dashboard',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reports'],
        summary:
          'What the dashboard of an owner shows: figures (and by budget category), status counts, the monthly cumulative curve, the plan line, the quarterly targets, its rank',
        querystring: DisbursementReportQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => readSnapshot(db, (q) => dashboard(q, actorOf(req), req.query)),
  );
}
