/**
 * The meeting report in print formats, each from the same paragraphs as the text:
 * - HTML: a printable A4 page in Sarabun, its lines breakable only where the PDF's may break (meetings.lines.ts);
 * - DOCX (docx): TH Sarabun New 16 pt with Sarabun as fallback, the complex-script font and size set
 *   (Thai is complex script), A4, official margins (top 2.5 cm, left 3 cm, right 2 cm, bottom 2 cm);
 * - PDF (pdfkit): Sarabun embedded from @expo-google-fonts/sarabun, lines broken at Thai word
 *   boundaries found by Intl.Segmenter (meetings.lines.ts) and measured with the font (pdfkit itself breaks only at
 *   spaces; no zero-width spaces are inserted, which would print as boxes);
 * - XLSX (exceljs): the paragraphs, and the tables of the computed blocks.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { paragraphs, reportText, type Paragraph as Para } from './meetings.text.ts';
import { breakLines, breakUnits, wordUnits } from './meetings.lines.ts';
import type { MeetingReport, MeetingReportOut } from './meetings.schema.ts';

const require = createRequire(import.meta.url);
export const SARABUN_REGULAR = require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf');
export const SARABUN_BOLD = require.resolve('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf');
/** Sarabun has no "❖" (U+2756): the topic mark is printed in Noto Sans Symbols 2. */
export const SYMBOLS = require.resolve('@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf');
const TOPIC_MARK = '❖ ';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The Sarabun faces as @font-face rules with the TTFs inlined, so that the page prints the same anywhere (read once). */
let fontFaces: string | null = null;
function sarabunFaces(): string {
  if (fontFaces) return fontFaces;
  const face = (file: string, weight: number) =>
    `@font-face { font-family: 'Sarabun'; font-weight: ${weight}; src: url(data:font/ttf;base64,${fs.readFileSync(file).toString('base64')}) format('truetype'); }`;
  fontFaces = `${face(SARABUN_REGULAR, 400)}\n${face(SARABUN_BOLD, 700)}`;
  return fontFaces;
}

/** A paragraph's text with its words unbreakable and a <wbr> between adjacent ones (meetings.lines.ts). */
const breakable = (text: string) =>
  breakUnits(text)
    .map((u) => (u.space ? esc(u.text) : `${u.wbr ? '<wbr>' : ''}<span class="w">${esc(u.text)}</span>`))
    .join('');

