import { z } from 'zod';
import { actorOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { AuditQuery, AuditRecord } from './audit.schema.ts';
import { auditCsv, listAudit } from './audit.queries.ts';

export async function auditRoutes(api: Api, { db }: RouteDeps): Promise<void> {
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (administrators); format=csv for a spreadsheet',
        querystring: AuditQuery.extend({ format: z.enum(['json', 'csv']).default('json') }),
        response: { 200: z.array(AuditRecord).or(z.string()) },
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const records = await listAudit(db, actorOf(req), query);
      return format === 'csv' ? reply.type('text/csv; charset=utf-8').send(auditCsv(records)) : records;
    },
  );
}
