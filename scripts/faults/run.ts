/**
 * `npm run check:faults`: the load and fault checks of PADME against real `padme` processes on
 * loopback, on PGlite and on a throwaway PostgreSQL server of its own (started and removed here).
 * Prints a PASS/FAIL line per check and exits non-zero when any fails.
 *
 *   npm run check:faults -- [--only load,kill,restart] [--db pglite,postgres]
 *                           [--clients 100] [--duration 60] [--timeout 120] [--rounds 20] [--rows 5000]
 *                           [--restart-clients 20] [--restarts 2] [--down 5] [--seed 1] [--json FILE]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ThrowawayPostgres, type DbKind } from './common.ts';
import { describeLoad, runLoad } from './load.ts';
import { describeKill, runKillRounds } from './kill.ts';
import { describeRestart, runPgRestart } from './pg-restart.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'load,kill,restart' },
    db: { type: 'string', default: 'pglite,postgres' },
    clients: { type: 'string', default: '100' },
    duration: { type: 'string', default: '60' },
    'write-share': { type: 'string', default: '0.4' },
    timeout: { type: 'string', default: '120' },
    rounds: { type: 'string', default: '20' },
    rows: { type: 'string', default: '5000' },
    'restart-clients': { type: 'string', default: '20' },
    restarts: { type: 'string', default: '2' },
    down: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    fs
      .readFileSync(new URL(import.meta.url), 'utf8')
      .split('*/')[0]!
      .replace(/^\/\*\*|^ \* ?/gm, '') + '\n',
  );
  process.exit(0);
}

const num = (name: keyof typeof values) => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
};
const only = new Set(values.only!.split(','));
const kinds = values.db!.split(',') as DbKind[];
for (const k of kinds) if (k !== 'pglite' && k !== 'postgres') throw new Error(`--db: pglite or postgres, not ${k}`);
const seedNo = num('seed');

const say = (s: string) => process.stdout.write(`${s}\n`);
const summary: { check: string; ok: boolean; text: string }[] = [];
const results: Record<string, unknown> = {};

let pgServer: ThrowawayPostgres | null = null;
const cleanup = () => {
  pgServer?.destroy();
  pgServer = null;
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });

async function main() {
  const started = Date.now();
  if (kinds.includes('postgres') || only.has('restart')) {
    pgServer = await ThrowawayPostgres.start();
    say(`[faults] throwaway PostgreSQL server on 127.0.0.1:${pgServer.port}`);
  }
  const record = (check: string, ok: boolean, text: string, data: unknown) => {
    summary.push({ check, ok, text });
    results[check] = data;
    say(text);
  };
  const guard = async (check: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      record(check, false, `${check} FAIL: ${(e as Error).stack ?? e}`, { error: String(e) });
    }
  };

  if (only.has('load'))
    for (const kind of kinds)
      await guard(`load [${kind}]`, async () => {
        say(`[faults] load [${kind}]: ${values.clients} clients for ${values.duration} s …`);
        const r = await runLoad(
          kind,
          {
            clients: num('clients'),
            durationMs: num('duration') * 1000,
            writeShare: num('write-share'),
            projects: 20,
            seed: seedNo,
            timeoutMs: num('timeout') * 1000,
          },
          pgServer,
        );
        record(`load [${kind}]`, r.ok, describeLoad(r), r);
      });
  if (only.has('kill'))
    for (const kind of kinds)
      await guard(`kill [${kind}]`, async () => {
        say(`[faults] kill -9 [${kind}]: ${values.rounds} rounds of a ${values.rows}-row import …`);
        const r = await runKillRounds(kind, { rounds: num('rounds'), rows: num('rows'), projects: 25, seed: seedNo }, pgServer, say);
        record(`kill [${kind}]`, r.ok, describeKill(r), r);
      });
  if (only.has('restart'))
    await guard('restart [postgres]', async () => {
      say(
        `[faults] PostgreSQL restarted under load: ${values['restart-clients']} clients, ${values.restarts} restarts, ${values.down} s down each …`,
      );
      const r = await runPgRestart(
        pgServer!,
        {
          clients: num('restart-clients'),
          restarts: num('restarts'),
          upMs: 5000,
          downMs: num('down') * 1000,
          boundMs: 10_000,
          recoveryMs: 5000,
          seed: seedNo,
        },
        say,
      );
      record('restart [postgres]', r.ok, describeRestart(r), r);
    });

  cleanup();
  if (values.json)
    fs.writeFileSync(
      values.json,
      JSON.stringify(results, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2),
    );
  say('');
  say(`Fault checks (${((Date.now() - started) / 1000).toFixed(0)} s):`);
  for (const s of summary) say(`  ${s.ok ? 'PASS' : 'FAIL'}  ${s.check}`);
  const failed = summary.filter((s) => !s.ok).length;
  say(`faults: ${summary.length - failed} passed, ${failed} failed`);
  process.exitCode = failed || summary.length === 0 ? 1 : 0;
}

main().catch((e) => {
  say(`[faults] ${(e as Error).stack ?? e}`);
  cleanup();
  process.exit(1);
});
