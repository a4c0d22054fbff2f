/**
 * HTTP under load: requests per second of a report endpoint (the ranking of the 18 clusters)
 * against the bare route of the same server (/api/health), with 100 concurrent clients on
 * loopback (autocannon), latency percentiles, and the server's memory (RSS) at rest and under
 * load. The server runs in its own process (bench/server.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import type { DatabaseChoice } from '../src/db/open.ts';
import { ROOT } from './lib/dataset.ts';
import { rssMiB, rssSampler, round, verdict } from './lib/measure.ts';
import { REPORT_AS_OF, REPORT_FY } from './reports.bench.ts';

export interface LoadFigures {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  rssUnderLoadMiB: number;
}

export interface HttpFigures {
  rssAtRestMiB: number;
  rssAfterLoadMiB: number;
  bare: LoadFigures;
  report: LoadFigures;
  reportVsBare: ReturnType<typeof verdict>;
}

async function load(url: string, pathName: string, token: string, seconds: number, pid: number): Promise<LoadFigures> {
  const rss = rssSampler(pid);
  const r = await autocannon({ url: `${url}${pathName}`, connections: 100, duration: seconds, headers: { authorization: `Bearer ${token}` } });
  const peak = rss.stop();
  return {
    path: pathName,
    connections: 100,
    seconds,
    requests: r.requests.total,
    requestsPerSecond: round(r.requests.average, 1),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    rssUnderLoadMiB: peak,
  };
}

export async function runHttpBenchmark(
  choice: DatabaseChoice,
  token: string,
  opts: { seconds: number; log: (s: string) => void },
): Promise<HttpFigures> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (choice.url) env.DATABASE_URL = choice.url;
  else env.PADME_DATA = choice.dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'server.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const report = `/api/v1/reports/ranking?fiscalYear=${REPORT_FY}&asOf=${REPORT_AS_OF}`;
    // One request each, then rest: the memory of a server that has answered.
    for (const p of ['/api/health', report]) await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 1000));
    const rssAtRestMiB = rssMiB(child.pid!);
    opts.log(`server RSS at rest: ${rssAtRestMiB} MiB`);
    const bare = await load(url, '/api/health', token, opts.seconds, child.pid!);
    opts.log(
      `bare route: ${bare.requestsPerSecond} req/s, p50 ${bare.latencyMs.p50} ms, p99 ${bare.latencyMs.p99} ms, errors ${bare.errors}, non-2xx ${bare.non2xx}`,
    );
    const rep = await load(url, report, token, opts.seconds, child.pid!);
    opts.log(
      `ranking: ${rep.requestsPerSecond} req/s, p50 ${rep.latencyMs.p50} ms, p90 ${rep.latencyMs.p90} ms, p99 ${rep.latencyMs.p99} ms, errors ${rep.errors}, non-2xx ${rep.non2xx}; RSS under load ${rep.rssUnderLoadMiB} MiB`,
    );
    const rssAfterLoadMiB = rssMiB(child.pid!);
    const reportVsBare = verdict(rep.requestsPerSecond / bare.requestsPerSecond, { atLeast: 0 });
    reportVsBare.aim = 'none (a figure)';
    return { rssAtRestMiB, rssAfterLoadMiB, bare, report: rep, reportVsBare };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
