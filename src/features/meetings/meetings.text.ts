/**
 * The meeting report's wording and its plain-text layout, the seed's: the intro paragraph, a
 * heading per division, ❖ topics and "- " items, a blank line between paragraphs. The weekday is
 * derived from the date through Intl, never typed.
 */
import type { IsoDate } from '../../core/dates.ts';
import { thaiDate, thaiInteger, withDigits, type ThaiStyle } from '../../core/thai.ts';
import type { Division, MeetingReport } from './meetings.schema.ts';

const locale = (s: ThaiStyle) => (s.thaiDigits ? 'th-TH-u-ca-buddhist-nu-thai' : 'th-TH-u-ca-buddhist-nu-latn');

/** "วันพุธ", from the date through Intl. */
export function weekdayTh(date: IsoDate): string {
  return new Intl.DateTimeFormat('th-TH', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** "ธันวาคม พ.ศ. ๒๕๕๘" of a month YYYY-MM. */
export function monthBE(month: string, style: ThaiStyle): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  const name = new Intl.DateTimeFormat(locale(style), { month: 'long', timeZone: 'UTC' }).format(d);
  const year = new Intl.DateTimeFormat(locale(style), { year: 'numeric', timeZone: 'UTC' }).format(d).replace(/^พ\.ศ\.\s*/, '');
  return `${name} พ.ศ. ${year}`;
}

/** Venues sharing a prefix ("ศาลากลางจังหวัด…") are written once with it: "ศาลากลางจังหวัดเชียงใหม่ ลำปาง ลำพูน และแม่ฮ่องสอน". */
export function venuesTh(venues: readonly string[]): string {
  if (venues.length <= 1) return venues[0] ?? '';
  for (const prefix of ['ศาลากลางจังหวัด', 'จังหวัด']) {
    if (venues.every((v) => v.startsWith(prefix) && v.length > prefix.length)) {
      const rest = venues.map((v) => v.slice(prefix.length));
      return `${prefix}${rest.slice(0, -1).join(' ')} และ${rest[rest.length - 1]}`;
    }
  }
  return `${venues.slice(0, -1).join(', ')} และ${venues[venues.length - 1]}`;
}

/**
 * The division headings. The strategy development division of a cluster's OSM is headed as the seed
 * heads it ("กลุ่มงานพัฒนายุทธศาสตร์ กลุ่มจังหวัด"); the names are the glossary's.
 */
export function divisionHeading(d: Division, ownerKind: 'cluster' | 'province'): string {
  if (d === 'strategy') return ownerKind === 'cluster' ? 'กลุ่มงานพัฒนายุทธศาสตร์ กลุ่มจังหวัด' : 'กลุ่มงานพัฒนายุทธศาสตร์';
  return d === 'monitoring' ? 'กลุ่มติดตามและประเมินผล' : 'ฝ่ายบริหารทั่วไป';
}

export interface IntroFacts {
  date: IsoDate;
  startTime: string | null;
  venues: string[];
  organizer: string;
  no: number;
  year: number;
  month: string;
  purposes: string[];
}

/**
 * "เมื่อวันพุธที่ ๖ มกราคม ๒๕๕๙ ที่ผ่านมา เวลา ๐๙.๐๐ น. ณ ศาลากลางจังหวัด… <organizer> ได้จัดประชุมครั้งที่ ๑๒/๒๕๕๘
 * ประจำเดือนธันวาคม พ.ศ. ๒๕๕๘ เพื่อ<purposes joined by spaces>".
 */
export function introText(m: IntroFacts, style: ThaiStyle): string {
  let s = `เมื่อ${weekdayTh(m.date)}ที่ ${thaiDate(m.date, style)} ที่ผ่านมา`;
  if (m.startTime) s += ` เวลา ${withDigits(m.startTime.replace(':', '.'), style)} น.`;
  if (m.venues.length) s += ` ณ ${withDigits(venuesTh(m.venues), style)}`;
  s += ` ${withDigits(m.organizer, style)} ได้จัดประชุมครั้งที่ ${thaiInteger(m.no, style)}/${thaiInteger(m.year, style)} ประจำเดือน${monthBE(m.month, style)}`;
  if (m.purposes.length) s += ` เพื่อ${withDigits(m.purposes.join(' '), style)}`;
  return s;
}

/** "การประชุมครั้งที่ ๑๒/๒๕๕๘ ประจำเดือนธันวาคม พ.ศ. ๒๕๕๘" */
export function titleText(m: Pick<IntroFacts, 'no' | 'year' | 'month'>, style: ThaiStyle): string {
  return `การประชุมครั้งที่ ${thaiInteger(m.no, style)}/${thaiInteger(m.year, style)} ประจำเดือน${monthBE(m.month, style)}`;
}

/** The paragraphs of the report in order, as the text, HTML, DOCX and PDF print them. */
export type Paragraph = { kind: 'intro' | 'heading' | 'topic' | 'item'; text: string };

export function paragraphs(r: MeetingReport): Paragraph[] {
  const out: Paragraph[] = [{ kind: 'intro', text: r.intro }];
  for (const d of r.divisions) {
    out.push({ kind: 'heading', text: d.heading });
    for (const t of d.topics) {
      out.push({ kind: 'topic', text: `❖ ${t.topic}` });
      for (const item of t.items) for (const s of item.sentences) out.push({ kind: 'item', text: `- ${s}` });
    }
  }
  return out;
}

/** The plain text: paragraphs separated by a blank line. */
export function reportText(r: MeetingReport): string {
  return `${paragraphs(r)
    .map((p) => p.text)
    .join('\n\n')}\n`;
}