export function reportHtml(r: MeetingReport): string {
  const body = paragraphs(r)
    .map((p) => {
      if (p.kind === 'heading') return `<h2>${breakable(p.text)}</h2>`;
      if (p.kind === 'topic') return `<h3>${breakable(p.text)}</h3>`;
      return `<p class="${p.kind}">${breakable(p.text)}</p>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>${esc(r.title)}</title>
<style>
${sarabunFaces()}
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
body { font-family: Sarabun, 'TH Sarabun New', 'Laksaman', sans-serif; font-size: 16pt; line-height: 1.5; max-width: 16cm; margin: 2.5cm auto; color: #000; }
h2 { font-size: 16pt; font-weight: bold; margin: 1em 0 0.5em; }
h3 { font-size: 16pt; font-weight: bold; margin: 0.75em 0 0.25em; }
p { margin: 0 0 0.5em; }
p.intro { text-indent: 2.5cm; text-align: justify; }
p.item { padding-left: 1cm; }
.w { white-space: nowrap; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

// ---------------------------------------------------------------- DOCX

/** Twips of a length in cm, rounded (docx's own converter truncates: A4 would be 11905 wide, not 11906). */
const cm = (n: number) => Math.round((n * 1440) / 2.54);
const FONT = { ascii: 'TH Sarabun New', hAnsi: 'TH Sarabun New', cs: 'TH Sarabun New', eastAsia: 'TH Sarabun New' };

export async function reportDocx(r: MeetingReport): Promise<Buffer> {
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const run = (p: Para) =>
    new TextRun({
      text: p.text,
      font: FONT,
      size: 32,
      sizeComplexScript: 32,
      bold: p.kind === 'heading' || p.kind === 'topic',
      boldComplexScript: p.kind === 'heading' || p.kind === 'topic',
    });
  const doc = new Document({
    creator: 'PADME',
    title: r.title,
    styles: { default: { document: { run: { font: FONT, size: 32, sizeComplexScript: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: cm(21), height: cm(29.7) },
            margin: { top: cm(2.5), left: cm(3), right: cm(2), bottom: cm(2) },
          },
        },
        children: paragraphs(r).map(
          (p) =>
            new Paragraph({
              children: [run(p)],
              alignment: p.kind === 'intro' ? AlignmentType.THAI_DISTRIBUTE : AlignmentType.LEFT,
              indent: p.kind === 'intro' ? { firstLine: cm(2.5) } : p.kind === 'item' ? { left: cm(1) } : undefined,
              spacing: { after: 120 },
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------- PDF

const PT_PER_CM = 72 / 2.54;
export async function reportPdf(r: MeetingReport): Promise<Buffer> {
  return (await reportPdfLines(r)).pdf;
}

/** The PDF and the text of each line it prints, in order (a topic's line with its "❖ "): what a text extractor should read back. */
export async function reportPdfLines(r: MeetingReport): Promise<{ pdf: Buffer; lines: string[] }> {
  const printed: string[] = [];
  const margins = { top: 2.5 * PT_PER_CM, left: 3 * PT_PER_CM, right: 2 * PT_PER_CM, bottom: 2 * PT_PER_CM };
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins, info: { Title: r.title, Creator: 'PADME' } });
  doc.registerFont('regular', SARABUN_REGULAR);
  doc.registerFont('bold', SARABUN_BOLD);
  doc.registerFont('symbols', SYMBOLS);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const size = 16;
  const lineHeight = size * 1.45;
  const width = doc.page.width - margins.left - margins.right;
  // The mark's font has another ascender: its top is moved so that both share the baseline (pdftotext then keeps them on one line).
  const ascender = (font: string) => (doc.font(font) as unknown as { _font: { ascender: number } })._font.ascender;
  const markShift = ((ascender('bold') - ascender('symbols')) / 1000) * size;
  let y = margins.top;
  for (const p of paragraphs(r)) {
    // A topic: "❖" in the symbols font, then its text in bold Sarabun beside it.
    const mark = p.kind === 'topic' && p.text.startsWith(TOPIC_MARK);
    const text = mark ? p.text.slice(TOPIC_MARK.length) : p.text;
    const markWidth = mark ? doc.font('symbols').fontSize(size).widthOfString(TOPIC_MARK) : 0;
    doc.font(p.kind === 'heading' || p.kind === 'topic' ? 'bold' : 'regular').fontSize(size);
    const indent = (p.kind === 'item' ? 1 * PT_PER_CM : 0) + markWidth;
    const first = p.kind === 'intro' ? 2.5 * PT_PER_CM : 0;
    const measure = (s: string) => doc.widthOfString(s);
    const lines = breakLines(text, width - indent - first, measure);
    // Lines after the first of an indented paragraph are as wide as the page allows.
    const rest = lines.length > 1 && first ? breakLines(text.slice(lines[0]!.length).trimStart(), width - indent, measure) : lines.slice(1);
    for (const [i, line] of [lines[0]!, ...rest].entries()) {
      if (y + lineHeight > doc.page.height - margins.bottom) {
        doc.addPage();
        y = margins.top;
      }
      printed.push(mark && i === 0 ? `${TOPIC_MARK}${line}` : line);
      if (mark && i === 0) {
        doc.font('symbols').text(TOPIC_MARK.trim(), margins.left, y + markShift, { lineBreak: false });
        doc.font('bold');
      }
      doc.text(line, margins.left + indent + (i === 0 ? first : 0), y, { lineBreak: false });
      y += lineHeight;
    }
    y += size * 0.5;
  }
  doc.end();
  return { pdf: await done, lines: printed };
}

// ---------------------------------------------------------------- XLSX

type Figures = Record<string, unknown>;
const blocksOf = (r: MeetingReport, kind: string) => r.divisions.flatMap((d) => d.topics.flatMap((t) => t.items.filter((i) => i.kind === kind)));

export async function reportXlsx(r: MeetingReport): Promise<Buffer> {
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PADME';
  const text = wb.addWorksheet('รายงาน');
  text.columns = [{ header: r.title, key: 'text', width: 150 }];
  for (const p of paragraphs(r)) text.addRow({ text: p.text });

  const money = '#,##0.00';
  const disb = wb.addWorksheet('การเบิกจ่าย');
  disb.columns = [
    { header: 'fiscalYear', key: 'fiscalYear', width: 12 },
    { header: 'asOf', key: 'asOf', width: 12 },
    { header: 'projectCount', key: 'projectCount', width: 12 },
    { header: 'completed', key: 'completed', width: 12 },
    { header: 'allocated', key: 'allocated', width: 18, style: { numFmt: money } },
    { header: 'disbursed', key: 'disbursed', width: 18, style: { numFmt: money } },
    { header: 'disbursedPercent', key: 'disbursedPercent', width: 16 },
    { header: 'remaining', key: 'remaining', width: 18, style: { numFmt: money } },
    { header: 'remainingPercent', key: 'remainingPercent', width: 16 },
    { header: 'rank', key: 'rank', width: 8 },
    { header: 'of', key: 'of', width: 8 },
  ];
  const num = (v: unknown) => (typeof v === 'string' ? Number(v) : v);
  for (const b of [...blocksOf(r, 'previousYear'), ...blocksOf(r, 'disbursement')]) {
    const f = b.figures as Figures;
    disb.addRow({
      ...f,
      allocated: num(f.allocated),
      disbursed: num(f.disbursed),
      remaining: f.remaining === undefined ? undefined : num(f.remaining),
      disbursedPercent: num(f.disbursedPercent),
      remainingPercent: f.remainingPercent === undefined ? undefined : num(f.remainingPercent),
    });
  }

  const rank = wb.addWorksheet('ลำดับ');
  rank.columns = [
    { header: 'fiscalYear', key: 'fiscalYear', width: 12 },
    { header: 'rank', key: 'rank', width: 8 },
    { header: 'owner', key: 'owner', width: 20 },
    { header: 'nameTh', key: 'nameTh', width: 40 },
    { header: 'allocated', key: 'allocated', width: 18, style: { numFmt: money } },
    { header: 'disbursed', key: 'disbursed', width: 18, style: { numFmt: money } },
    { header: 'disbursedPercent', key: 'disbursedPercent', width: 16 },
  ];
  for (const b of blocksOf(r, 'previousYear')) {
    const f = b.figures as Figures & { ranking: Figures[] };
    for (const e of f.ranking)
      rank.addRow({
        fiscalYear: f.fiscalYear,
        ...e,
        allocated: num(e.allocated),
        disbursed: num(e.disbursed),
        disbursedPercent: num(e.disbursedPercent),
      });
  }

  const approval = wb.addWorksheet('การอนุมัติโครงการ');
  approval.columns = [
    { header: 'fiscalYear', key: 'fiscalYear', width: 12 },
    { header: 'asOf', key: 'asOf', width: 12 },
    { header: 'approved', key: 'approved', width: 10 },
    { header: 'code', key: 'code', width: 16 },
    { header: 'nameTh', key: 'nameTh', width: 80 },
    { header: 'status', key: 'status', width: 12 },
  ];
  for (const b of blocksOf(r, 'approval')) {
    const f = b.figures as Figures & { pending: Figures[] };
    approval.addRow({ fiscalYear: f.fiscalYear, asOf: f.asOf, approved: f.approved });
    for (const p of f.pending) approval.addRow({ fiscalYear: f.fiscalYear, asOf: f.asOf, ...p });
  }

  const ind = wb.addWorksheet('ตัวชี้วัด');
  ind.columns = [
    { header: 'fiscalYear', key: 'fiscalYear', width: 12 },
    { header: 'status', key: 'status', width: 10 },
    { header: 'code', key: 'code', width: 10 },
    { header: 'nameTh', key: 'nameTh', width: 50 },
    { header: 'components', key: 'components', width: 30 },
    { header: 'weight', key: 'weight', width: 8 },
    { header: 'annualTarget', key: 'annualTarget', width: 14 },
    { header: 'unit', key: 'unit', width: 10 },
    { header: 'openChangeRequests', key: 'openChangeRequests', width: 60 },
  ];
  for (const b of blocksOf(r, 'indicators')) {
    const f = b.figures as Figures & { indicators: (Figures & { components: string[]; openChangeRequests: { reason: string }[] })[] };
    for (const l of f.indicators)
      ind.addRow({
        fiscalYear: f.fiscalYear,
        status: f.status,
        ...l,
        components: l.components.join(', '),
        openChangeRequests: l.openChangeRequests.map((c) => c.reason).join('; '),
      });
  }
  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as its JSON format gives it (API and CLI alike): with its layout, each paragraph cut where the PDF may break it. */
export const withLayout = (r: MeetingReport): MeetingReportOut => ({
  ...r,
  layout: paragraphs(r).map((p) => ({ ...p, units: wordUnits(p.text) })),
});

/** The report in a format: its bytes (or text) and media type. */
export async function renderReport(
  r: MeetingReport,
  format: 'json' | 'text' | 'html' | 'docx' | 'pdf' | 'xlsx',
): Promise<{ body: string | Buffer; type: string; ext: string }> {
  switch (format) {
    case 'json':
      return { body: `${JSON.stringify(withLayout(r), null, 2)}\n`, type: 'application/json; charset=utf-8', ext: 'json' };
    case 'text':
      return { body: reportText(r), type: 'text/plain; charset=utf-8', ext: 'txt' };
    case 'html':
      return { body: reportHtml(r), type: 'text/html; charset=utf-8', ext: 'html' };
    case 'docx':
      return { body: await reportDocx(r), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    case 'pdf':
      return { body: await reportPdf(r), type: 'application/pdf', ext: 'pdf' };
    case 'xlsx':
      return { body: await reportXlsx(r), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
  }
}
