import { compareRatios } from '../../core/percent.ts';

export interface Rankable {
  allocated: bigint;
  disbursed: bigint;
}

/**
 * Ranks by the exact ratio disbursed/allocated, highest first. Equal ratios share a rank
 * (1, 2, 2, 4); entries with no allocation come last, unranked (rank null).
 */
export function rankByDisbursement<T extends Rankable>(entries: T[]): (T & { rank: number | null })[] {
  const sorted = entries.filter((e) => e.allocated > 0n).sort((a, b) => compareRatios(b.disbursed, b.allocated, a.disbursed, a.allocated));
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((e, i) => {
    const prev = ranked[i - 1];
    const tied = prev && compareRatios(prev.disbursed, prev.allocated, e.disbursed, e.allocated) === 0;
    ranked.push({ ...e, rank: tied ? prev.rank : i + 1 });
  });
  const unranked = entries.filter((e) => e.allocated <= 0n).map((e) => ({ ...e, rank: null }));
  return [...ranked, ...unranked];
}
