import { expect, it } from 'vitest';
import { pushTo } from './collections.ts';

it('groups values by key in the order they come, one list per key', () => {
  const m = new Map<string, number[]>();
  for (const [k, v] of [['a', 1], ['b', 2], ['a', 3]] as const) pushTo(m, k, v);
  expect([...m]).toEqual([
    ['a', [1, 3]],
    ['b', [2]],
  ]);
});
