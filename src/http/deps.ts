import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/db.ts';
import type { Ctx } from '../core/context.ts';

export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  db: Db;
}

/** The acting user of a request. Until sign-in exists, writes through the API are recorded as "web". */
export function ctxOf(deps: RouteDeps): Ctx {
  return { db: deps.db, actor: { username: 'web' } };
}
