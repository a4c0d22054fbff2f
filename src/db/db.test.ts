/** Which driver errors mean "the database server cannot be reached" (a 503), and which are a bad statement. */
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionError } from './db.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it('knows a refused, reset or lost connection, and a server shutting down or starting up', () => {
    for (const e of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('the database system is shutting down', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('Query read timeout'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
      new DatabaseUnavailableError(new Error('x')),
    ])
      expect(isConnectionError(e), e.message).toBe(true);
  });
  it('leaves statement errors alone', () => {
    for (const e of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('syntax error at or near "SELEC"', '42601'),
      // Timeouts are DatabaseTimeoutError (src/db/postgres.ts): a cancelled statement, a busy pool.
      withCode('canceling statement due to statement timeout', '57014'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Project X not found'),
      'a string',
      null,
    ])
      expect(isConnectionError(e)).toBe(false);
  });
});
