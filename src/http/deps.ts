import type {
  FastifyInstance,
  FastifyBaseLogger,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/db.ts';
import { systemActor, type Actor, type Ctx } from '../core/context.ts';

export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  db: Db;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor, set by the auth hook. */
    actor?: Actor;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  return req.actor ?? systemActor('web');
}

/** The context of a request: the database and the acting user. */
export function ctxOf(deps: RouteDeps, req: FastifyRequest): Ctx {
  return { db: deps.db, actor: actorOf(req) };
}
