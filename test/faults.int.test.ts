/**
 * A shortened run of the fault checks (scripts/faults, `npm run check:faults` for the full ones):
 * 10 clients for 3 s against a real `padme serve`, 2 kill -9 rounds during an import, and one
 * restart of a throwaway PostgreSQL server under load, which PADME must answer with clean 503s
 * and survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThrowawayPostgres } from '../scripts/faults/common.ts';
import { describeLoad, runLoad } from '../scripts/faults/load.ts';
import { describeKill, runKillRounds } from '../scripts/faults/kill.ts';
import { describeRestart, runPgRestart } from '../scripts/faults/pg-restart.ts';
import { noteSkip } from './support/env.ts';

const canRunPostgres = ThrowawayPostgres.findBin() !== null;

describe('fault checks, shortened', () => {
  let pgServer: ThrowawayPostgres | null = null;
  beforeAll(async () => {
    if (canRunPostgres) pgServer = await ThrowawayPostgres.start();
    else noteSkip('fault checks, shortened', 'PostgreSQL variants skipped: no PostgreSQL server binaries (apt-get install postgresql)');
  }, 60_000);
  afterAll(() => pgServer?.destroy());

  it('load on PGlite: 10 clients for 3 s, no errors, every acknowledged write there after a SIGKILL', async () => {
    const r = await runLoad('pglite', { clients: 10, durationMs: 3000, writeShare: 0.4, projects: 5, seed: 7 }, null);
    expect(r.ok, describeLoad(r)).toBe(true);
    expect(r.writesAcknowledged).toBeGreaterThan(0);
  }, 120_000);

  it('kill -9 during an import on PGlite, 2 rounds: reopens, whole file or none', async () => {
    const r = await runKillRounds('pglite', { rounds: 2, rows: 200, projects: 5, seed: 7 }, null);
    expect(r.ok, describeKill(r)).toBe(true);
  }, 180_000);

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
