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
import type { Actor, Ctx } from '../core/context.ts';
import { AppError } from '../core/errors.ts';

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

/** The authenticated actor of a request (the auth hook has refused requests without one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthorized', 'Sign in first, or send an API token as Authorization: Bearer …');
  return req.actor;
}

/** The context of a request: the database and the acting user. */
export function ctxOf(deps: RouteDeps, req: FastifyRequest): Ctx {
  return { db: deps.db, actor: actorOf(req) };
}
