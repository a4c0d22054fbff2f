import { z } from 'zod';
import { todayIso } from '../../core/dates.ts';
import type { Api, RouteDeps } from '../../http/deps.ts';
import { listClusters, listProvinces, schemeOn } from './reference.queries.ts';
import { Cluster, Province, ReferenceQuery } from './reference.schema.ts';

export async function referenceRoutes(api: Api, { db }: RouteDeps): Promise<void> {
  api.get(
    '/reference/provinces',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reference'],
        summary: 'The 77 provinces (76 and Bangkok) with their cluster on a date',
        querystring: ReferenceQuery,
        response: { 200: z.array(Province) },
      },
    },
    async (req) => listProvinces(db, req.query.date ?? todayIso()),
  );

  api.get(
    '/reference/clusters',
    {
      config: { access: 'report' },
      schema: {
        tags: ['reference'],
        summary: 'The 18 clusters of a scheme (default: the scheme in force on the date) and their members on the date',
        querystring: ReferenceQuery.extend({ scheme: z.enum(['2552', '2560']).optional() }),
        response: { 200: z.array(Cluster) },
      },
    },
    async (req) => {
      const date = req.query.date ?? todayIso();
      return listClusters(db, req.query.scheme ?? (await schemeOn(db, date)), date);
    },
  );
}
