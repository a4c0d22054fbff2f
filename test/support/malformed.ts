/**
 * A generator of broken import files (CSV and XLSX): wrong encodings, huge cells, formulas, zip
 * bombs, missing and doubled columns, repeated refs, impossible dates, NUL bytes, byte-order marks.
 * Each case says exactly how PADME must answer it; the well-formed variants (BOMs, line endings)
 * must be accepted. Rows are disbursements of the demo project UN1-2559-01.
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { RowError } from '../../src/core/errors.ts';

export const PAY_HEADER = ['project_code', 'date', 'amount', 'ref'];
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csv = (rows: string[][], eol = '\n') => rows.map((r) => r.map(cell).join(',')).join(eol) + eol;

/** TIS-620 (Windows-874 for Thai letters): U+0E01..U+0E5B are the bytes 0xA1..0xFB. */
export function tis620(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) return cp;
      if (cp >= 0x0e01 && cp <= 0x0e5b) return cp - 0x0e00 + 0xa0;
      throw new Error(`not in TIS-620: ${ch}`);
    }),
  );
}

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (order === 'le') return le;
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
  return be;
}

export function utf32le(text: string): Buffer {
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => b.writeUInt32LE(cp, i * 4));
  return b;
}

export async function xlsx(rows: ExcelJS.CellValue[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip of the given parts (deflated), with the sizes its directory declares overridable: a lying zip. */
export function zip(parts: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const deflated = zlib.deflateRawSync(p.data, { level: 9 });
    const crc = zlib.crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(deflated.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    central.push(cd, name);
    offset += 30 + name.length + deflated.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

/** A workbook whose sheet unpacks to `mb` megabytes of XML (blank cells), from a small file. */
export function zipBomb(mb: number, lie: boolean): Buffer {
  const open = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const close = '</sheetData></worksheet>';
  const filler = Buffer.alloc(mb * 1024 * 1024 - open.length - close.length, ' ');
  const sheet = Buffer.concat([Buffer.from(open), filler, Buffer.from(close)]);
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(lie ? { declaredSize: 1000 } : {}) },
  ]);
}

export interface MalformedCase {
  name: string;
  fileName: string;
  bytes: () => Buffer | Promise<Buffer>;
  /** The rejection (422 import_rejected): its message and its exact row errors. */
  message: string;
  errors: RowError[];
}

export interface WellFormedCase {
  name: string;
  fileName: string;
  bytes: () => Buffer | Promise<Buffer>;
  /** Rows a dry run accepts. */
  rows: number;
}

const P = 'UN1-2559-01';
const AMOUNT_HOW = 'is not an amount: use digits with up to 2 decimals, e.g. 1234.50 or 1,234.50';
const DATE_HOW = 'is not a date: use YYYY-MM-DD or d/m/yyyy in B.E.';
const NOT_UTF8 = 'The file is not UTF-8 text: save the CSV as "CSV UTF-8" (or upload the XLSX)';
const rejected = (errors: RowError[]) =>
  `The file was not imported: ${errors.length} error(s) in ${new Set(errors.map((e) => e.row)).size} row(s). Nothing was changed.`;
const file = (errors: RowError[]) => ({ errors, message: rejected(errors) });
const GOOD_ROWS = [PAY_HEADER, [P, '4/1/2559', '10.00', 'WF-1'], [P, '2016-01-05', '1,234.50', 'WF-2']];
const THAI_ROWS = [
  ['รหัสโครงการ', 'วันที่', 'จำนวนเงิน', 'เลขที่เอกสาร'],
  [P, '4/1/2559', '10', 'เลขที่ 1'],
];

export const MALFORMED: MalformedCase[] = [
  {
    name: 'TIS-620 (Windows-874) text',
    fileName: 'd.csv',
    bytes: () => tis620(csv(THAI_ROWS)),
    message: NOT_UTF8,
    errors: [{ row: 1, field: 'file', message: 'not UTF-8' }],
  },
  ...(
    [
      ['UTF-16LE with a BOM', () => utf16(csv(THAI_ROWS), 'le', true), 'UTF-16'],
      ['UTF-16BE with a BOM', () => utf16(csv(THAI_ROWS), 'be', true), 'UTF-16'],
      ['UTF-16LE without a BOM', () => utf16(csv(GOOD_ROWS), 'le', false), 'UTF-16'],
      ['UTF-16BE without a BOM', () => utf16(csv(GOOD_ROWS), 'be', false), 'UTF-16'],
      ['UTF-32LE with a BOM', () => utf32le(csv(THAI_ROWS)), 'UTF-32'],
    ] as const
  ).map(([name, bytes, enc]) => ({
    name,
    fileName: 'd.csv',
    bytes,
    message: `The file is ${enc} text: save the CSV as "CSV UTF-8" (or upload the XLSX)`,
    errors: [{ row: 1, field: 'file', message: `${enc}, not UTF-8` }],
  })),
  {
    name: 'bytes that are no text at all',
    fileName: 'd.csv',
    bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
    message: NOT_UTF8,
    errors: [{ row: 1, field: 'file', message: 'not UTF-8' }],
  },
  {
    name: 'huge cells (a million-digit amount, a long date, a 5,000-character ref, a long project code)',
    fileName: 'd.csv',
    bytes: () =>
      Buffer.from(
        csv([
          PAY_HEADER,
          [P, '2016-01-04', '9'.repeat(1_000_000), 'HC-1'],
          [P, '1'.repeat(100_000), '10', 'HC-2'],
          [P, '2016-01-04', '10', 'x'.repeat(5000)],
          ['P'.repeat(65), '2016-01-04', '10', 'HC-4'],
        ]),
      ),
    ...file([
      { row: 2, field: 'amount', message: `"${'9'.repeat(40)}… (1000000 characters)" ${AMOUNT_HOW}` },
      { row: 3, field: 'date', message: `${'1'.repeat(40)}… (100000 characters) ${DATE_HOW}` },
      { row: 4, field: 'ref', message: 'ref is longer than 100 characters' },
      { row: 5, field: 'project_code', message: 'project_code is longer than 64 characters' },
    ]),
  },
  {
    name: 'formulas in a CSV are text, not amounts',
    fileName: 'd.csv',
    bytes: () => Buffer.from(csv([PAY_HEADER, [P, '2016-01-04', '=1+1', 'FC-1'], [P, '2016-01-04', '=SUM(C2:C3)', 'FC-2']])),
    ...file([
      { row: 2, field: 'amount', message: `"=1+1" ${AMOUNT_HOW}` },
      { row: 3, field: 'amount', message: `"=SUM(C2:C3)" ${AMOUNT_HOW}` },
    ]),
  },
  {
    name: 'an XLSX formula without a saved result',
    fileName: 'd.xlsx',
    bytes: () => xlsx([PAY_HEADER, [P, '2016-01-04', { formula: '5*2' } as ExcelJS.CellValue, 'FX-1']]),
    message: 'The file was not imported: 1 cell(s) cannot be read. Nothing was changed.',
    errors: [
      { row: 2, field: 'amount', message: 'the formula =5*2 has no saved result: open the file in Excel and save it again, or paste the values' },
    ],
  },
  {
    name: 'an XLSX date cell beyond the calendar (a date format on 1e12)',
    fileName: 'd.xlsx',
    bytes: () =>
      xlsx([PAY_HEADER, [P, 1e12, 10, 'DX-1']], (ws) => {
        ws.getCell('B2').numFmt = 'yyyy-mm-dd';
      }),
    message: 'The file was not imported: 1 cell(s) cannot be read. Nothing was changed.',
    errors: [{ row: 2, field: 'date', message: 'a date cell whose value is not a real date' }],
  },
  {
    name: 'an XLSX formula whose result is an error',
    fileName: 'd.xlsx',
    bytes: () => xlsx([PAY_HEADER, [P, '2016-01-04', { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue, 'FE-1']]),
    ...file([{ row: 2, field: 'amount', message: `"#DIV/0!" ${AMOUNT_HOW}` }]),
  },
  {
    name: 'a zip bomb: a 1 MB workbook that unpacks to 150 MB',
    fileName: 'd.xlsx',
    bytes: () => zipBomb(150, false),
    message: 'The XLSX file unpacks to more than 100 MB: split it into smaller files, or save it as CSV',
    errors: [{ row: 1, field: 'file', message: 'unpacks to more than 100 MB' }],
  },
  {
    name: 'a zip bomb whose directory lies about the size',
    fileName: 'd.xlsx',
    bytes: () => zipBomb(150, true),
    message: 'The XLSX file unpacks to more than 100 MB: split it into smaller files, or save it as CSV',
    errors: [{ row: 1, field: 'file', message: 'unpacks to more than 100 MB' }],
  },
  {
    name: 'a zip without a central directory',
    fileName: 'd.xlsx',
    bytes: () => zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>') }]).subarray(0, 40),
    message: 'The XLSX file cannot be read: not a zip archive (no central directory)',
    errors: [{ row: 1, field: 'file', message: 'not a readable XLSX workbook' }],
  },
  {
    name: 'missing columns (Thai headers)',
    fileName: 'd.csv',
    bytes: () =>
      Buffer.from(
        csv([
          ['รหัสโครงการ', 'วันที่'],
          [P, '4/1/2559'],
        ]),
      ),
    message: 'The header row lacks: amount, ref',
    errors: [
      { row: 1, field: 'amount', message: 'missing column amount (or จำนวนเงิน)' },
      { row: 1, field: 'ref', message: 'missing column ref (or เลขที่เอกสาร)' },
    ],
  },
  {
    name: 'a semicolon-separated file',
    fileName: 'd.csv',
    bytes: () => Buffer.from(`project_code;date;amount;ref\n${P};2016-01-04;10;SC-1\n`),
    message: 'The header row lacks: project_code, date, amount, ref',
    errors: ['project_code', 'date', 'amount', 'ref'].map((f) => ({
      row: 1,
      field: f,
      message: `missing column ${f} (or ${{ project_code: 'รหัสโครงการ', date: 'วันที่', amount: 'จำนวนเงิน', ref: 'เลขที่เอกสาร' }[f]})`,
    })),
  },
  {
    name: 'a column given twice (the same header, and a header and its Thai alias)',
    fileName: 'd.csv',
    bytes: () =>
      Buffer.from(
        csv([
          [...PAY_HEADER, 'amount', 'เลขที่เอกสาร'],
          [P, '2016-01-04', '10', 'DC-1', '99', 'DC-9'],
        ]),
      ),
    message: 'The header row names a column twice: amount, ref',
    errors: [
      { row: 1, field: 'amount', message: 'columns 3 (amount) and 5 (amount) both give amount: keep one' },
      { row: 1, field: 'ref', message: 'columns 4 (ref) and 6 (เลขที่เอกสาร) both give ref: keep one' },
    ],
  },
  {
    name: 'a ref repeated within the file',
    fileName: 'd.csv',
    bytes: () => Buffer.from(csv([PAY_HEADER, [P, '2016-01-04', '10', 'DR-1'], [P, '2016-01-05', '20', 'DR-2'], [P, '2016-01-04', '10', 'DR-1']])),
    ...file([{ row: 4, field: 'ref', message: `${P} DR-1 appears already in row 2: a file names each entry once` }]),
  },
  {
    name: 'impossible dates',
    fileName: 'd.csv',
    bytes: () =>
      Buffer.from(
        csv([
          PAY_HEADER,
          [P, '31/2/2559', '10', 'ID-1'],
          [P, '29/2/2558', '10', 'ID-2'],
          [P, '0/1/2559', '10', 'ID-3'],
          [P, '1/13/2559', '10', 'ID-4'],
          [P, '๓๑/๔/๒๕๕๙', '10', 'ID-5'],
          [P, '2016-02-30', '10', 'ID-6'],
          [P, '31/2/2016', '10', 'ID-7'],
        ]),
      ),
    ...file([
      { row: 2, field: 'date', message: '31/2/2559 is not a real date' },
      { row: 3, field: 'date', message: '29/2/2558 is not a real date' },
      { row: 4, field: 'date', message: '0/1/2559 is not a real date' },
      { row: 5, field: 'date', message: '1/13/2559 is not a real date' },
      { row: 6, field: 'date', message: '31/4/2559 is not a real date' },
      { row: 7, field: 'date', message: '2016-02-30 is not a real date' },
      { row: 8, field: 'date', message: '31/2/2016: a d/m/yyyy date must have a Buddhist-Era year (e.g. 5/1/2559)' },
    ]),
  },
  {
    name: 'NUL bytes in cells',
    fileName: 'd.csv',
    bytes: () => Buffer.from(csv([PAY_HEADER, [P, '2016-01-04', '10', 'NU\u0000L-1'], [P, '2016-01-04\u0000', '10', 'NUL-2']])),
    ...file([
      { row: 2, field: 'ref', message: 'a NUL character (\\u0000) is not allowed' },
      { row: 3, field: 'date', message: 'a NUL character (\\u0000) is not allowed' },
    ]),
  },
  {
    name: 'a NUL byte in a header',
    fileName: 'd.csv',
    bytes: () =>
      Buffer.from(
        csv([
          ['project_code', 'date', 'amount', 'ref\u0000'],
          [P, '2016-01-04', '10', 'NH-1'],
        ]),
      ),
    message: 'The header row lacks: ref',
    errors: [{ row: 1, field: 'ref', message: 'missing column ref (or เลขที่เอกสาร)' }],
  },
  {
    name: 'an unclosed quote',
    fileName: 'd.csv',
    bytes: () => Buffer.from(`${PAY_HEADER.join(',')}\n${P},2016-01-04,10,"UQ-1\n${P},2016-01-05,10,UQ-2\n`),
    message: 'The CSV cannot be read: Quote Not Closed: the parsing is finished with an opening quote at line 3',
    errors: [{ row: 3, field: 'file', message: 'Quote Not Closed: the parsing is finished with an opening quote at line 3' }],
  },
  {
    name: 'a BOM and nothing else',
    fileName: 'd.csv',
    bytes: () => Buffer.from('\uFEFF'),
    message: 'The file is empty: it needs a header row and data rows',
    errors: [{ row: 1, field: 'file', message: 'empty file' }],
  },
];

export const WELL_FORMED: WellFormedCase[] = [
  { name: 'no BOM', fileName: 'd.csv', bytes: () => Buffer.from(csv(GOOD_ROWS)), rows: 2 },
  { name: 'a UTF-8 BOM', fileName: 'd.csv', bytes: () => Buffer.from(`\uFEFF${csv(GOOD_ROWS)}`), rows: 2 },
  { name: 'a UTF-8 BOM twice', fileName: 'd.csv', bytes: () => Buffer.from(`\uFEFF\uFEFF${csv(GOOD_ROWS)}`), rows: 2 },
  { name: 'a BOM and CRLF line ends', fileName: 'd.csv', bytes: () => Buffer.from(`\uFEFF${csv(GOOD_ROWS, '\r\n')}`), rows: 2 },
  { name: 'CR-only line ends', fileName: 'd.csv', bytes: () => Buffer.from(csv(GOOD_ROWS, '\r')), rows: 2 },
  {
    name: 'Thai headers and Thai digits',
    fileName: 'd.csv',
    bytes: () => Buffer.from(csv([THAI_ROWS[0]!, [P, '๔/๑/๒๕๕๙', '๑,๒๓๔.๕๐', 'TD-1']])),
    rows: 1,
  },
  {
    name: 'an XLSX formula with its saved result',
    fileName: 'd.xlsx',
    bytes: () => xlsx([PAY_HEADER, [P, new Date(Date.UTC(2016, 0, 4)), { formula: '5*2', result: 10 } as ExcelJS.CellValue, 'FR-1']]),
    rows: 1,
  },
  {
    name: 'an XLSX whose data row is the last of the sheet (row 1,048,576)',
    fileName: 'd.xlsx',
    bytes: () =>
      xlsx([PAY_HEADER], (ws) => {
        ws.getRow(1_048_576).values = [P, '2016-01-04', 10, 'LR-1'];
      }),
    rows: 1,
  },
];
