/**
 * The PostgreSQL server restarted under load, PADME left running: while the server is down every
 * request gets a prompt 503 with a clear JSON error (no crash, no hang beyond a bound), and once
 * it is back requests succeed again, with no restart of PADME. Acknowledged writes are all there.
 */
import {
  HttpClient,
  baht,
  entriesWithPrefix,
  loopbackOf,
  newTarget,
  rng,
  seed,
  sleep,
  startServe,
  withReopened,
  type ThrowawayPostgres,
} from './common.ts';

export interface RestartOptions {
  clients: number;
  /** Stop/start cycles; they alternate a fast shutdown (sessions terminated) and an immediate one (like a crash). */
  restarts: number;
  /** Load before the first stop, and after the last start. */
  upMs: number;
  /** How long the server stays down each time. */
  downMs: number;
  /** Longest any request may take. */
  boundMs: number;
  /** After a start, requests must all succeed from this long on. */
  recoveryMs: number;
  seed: number;
}

interface Sample {
  start: number;
  end: number;
  status: number;
  body: string;
  write?: { ref: string; amount: bigint };
}

interface Cycle {
  mode: 'fast' | 'immediate';
  stopAt: number;
  stoppedAt: number;
  startAt: number;
  startedAt: number;
  /** The first success after the start, in ms from startedAt. */
  firstSuccessMs: number | null;
  during: { requests: number; clean503: number };
}

export interface RestartResult {
  requests: number;
  successes: number;
  clean503: number;
  others: { status: number; body: string; ms: number }[];
  slowest: number;
  cycles: Cycle[];
  failedAfterRecovery: number;
  successWhileDown: number;
  writesAcknowledged: number;
  acknowledgedSum: bigint;
  stored: number;
  storedSum: bigint;
  missing: number;
  unacknowledgedStored: number;
  samePid: boolean;
  problems: string[];
  ok: boolean;
}

function isClean503(s: Sample): boolean {
  if (s.status !== 503) return false;
  try {
    const b = JSON.parse(s.body) as { error?: { code?: string; message?: string } };
    return b.error?.code === 'database_unavailable' && typeof b.error.message === 'string' && b.error.message.length > 10;
  } catch {
    return false;
  }
}

