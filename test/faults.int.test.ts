/**
 * The quick part of the fault checks (scripts/faults; `npm run check:faults` runs them all): one
 * restart of a throwaway PostgreSQL server under load, which PADME must answer with clean 503s and
 * survive; and reports read under concurrent writes. The load and kill -9 checks stay out of
 * `npm test`: even shortened (10 clients for 3 s, 2 kill rounds) they took 50 s here, over its budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThrowawayPostgres } from '../scripts/faults/common.ts';
import { describeRestart, runPgRestart } from '../scripts/faults/pg-restart.ts';
import { noteSkip } from './support/env.ts';
import { describeEachDb } from './support/db.ts';
import { startServer, type TestServer } from './support/server.ts';
import { systemActor } from '../src/core/context.ts';
import { insertProject } from '../src/features/projects/project.service.ts';

const canRunPostgres = ThrowawayPostgres.findBin() !== null;

describe('fault checks, shortened', () => {
  let pgServer: ThrowawayPostgres | null = null;
  beforeAll(async () => {
    if (canRunPostgres) pgServer = await ThrowawayPostgres.start();
    else noteSkip('fault checks, shortened', 'PostgreSQL variants skipped: no PostgreSQL server binaries (apt-get install postgresql)');
  }, 60_000);
  afterAll(() => pgServer?.destroy());

  it.runIf(canRunPostgres)(
    'PostgreSQL restarted under load: clean 503s while down, successes after, PADME still running',
    async () => {
      const r = await runPgRestart(pgServer!, { clients: 5, restarts: 1, upMs: 1500, downMs: 1500, boundMs: 10_000, recoveryMs: 3000, seed: 7 });
      expect(r.ok, describeRestart(r)).toBe(true);
      expect(r.cycles[0]!.during.clean503).toBeGreaterThan(0);
    },
    120_000,
  );
});

describeEachDb('reports read while disbursements are written', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind);
    await s.db.transaction((tx) =>
      insertProject(
        tx,
        {
          code: 'SNAP-01',
          fiscalYear: 2569,
          owner: 'upper-north-1',
          nameTh: 'โครงการทดสอบ',
          budget: 1_000_000_00n,
          status: 'approved',
          statusDate: '2025-10-01',
        },
        systemActor('test'),
      ),
    );
  });
  afterAll(() => s.close());

  // The totals and their split by budget category are read by two queries: without one snapshot a
  // disbursement committed between them made the report fail its own check (a 500).
  it('the disbursement report and the dashboard agree with themselves under concurrent writes', async () => {
    const report = '/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2569&asOf=2026-01-31';
    const dash = '/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=2569&asOf=2026-01-31';
    const answers = await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        i % 3 === 0
          ? s.json('/api/v1/projects/SNAP-01/disbursements', {
              method: 'POST',
              body: JSON.stringify({ date: '2026-01-05', amount: '10.00', ref: `SN-${i}` }),
            })
          : s.json(i % 3 === 1 ? report : dash),
      ),
    );
    expect(answers.map((a) => a.status).filter((st) => st !== 200 && st !== 201)).toEqual([]);
    const final = await s.json<{ disbursed: string; byCategory: { disbursed: string }[] }>(report);
    expect(final.body.disbursed).toBe('300.00');
  });
});
