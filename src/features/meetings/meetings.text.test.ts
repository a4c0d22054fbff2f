import { describe, expect, it } from 'vitest';
import { introText, monthBE, venuesTh, weekdayTh } from './meetings.text.ts';
import { breakLines, breakUnits, wordUnits } from './meetings.lines.ts';
import { SEED, seedAsIntended } from './meetings.seed.ts';

describe('meeting report wording', () => {
  it("the weekday is the one the date has (Intl), not the seed's", () => {
    expect(weekdayTh('2016-01-02')).toBe('วันเสาร์');
    expect(weekdayTh('2016-01-06')).toBe('วันพุธ');
  });

  it('month and B.E. year, venues sharing a prefix', () => {
    expect(monthBE('2015-12', { thaiDigits: true })).toBe('ธันวาคม พ.ศ. ๒๕๕๘');
    expect(monthBE('2015-12', { thaiDigits: false })).toBe('ธันวาคม พ.ศ. 2558');
    expect(venuesTh(['ศาลากลางจังหวัดเชียงใหม่', 'ศาลากลางจังหวัดลำปาง', 'ศาลากลางจังหวัดลำพูน', 'ศาลากลางจังหวัดแม่ฮ่องสอน'])).toBe(
      'ศาลากลางจังหวัดเชียงใหม่ ลำปาง ลำพูน และแม่ฮ่องสอน',
    );
    expect(venuesTh(['ห้องประชุม ๑', 'ศาลากลางจังหวัดลำปาง'])).toBe('ห้องประชุม ๑ และศาลากลางจังหวัดลำปาง');
  });

  it('the intro without time, venues or purposes', () => {
    expect(
      introText(
        { date: '2018-01-10', startTime: null, venues: [], organizer: 'OSM', no: 1, year: 2561, month: '2017-12', purposes: [] },
        { thaiDigits: false },
      ),
    ).toBe('เมื่อวันพุธที่ 10 มกราคม 2561 ที่ผ่านมา OSM ได้จัดประชุมครั้งที่ 1/2561 ประจำเดือนธันวาคม พ.ศ. 2560');
  });

  it('each intended difference from the seed applies to exactly one place', () => {
    const diff = [...seedAsIntended()].length - [...SEED].length;
    expect(diff).toBe(-' บาท'.length + ' ๑'.length);
    expect(seedAsIntended()).toContain('เมื่อวันพุธที่ ๖ มกราคม ๒๕๕๙');
    expect(seedAsIntended()).not.toContain('๙๙.๖๐ บาท');
  });
});

describe('breakLines (PDF lines at Thai word boundaries)', () => {
  const byChars = (s: string) => [...s].length;
  it('breaks between Thai words, never inside one, and loses nothing but the spaces at breaks', () => {
    const text = 'ขณะนี้ได้มีการอนุมัติโครงการไปแล้ว จำนวน ๑๔ โครงการ';
    const lines = breakLines(text, 12, byChars);
    expect(lines).toEqual(['ขณะนี้ได้มี', 'การอนุมัติ', 'โครงการไป', 'แล้ว จำนวน', '๑๔ โครงการ']);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(lines.every((l) => byChars(l) <= 12)).toBe(true);
  });
  it('brackets and commas stay with their words', () => {
    expect(breakLines('สำคัญ (ลำไย, กระเทียม)', 9, byChars)).toEqual(['สำคัญ', '(ลำไย,', 'กระเทียม)']);
  });
  it('a meeting number with its year stays whole (๑๒/๒๕๕๘), a slash after a space is a word of its own', () => {
    expect(breakLines('การประชุม ครั้งที่ ๑๒/๒๕๕๘ และ 12/2558', 12, byChars)).toEqual(['การประชุม', 'ครั้งที่', '๑๒/๒๕๕๘ และ', '12/2558']);
    expect(wordUnits('ก / ข')).toEqual(['ก', ' ', '/', ' ', 'ข']);
  });
  it('a word longer than a line is broken by grapheme (a mark stays with its letter)', () => {
    expect(breakLines('ประชาสัมพันธ์', 4, byChars)).toEqual(['ประช', 'าสัม', 'พัน', 'ธ์']);
  });
});

describe('breakUnits (the browser breaks where the PDF may)', () => {
  it('words with their punctuation, spaces apart, a <wbr> only between adjacent words', () => {
    expect(breakUnits('ได้มีการ (ลำไย, กระเทียม)')).toEqual([
      { text: 'ได้', space: false, wbr: false },
      { text: 'มี', space: false, wbr: true },
      { text: 'การ', space: false, wbr: true },
      { text: ' ', space: true, wbr: false },
      { text: '(ลำไย,', space: false, wbr: false },
      { text: ' ', space: true, wbr: false },
      { text: 'กระเทียม)', space: false, wbr: false },
    ]);
  });
});
