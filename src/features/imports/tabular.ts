/**
 * Reads a CSV (UTF-8, with or without BOM) or XLSX file into rows of text cells keyed by
 * header. Row numbers are those a person sees in the file: the header is row 1.
 */
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import { Parser } from 'csv-parse';
import { AppError, type RowError } from '../../core/errors.ts';
import { assertNotOtherUnicode, assertXlsxUnpackedSize } from './file-checks.ts';

export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

/** A file to import: its bytes, or its path (read as a stream, so that a large CSV is never whole in memory). */
export type TableSource = Buffer | { path: string };

/** A table read row by row: the header now, the rows as they are read. */
export interface TableStream {
  headers: string[];
  rows: AsyncIterable<TableRow>;
}

const notUtf8 = () =>
  new AppError('import_rejected', 'The file is not UTF-8 text: save the CSV as "CSV UTF-8" (or upload the XLSX)', {
    errors: [{ row: 1, field: 'file', message: 'not UTF-8' }],
  });

const unreadable = (e: unknown) => {
  const line = (e as { lines?: number }).lines ?? 1;
  return new AppError('import_rejected', `The CSV cannot be read: ${(e as Error).message}`, {
    errors: [{ row: line, field: 'file', message: (e as Error).message }],
  });
};

/** Decodes UTF-8 chunk by chunk, refusing the file at the first invalid byte. */
function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(notUtf8());
      }
    },
    flush(done) {
      try {
        const rest = decoder.decode();
        done(null, rest || undefined);
      } catch {
        done(notUtf8());
      }
    },
  });
}

/**
 * Opens a CSV or XLSX file as a stream of rows. A CSV is parsed as it is read (its memory does
 * not grow with its length); an XLSX workbook is read whole (exceljs), then given row by row.
 */
export async function openTable(fileName: string, source: TableSource): Promise<TableStream> {
  const head = Buffer.isBuffer(source) ? source.subarray(0, HEAD_BYTES) : await readHead(source.path);
  if (isXlsx(fileName, head)) {
    const table = await readXlsx(Buffer.isBuffer(source) ? source : await fs.promises.readFile(source.path));
    return {
      headers: table.headers,
      rows: (async function* () {
        yield* table.rows;
      })(),
    };
  }
  assertNotOtherUnicode(head);
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : fs.createReadStream(source.path, { highWaterMark: 1 << 20 });
  const decoded = input.pipe(utf8Decoder());
  input.on('error', (e: Error) => decoded.destroy(e));
  const parser = decoded.pipe(new NumberedCsvParser({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  decoded.on('error', (e) => parser.destroy(e));
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<NumberedRecord>;
  const next = async () => {
    try {
      return await it.next();
    } catch (e) {
      throw e instanceof AppError ? e : unreadable(e);
    }
  };
  const first = await next();
  if (first.done) throw emptyFile();
  const headers = first.value.record.map((h) => h.trim());
  return {
    headers,
    rows: (async function* () {
      for (let r = await next(); !r.done; r = await next()) yield rowOf(headers, r.value.line, r.value.record);
    })(),
  };
}

interface NumberedRecord {
  /** the file line on which the record ends (a quoted cell may span lines; empty lines are counted) */
  line: number;
  record: string[];
}

/**
 * csv-parse giving each record with its line number. csv-parse's own `info` option does the same,
 * but copies its whole info object for every record, which doubled the parse of a large file;
 * this reads the parser's live line count at the moment the record is pushed (the same number).
 */
class NumberedCsvParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : ({ line: this.info.lines, record: record as string[] } satisfies NumberedRecord), encoding);
  }
}

/** The first bytes of a file: enough to tell XLSX from CSV and UTF-16/32 from UTF-8. */
const HEAD_BYTES = 512;

async function readHead(path: string): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const isXlsx = (name: string, data: Buffer) => /\.xlsx$/i.test(name) || (data[0] === 0x50 && data[1] === 0x4b);

/** A cell that cannot be read as text: a formula whose result the file does not hold, a date beyond the calendar. */
class CellProblem extends Error {}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CellProblem('a date cell whose value is not a real date');
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value ? value.formula : `(shared with ${value.sharedFormula})`;
      if (value.result === undefined || value.result === null)
        throw new CellProblem(`the formula =${formula} has no saved result: open the file in Excel and save it again, or paste the values`);
    }
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  // Excel keeps 15 significant digits: 0.1*3 is 0.30000000000000004 in the file and 0.3 on screen.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return String(value).trim();
}

async function readXlsx(data: Buffer): Promise<Table> {
  assertXlsxUnpackedSize(data);
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('import_rejected', `The XLSX file cannot be read: ${(e as Error).message}`, {
      errors: [{ row: 1, field: 'file', message: 'not a readable XLSX workbook' }],
    });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('import_rejected', 'The workbook has no sheet', { errors: [{ row: 1, field: 'file', message: 'no sheet' }] });
  const records: { rowNumber: number; cells: string[] }[] = [];
  const problems: RowError[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      try {
        cells[col - 1] = cellText(cell.value);
      } catch (e) {
        if (!(e instanceof CellProblem)) throw e;
        const header = records[0]?.cells[col - 1]?.trim();
        problems.push({ row: rowNumber, field: header || `column ${cell.address.replace(/\d+$/, '')}`, message: e.message });
        cells[col - 1] = '';
      }
    });
    if (cells.some((c) => c && c.trim())) records.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  if (problems.length)
    throw new AppError('import_rejected', `The file was not imported: ${problems.length} cell(s) cannot be read. Nothing was changed.`, {
      errors: problems,
    });
  return toTable(records);
}

const emptyFile = () =>
  new AppError('import_rejected', 'The file is empty: it needs a header row and data rows', {
    errors: [{ row: 1, field: 'file', message: 'empty file' }],
  });

function rowOf(headers: string[], row: number, cells: string[]): TableRow {
  // no prototype: a header named __proto__ is a cell like any other
  const byHeader: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < headers.length; i++) byHeader[headers[i]!] = (cells[i] ?? '').trim();
  return { row, cells: byHeader };
}

function toTable(records: { rowNumber: number; cells: string[] }[]): Table {
  const [header, ...body] = records;
  if (!header) throw emptyFile();
  const headers = header.cells.map((h) => h.trim());
  return { headers, rows: body.map((r) => rowOf(headers, r.rowNumber, r.cells)) };
}
