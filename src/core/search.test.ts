import { describe, expect, it } from 'vitest';
import { likeContains, searchWords } from './search.ts';

describe('searchWords', () => {
  it('splits Thai text written without spaces into words', () => {
    expect(searchWords('โครงการพัฒนาเส้นทางท่องเที่ยว')).toEqual(['โครงการ', 'พัฒนา', 'เส้น', 'ทาง', 'ท่อง', 'เที่ยว']);
  });

  it('keeps Latin words and numbers, drops punctuation and spaces, and removes repeats', () => {
    expect(searchWords('hello world hello, ท่องเที่ยว 2559')).toEqual(['hello', 'world', 'ท่อง', 'เที่ยว', '2559']);
    expect(searchWords('  ,.; ')).toEqual([]);
    expect(searchWords('')).toEqual([]);
  });
});

describe('likeContains', () => {
  it('escapes LIKE metacharacters', () => {
    expect(likeContains('ลำไย')).toBe('%ลำไย%');
    expect(likeContains('50%_x\\y')).toBe('%50\\%\\_x\\\\y%');
  });
});
