/**
 * Where the meeting report's lines may break, for every format that lays out lines itself: Thai is
 * written without spaces between words, so the break opportunities are the word boundaries that
 * Intl.Segmenter finds (an opening bracket or quote kept with the word after it, closing punctuation
 * with the word before it, a number/year such as ๑๒/๒๕๕๘ whole). The PDF breaks its lines here (breakLines); the browser — the web
 * preview and the HTML format — is given the same units (breakUnits), each word unbreakable and a
 * <wbr> between adjacent words, so that it does not use its own Thai dictionary instead. The web
 * preview gets the units from the server (the report's layout), so that they are Node's, the PDF's.
 * Pure: no Node API (the web UI imports it).
 */
const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** The text cut at its break opportunities: words (with their glued punctuation) and runs of spaces, in order. */
export function wordUnits(text: string): string[] {
  const units: string[] = [];
  let glue = '';
  // after a slash between two words (๑๒/๒๕๕๘, 12/2558) the next word goes on in the same unit
  let slash = false;
  for (const { segment } of words.segment(text)) {
    const wasSlash = slash;
    slash = false;
    if (wasSlash && segment.trim() !== '') units[units.length - 1] += segment;
    else if (segment === '/' && units.length && !glue && units[units.length - 1]!.trim() !== '') {
      units[units.length - 1] += segment;
      slash = true;
    } else if (/^[(\[“"‘]$/.test(segment)) glue += segment;
    else if (/^[)\],.;:”’]$/.test(segment) && units.length && !glue) units[units.length - 1] += segment;
    else {
      units.push(glue + segment);
      glue = '';
    }
  }
  if (glue) units.push(glue);
  return units;
}

/** A unit as a browser is to lay it out: a space (breakable) or a word (never broken inside), and whether a <wbr> precedes it. */
export interface BreakUnit {
  text: string;
  space: boolean;
  wbr: boolean;
}

/**
 * The units of a paragraph for HTML: a <wbr> between two adjacent words, none around spaces (a space
 * is itself a break opportunity). Given the units the server cut (a browser's own Intl.Segmenter has
 * other ICU data: Chromium cuts "พ.ศ." in two where Node keeps it whole), or the text to cut here.
 */
export function breakUnits(text: string | readonly string[]): BreakUnit[] {
  const out: BreakUnit[] = [];
  for (const u of typeof text === 'string' ? wordUnits(text) : text) {
    const space = u.trim() === '';
    const prev = out[out.length - 1];
    out.push({ text: u, space, wbr: !space && !!prev && !prev.space });
  }
  return out;
}

/**
 * Breaks a paragraph into lines no wider than width at the units of wordUnits, measured by
 * measure(). A word wider than a line is broken by grapheme.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (const segment of wordUnits(text)) {
    if (measure(line + segment) <= width) {
      line += segment;
      continue;
    }
    if (segment.trim() === '') {
      push();
      continue;
    }
    push();
    if (measure(segment) <= width) line = segment;
    else {
      for (const { segment: g } of graphemes.segment(segment)) {
        if (measure(line + g) > width) push();
        line += g;
      }
    }
  }
  push();
  return lines;
}
