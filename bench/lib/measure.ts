/** Timing and memory helpers of the benchmarks. */
import fs from 'node:fs';

export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** CPU time (user + system) this process has used, in ms: not lengthened by other processes' load. */
export const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /**
   * The median CPU time of this process during a run: the work done here (HTTP client and server,
   * PADME, and on PGlite the database itself), whatever the load of the machine; on PostgreSQL the
   * server's own work is in its processes, not in this figure.
   */
  cpuMedianMs: number;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Times several functions in turns (a, b, c, a, b, c, …) so that the load of a shared machine
 * falls on each alike; every function runs `warmup` times first. fns[i] may be null (skipped).
 * A function with every > 1 runs only on every n-th turn (a slow baseline).
 */
export async function timeInTurns(
  fns: ({ fn: () => Promise<unknown>; every?: number } | null)[],
  runs: number,
  warmup = 1,
): Promise<(Timing | null)[]> {
  for (const f of fns) for (let i = 0; i < warmup; i++) await f?.fn();
  const ms: number[][] = fns.map(() => []);
  const cpu: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, f] of fns.entries()) {
      if (!f || r % (f.every ?? 1) !== 0) continue;
      const c = cpuNow();
      const t = now();
      await f.fn();
      ms[i]!.push(now() - t);
      cpu[i]!.push(cpuNow() - c);
    }
  }
  return ms.map((m, i) => (fns[i] ? summary(m, cpu[i]!) : null));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function summary(ms: number[], cpu: number[]): Timing {
  return {
    runs: ms.length,
    medianMs: round(median(ms)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
    cpuMedianMs: round(median(cpu)),
  };
}

/** Resident set size of a process in MiB (from /proc; this process's own elsewhere). */
export function rssMiB(pid: number = process.pid): number {
  if (pid === process.pid) return round(process.memoryUsage().rss / 1048576, 1);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** Samples a process's RSS every 50 ms until stopped; gives the peak. */
export function rssSampler(pid: number = process.pid): { stop(): number } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      /* the process ended */
    }
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** A figure against its limit: ratio and whether the aim is met. */
export function verdict(ratio: number, aim: { atMost?: number; atLeast?: number }): { ratio: number; aim: string; met: boolean } {
  const r = round(ratio, 3);
  if (aim.atMost !== undefined) return { ratio: r, aim: `<= ${aim.atMost}x`, met: r <= aim.atMost };
  return { ratio: r, aim: `>= ${aim.atLeast}x`, met: r >= aim.atLeast! };
}
