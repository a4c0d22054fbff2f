import { describe, expect, it } from 'vitest';
import { pathOfNul } from './text.ts';

describe('pathOfNul', () => {
  it('names the path of the first string holding a NUL character', () => {
    expect(pathOfNul({ a: 'x', b: { c: 'y\u0000' } })).toBe('b.c');
    expect(pathOfNul(['a', '\u0000'])).toBe('1');
    expect(pathOfNul('a\u0000')).toBe('');
  });
  it('is null when there is none, Thai text and SQL metacharacters included', () => {
    expect(pathOfNul({ nameTh: "โครงการ '); DROP TABLE projects; --", n: 1, z: null })).toBeNull();
  });
});
