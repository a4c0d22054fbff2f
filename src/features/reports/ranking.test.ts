import { describe, expect, it } from 'vitest';
import { rankByDisbursement } from './ranking.ts';

const e = (id: string, disbursed: bigint, allocated: bigint) => ({ id, disbursed, allocated });
const summary = (rs: { id: string; rank: number | null }[]) => rs.map((r) => [r.id, r.rank]);

describe('rankByDisbursement', () => {
  it('ranks by the ratio, highest first', () => {
    expect(summary(rankByDisbursement([e('a', 10n, 100n), e('b', 90n, 100n), e('c', 50n, 100n)]))).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('equal ratios share a rank and the next rank skips: 1, 2, 2, 4', () => {
    expect(summary(rankByDisbursement([e('d', 1n, 10n), e('a', 9n, 10n), e('b', 5n, 10n), e('c', 50n, 100n)]))).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('ties are exact ratios (1/3 and 2/6), not rounded percentages', () => {
    const r = rankByDisbursement([e('third', 1n, 3n), e('twoSixths', 2n, 6n), e('almost', 100000n, 300001n), e('top', 1n, 1n)]);
    expect(summary(r)).toEqual([
      ['top', 1],
      ['third', 2],
      ['twoSixths', 2],
      ['almost', 4],
    ]);
  });

  it('entries with no allocation come last with rank null, in input order', () => {
    const r = rankByDisbursement([e('z1', 0n, 0n), e('a', 1n, 10n), e('z2', 0n, 0n), e('b', 0n, 10n)]);
    expect(summary(r)).toEqual([
      ['a', 1],
      ['b', 2],
      ['z1', null],
      ['z2', null],
    ]);
  });

  it('all tied at zero share rank 1', () => {
    expect(summary(rankByDisbursement([e('a', 0n, 5n), e('b', 0n, 7n), e('c', 0n, 9n)]))).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
  });

  it('keeps the other fields, does not mutate its input, and handles an empty list', () => {
    const input = [e('a', 1n, 2n)];
    const [r] = rankByDisbursement(input);
    expect(r).toEqual({ id: 'a', disbursed: 1n, allocated: 2n, rank: 1 });
    expect(input[0]).toEqual({ id: 'a', disbursed: 1n, allocated: 2n });
    expect(rankByDisbursement([])).toEqual([]);
  });

  it('distinguishes ratios beyond double precision', () => {
    const r = rankByDisbursement([e('low', 9007199254740992n, 9007199254740993n), e('high', 9007199254740993n, 9007199254740994n)]);
    expect(summary(r)).toEqual([
      ['high', 1],
      ['low', 2],
    ]);
  });

  it('an 18-cluster ranking puts the seed cluster 7th', () => {
    // 6 clusters above 72.32 %, 11 below.
    const above = Array.from({ length: 6 }, (_, i) => e(`above${i}`, BigInt(80 + i), 100n));
    const below = Array.from({ length: 11 }, (_, i) => e(`below${i}`, BigInt(10 + i), 100n));
    const r = rankByDisbursement([...below, e('upper-north-1', 20597381496n, 28481000000n), ...above]);
    expect(r).toHaveLength(18);
    expect(r.find((x) => x.id === 'upper-north-1')?.rank).toBe(7);
    expect(r.map((x) => x.rank)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });
});
