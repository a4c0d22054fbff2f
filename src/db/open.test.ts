/** The PostgreSQL limits of padme serve and of the batch commands, from the environment. */
import { describe, expect, it } from 'vitest';
import { postgresLimits } from './open.ts';

describe('postgresLimits', () => {
  it('gives padme serve a 30 s statement timeout (answer timeout 5 s later) and batch commands none; 10 s for a connection', () => {
    expect(postgresLimits('serve', {})).toEqual({ statementTimeoutMs: 30_000, answerTimeoutMs: 35_000, poolTimeoutMs: 10_000, maxConnections: 10 });
    expect(postgresLimits('batch', {})).toEqual({ statementTimeoutMs: 0, answerTimeoutMs: 0, poolTimeoutMs: 10_000, maxConnections: 10 });
  });
  it('takes PADME_STATEMENT_TIMEOUT_MS (for serve only; 0: none) and PADME_POOL_TIMEOUT_MS', () => {
    const env = { PADME_STATEMENT_TIMEOUT_MS: '2500', PADME_POOL_TIMEOUT_MS: '750' };
    expect(postgresLimits('serve', env)).toMatchObject({ statementTimeoutMs: 2500, answerTimeoutMs: 7500, poolTimeoutMs: 750 });
    expect(postgresLimits('batch', env)).toMatchObject({ statementTimeoutMs: 0, answerTimeoutMs: 0, poolTimeoutMs: 750 });
    expect(postgresLimits('serve', { PADME_STATEMENT_TIMEOUT_MS: '0' })).toMatchObject({ statementTimeoutMs: 0, answerTimeoutMs: 0 });
  });
  it('refuses a value that is not a whole number of milliseconds', () => {
    expect(() => postgresLimits('serve', { PADME_STATEMENT_TIMEOUT_MS: '30s' })).toThrow(
      'PADME_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (0: no limit), not "30s"',
    );
    expect(() => postgresLimits('batch', { PADME_POOL_TIMEOUT_MS: '-1' })).toThrow(
      'PADME_POOL_TIMEOUT_MS must be a whole number of milliseconds (0: no limit), not "-1"',
    );
  });
});