export async function runPgRestart(pgServer: ThrowawayPostgres, opts: RestartOptions, log: (s: string) => void = () => {}): Promise<RestartResult> {
  const target = await newTarget('postgres', 'restart', pgServer);
  const { codes, tokens } = await seed(target.choice, 'RST', 10, opts.clients);
  const server = await startServe(target);
  const pid = server.proc.pid;
  const samples: Sample[] = [];
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  let stop = false;

  const runClient = async (i: number) => {
    const random = rng(opts.seed * 1000 + i);
    const client = new HttpClient(server.url, tokens[i]!, loopbackOf(i));
    let seq = 0;
    try {
      while (!stop) {
        const code = codes[Math.floor(random() * codes.length)]!;
        const start = now();
        if (random() < 0.5) {
          const write = { ref: `RS-${i}-${++seq}`, amount: BigInt(1 + Math.floor(random() * 9_999_999)) };
          const r = await client.request(
            'POST',
            `/api/v1/projects/${code}/disbursements`,
            { date: '2026-01-15', amount: baht(write.amount), ref: write.ref },
            60_000,
          );
          samples.push({ start, end: now(), status: r.status, body: r.body.slice(0, 500), write });
        } else {
          const path = random() < 0.5 ? `/api/v1/projects/${code}/ledger` : '/api/v1/reports/ranking?fiscalYear=2569&asOf=2026-01-31';
          const r = await client.request('GET', path, undefined, 60_000);
          samples.push({ start, end: now(), status: r.status, body: r.body.slice(0, 500) });
        }
        // While the database is down the answers are immediate: do not spin.
        if (samples.at(-1)!.status !== 200 && samples.at(-1)!.status !== 201) await sleep(20);
      }
    } finally {
      client.close();
    }
  };

  const load = Promise.all(Array.from({ length: opts.clients }, (_, i) => runClient(i)));
  const cycles: Cycle[] = [];
  try {
    await sleep(opts.upMs);
    for (let c = 0; c < opts.restarts; c++) {
      const mode = c % 2 === 0 ? 'fast' : 'immediate';
      const stopAt = now();
      await pgServer.pgCtlStop(mode);
      const stoppedAt = now();
      log(`  restart ${c + 1}: PostgreSQL stopped (${mode}) in ${(stoppedAt - stopAt).toFixed(0)} ms`);
      await sleep(opts.downMs);
      const startAt = now();
      await pgServer.pgCtlStart();
      const startedAt = now();
      log(`  restart ${c + 1}: PostgreSQL started again in ${(startedAt - startAt).toFixed(0)} ms`);
      cycles.push({ mode, stopAt, stoppedAt, startAt, startedAt, firstSuccessMs: null, during: { requests: 0, clean503: 0 } });
      await sleep(c === opts.restarts - 1 ? opts.upMs : Math.max(opts.recoveryMs, opts.upMs / 2));
    }
  } finally {
    stop = true;
    await load;
  }
  const samePid = server.alive() && server.proc.pid === pid;
  await server.stop('SIGTERM');

  const problems: string[] = [];
  const ok2xx = (s: Sample) => s.status === 200 || s.status === 201;
  const others = samples.filter((s) => !ok2xx(s) && !isClean503(s));
  for (const s of others.slice(0, 5)) problems.push(`an answer neither a success nor a clean 503: ${s.status} ${s.body.slice(0, 200)}`);
  const slowest = Math.max(0, ...samples.map((s) => s.end - s.start));
  if (slowest > opts.boundMs) problems.push(`a request took ${slowest.toFixed(0)} ms (bound ${opts.boundMs} ms)`);
  if (!samePid) problems.push('padme serve did not survive');
  const firstStop = cycles[0]?.stopAt ?? Infinity;
  const failedBefore = samples.filter((s) => s.end < firstStop && !ok2xx(s)).length;
  if (failedBefore) problems.push(`${failedBefore} requests failed before the first stop`);
  let successWhileDown = 0;
  let failedAfterRecovery = 0;
  for (const [i, c] of cycles.entries()) {
    const down = samples.filter((s) => s.start >= c.stoppedAt && s.end <= c.startAt);
    c.during = { requests: down.length, clean503: down.filter(isClean503).length };
    successWhileDown += down.filter(ok2xx).length;
    if (down.length === 0) problems.push(`restart ${i + 1}: no request was made while the server was down`);
    const firstOk = samples.filter((s) => s.start >= c.startedAt && ok2xx(s)).sort((a, b) => a.end - b.end)[0];
    c.firstSuccessMs = firstOk ? firstOk.end - c.startedAt : null;
    if (!firstOk) problems.push(`restart ${i + 1}: no request succeeded after the server came back`);
    const nextStop = cycles[i + 1]?.stopAt ?? Infinity;
    const failed = samples.filter((s) => s.start >= c.startedAt + opts.recoveryMs && s.end < nextStop && !ok2xx(s));
    failedAfterRecovery += failed.length;
    if (failed.length)
      problems.push(
        `restart ${i + 1}: ${failed.length} requests failed more than ${opts.recoveryMs} ms after the start: ${failed[0]!.status} ${failed[0]!.body.slice(0, 200)}`,
      );
  }
  if (successWhileDown) problems.push(`${successWhileDown} requests succeeded while the server was down`);

  const acknowledged = new Map(samples.filter((s) => s.write && ok2xx(s)).map((s) => [s.write!.ref, s.write!.amount]));
  const { value: stored } = await withReopened(target.choice, (db) => entriesWithPrefix(db, 'RS-'));
  const missing = [...acknowledged].filter(([ref, a]) => stored.get(ref) !== a).length;
  const unacknowledgedStored = [...stored.keys()].filter((ref) => !acknowledged.has(ref)).length;
  if (missing) problems.push(`${missing} acknowledged writes missing or different`);
  const acknowledgedSum = [...acknowledged.values()].reduce((a, b) => a + b, 0n);
  const storedSum = [...stored.values()].reduce((a, b) => a + b, 0n);
  return {
    requests: samples.length,
    successes: samples.filter(ok2xx).length,
    clean503: samples.filter(isClean503).length,
    others: others.map((s) => ({ status: s.status, body: s.body.slice(0, 200), ms: s.end - s.start })),
    slowest,
    cycles,
    failedAfterRecovery,
    successWhileDown,
    writesAcknowledged: acknowledged.size,
    acknowledgedSum,
    stored: stored.size,
    storedSum,
    missing,
    unacknowledgedStored,
    samePid,
    problems,
    ok: problems.length === 0 && samples.length > 0,
  };
}

export function describeRestart(r: RestartResult): string {
  return [
    `PostgreSQL restart [postgres] ${r.ok ? 'PASS' : 'FAIL'}: ${r.cycles.length} restarts (${r.cycles.map((c) => c.mode).join(', ')}) under load, padme serve ${r.samePid ? 'still the same process' : 'DIED'}: ${r.requests} requests, ${r.successes} succeeded, ${r.clean503} clean 503 database_unavailable, ${r.others.length} other answers; slowest ${r.slowest.toFixed(0)} ms`,
    ...r.cycles.map(
      (c, i) =>
        `  restart ${i + 1} (${c.mode}): down ${((c.startAt - c.stoppedAt) / 1000).toFixed(1)} s, ${c.during.requests} requests while down, ${c.during.clean503} of them clean 503s; first success ${c.firstSuccessMs === null ? 'never' : `${c.firstSuccessMs.toFixed(0)} ms`} after the start`,
    ),
    `  acknowledged writes ${r.writesAcknowledged} (sum ${baht(r.acknowledgedSum)} baht), all stored: ${r.missing === 0 ? 'yes' : `NO, ${r.missing} missing`}; writes answered 503 yet stored (commit acknowledgement lost): ${r.unacknowledgedStored}`,
    ...r.problems.map((p) => `  problem: ${p}`),
  ].join('\n');
}
