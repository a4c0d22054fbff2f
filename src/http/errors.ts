import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError, type ErrorCode } from '../core/errors.ts';
import { DatabaseTimeoutError, isConnectionError } from '../db/db.ts';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  over_allocation: 422,
  project_cancelled: 422,
  import_rejected: 422,
  payload_too_large: 413,
  database_locked: 503,
  rate_limited: 429,
};

const UNIQUE_VIOLATION = '23505';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      field:
        String((v.params as { issue?: { path?: unknown[] } }).issue?.path?.join('.') ?? v.instancePath.replace(/^\//, '').replaceAll('/', '.')) ||
        err.validationContext ||
        'request',
      message: v.message ?? 'invalid',
    }));
    const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    void reply.code(400).send({ error: { code: 'validation', message, details: { issues } } } satisfies ErrorBody);
    return;
  }
  if (isAppError(err)) {
    void reply.code(STATUS[err.code]).send({ error: { code: err.code, message: err.message, details: err.details } } satisfies ErrorBody);
    return;
  }
  // A statement cancelled by the statement timeout (its transaction rolled back) or no free connection
  // in time: the server is overloaded or a lock is held long. A 503 the client may retry, never a hang.
  if (err instanceof DatabaseTimeoutError) {
    req.log.warn(err);
    const seconds = (err.limitMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
    void reply
      .code(503)
      .header('retry-after', '5')
      .send({
        error: {
          code: 'database_timeout',
          message:
            err.reason === 'statement'
              ? `The database did not finish this request within ${seconds} s (it is busy, or another change holds what it needs): nothing was changed; try again in a few seconds.`
              : `Every database connection stayed busy for ${seconds} s (the server is overloaded): nothing was changed; try again in a few seconds.`,
        },
      } satisfies ErrorBody);
    return;
  }
  // The database server is down or restarting: a prompt 503 the client may retry, never a 500 or a hang.
  if (isConnectionError(err)) {
    req.log.warn(err);
    void reply
      .code(503)
      .header('retry-after', '5')
      .send({
        error: {
          code: 'database_unavailable',
          message:
            'The database cannot be reached at the moment (it may be restarting): try again in a few seconds. Repeating a disbursement with the same ref is safe.',
        },
      } satisfies ErrorBody);
    return;
  }
  // Two requests creating the same thing at once: the database's unique index decides, the loser gets 409.
  if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) {
    void reply
      .code(409)
      .send({ error: { code: 'conflict', message: 'Another request created the same entry a moment ago: reload and check' } } satisfies ErrorBody);
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    req.log.error(err);
    void reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Internal error: the server logged it. Nothing partial was saved.' } } satisfies ErrorBody);
    return;
  }
  const code = status === 413 ? 'payload_too_large' : status === 404 ? 'not_found' : 'bad_request';
  void reply.code(status).send({ error: { code, message: err.message } } satisfies ErrorBody);
}
