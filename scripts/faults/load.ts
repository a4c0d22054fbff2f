/**
 * Load: N concurrent clients read and write over HTTP (loopback) against a real `padme serve`
 * for D seconds. Every answer must be a success; afterwards the server is killed (SIGKILL, so
 * that only what was made durable counts) and the database reopened: every acknowledged
 * disbursement is there with its amount, and nothing else (count and sum).
 */
import {
  FISCAL_YEAR,
  HttpClient,
  baht,
  entriesWithPrefix,
  loopbackOf,
  newTarget,
  rng,
  seed,
  startServe,
  withReopened,
  type DbKind,
  type ThrowawayPostgres,
} from './common.ts';

export interface LoadOptions {
  clients: number;
  durationMs: number;
  /** Share of requests that write (0..1). */
  writeShare: number;
  projects: number;
  seed: number;
  /** How long a client waits for an answer before it counts the request as failed. */
  timeoutMs: number;
}

export interface LoadResult {
  kind: DbKind;
  clients: number;
  seconds: number;
  requests: number;
  reads: number;
  writesSent: number;
  writesAcknowledged: number;
  acknowledgedSum: bigint;
  /** What the database holds afterwards for the load's refs. */
  stored: number;
  storedSum: bigint;
  missing: string[];
  unexpected: string[];
  wrongAmount: string[];
  errors: { status: number; path: string; body: string }[];
  latency: { p50: number; p95: number; p99: number; max: number };
  reopenMs: number;
  ok: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(kind: DbKind, opts: LoadOptions, pgServer: ThrowawayPostgres | null): Promise<LoadResult> {
  const target = await newTarget(kind, `load_${kind}`, pgServer);
  try {
    const { codes, tokens } = await seed(target.choice, 'LOAD', opts.projects, opts.clients);
    const server = await startServe(target);
    const acknowledged = new Map<string, bigint>();
    const errors: LoadResult['errors'] = [];
    const latencies: number[] = [];
    let requests = 0;
    let reads = 0;
    let writesSent = 0;
    const started = Date.now();
    const endAt = started + opts.durationMs;

    const runClient = async (i: number) => {
      const random = rng(opts.seed * 1000 + i);
      const client = new HttpClient(server.url, tokens[i]!, loopbackOf(i));
      let seq = 0;
      try {
        while (Date.now() < endAt) {
          const code = codes[Math.floor(random() * codes.length)]!;
          const r = random();
          let path: string;
          let reply;
          if (r < opts.writeShare) {
            const ref = `LD-${i}-${++seq}`;
            const amount = BigInt(1 + Math.floor(random() * 9_999_999)); // 0.01 .. 99,999.99 baht
            const day = 1 + Math.floor(random() * 28);
            path = `/api/v1/projects/${code}/disbursements`;
            writesSent++;
            reply = await client.request(
              'POST',
              path,
              { date: `2026-01-${String(day).padStart(2, '0')}`, amount: baht(amount), ref },
              opts.timeoutMs,
            );
            if (reply.status === 201 || reply.status === 200) acknowledged.set(ref, amount);
          } else {
            // Reads: a project's ledger 35 %, the disbursement report 25 %, the ranking 25 %, the dashboard 15 %.
            const which = random();
            path =
              which < 0.35
                ? `/api/v1/projects/${code}/ledger`
                : which < 0.6
                  ? `/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=${FISCAL_YEAR}&asOf=2026-01-31`
                  : which < 0.85
                    ? `/api/v1/reports/ranking?fiscalYear=${FISCAL_YEAR}&asOf=2026-01-31`
                    : `/api/v1/reports/dashboard?owner=upper-north-1&fiscalYear=${FISCAL_YEAR}&asOf=2026-01-31`;
            reads++;
            reply = await client.request('GET', path, undefined, opts.timeoutMs);
          }
          requests++;
          latencies.push(reply.ms);
          if (reply.status < 200 || reply.status >= 300) errors.push({ status: reply.status, path, body: reply.body.slice(0, 300) });
        }
      } finally {
        client.close();
      }
    };
    await Promise.all(Array.from({ length: opts.clients }, (_, i) => runClient(i)));
    const seconds = (Date.now() - started) / 1000;
    const serverAlive = server.alive();
    // A crash, not a clean stop: what was acknowledged must have been made durable.
    await server.stop('SIGKILL');

    const { value: stored, openMs } = await withReopened(target.choice, (db) => entriesWithPrefix(db, 'LD-'));
    const missing = [...acknowledged.keys()].filter((ref) => !stored.has(ref));
    const wrongAmount = [...acknowledged].filter(([ref, a]) => stored.has(ref) && stored.get(ref) !== a).map(([ref]) => ref);
    const unexpected = [...stored.keys()].filter((ref) => !acknowledged.has(ref));
    const acknowledgedSum = [...acknowledged.values()].reduce((a, b) => a + b, 0n);
    const storedSum = [...stored.values()].reduce((a, b) => a + b, 0n);
    if (!serverAlive) errors.push({ status: 0, path: '(server)', body: `padme serve died during the load:\n${server.output().slice(-2000)}` });
    latencies.sort((a, b) => a - b);
    return {
      kind,
      clients: opts.clients,
      seconds,
      requests,
      reads,
      writesSent,
      writesAcknowledged: acknowledged.size,
      acknowledgedSum,
      stored: stored.size,
      storedSum,
      missing,
      unexpected,
      wrongAmount,
      errors,
      latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 },
      reopenMs: openMs,
      ok:
        errors.length === 0 &&
        missing.length === 0 &&
        unexpected.length === 0 &&
        wrongAmount.length === 0 &&
        stored.size === acknowledged.size &&
        storedSum === acknowledgedSum &&
        writesSent === acknowledged.size &&
        requests > 0,
    };
  } finally {
    target.cleanup();
  }
}

export function describeLoad(r: LoadResult): string {
  const lines = [
    `load [${r.kind}] ${r.ok ? 'PASS' : 'FAIL'}: ${r.clients} clients for ${r.seconds.toFixed(1)} s: ${r.requests} requests (${(r.requests / r.seconds).toFixed(0)}/s; ${r.reads} reads, ${r.writesSent} writes), ${r.errors.length} errors`,
    `  acknowledged writes ${r.writesAcknowledged}, sum ${baht(r.acknowledgedSum)} baht; after SIGKILL and reopening (${r.reopenMs.toFixed(0)} ms): ${r.stored} stored, sum ${baht(r.storedSum)} baht; missing ${r.missing.length}, unexpected ${r.unexpected.length}, wrong amount ${r.wrongAmount.length}`,
    `  latency ms: p50 ${r.latency.p50.toFixed(1)}, p95 ${r.latency.p95.toFixed(1)}, p99 ${r.latency.p99.toFixed(1)}, max ${r.latency.max.toFixed(1)}`,
  ];
  for (const e of r.errors.slice(0, 5)) lines.push(`  error ${e.status} ${e.path}: ${e.body}`);
  if (r.errors.length > 5) lines.push(`  … and ${r.errors.length - 5} more errors`);
  return lines.join('\n');
}
