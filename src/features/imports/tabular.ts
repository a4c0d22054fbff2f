/**
 * Reads a CSV (UTF-8, with or without BOM) or XLSX file into rows of text cells keyed by
 * header. Row numbers are those a person sees in the file: the header is row 1.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
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

const isXlsx = (name: string, data: Buffer) => /\.xlsx$/i.test(name) || (data[0] === 0x50 && data[1] === 0x4b);

export async function readTable(fileName: string, data: Buffer): Promise<Table> {
  return isXlsx(fileName, data) ? readXlsx(data) : readCsv(data);
}

function readCsv(data: Buffer): Table {
  assertNotOtherUnicode(data.subarray(0, 512));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('import_rejected', 'The file is not UTF-8 text: save the CSV as "CSV UTF-8" (or upload the XLSX)', {
      errors: [{ row: 1, field: 'file', message: 'not UTF-8' }],
    });
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // info.lines: the line a record ends on, so that row numbers are those a person sees in the file
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw new AppError('import_rejected', `The CSV cannot be read: ${(e as Error).message}`, {
      errors: [{ row: line, field: 'file', message: (e as Error).message }],
    });
  }
  return toTable(records.map((r) => ({ rowNumber: r.info.lines, cells: r.record })));
}

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
  const wb = new ExcelJS.Workbook();
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

function toTable(records: { rowNumber: number; cells: string[] }[]): Table {
  const [header, ...body] = records;
  if (!header)
    throw new AppError('import_rejected', 'The file is empty: it needs a header row and data rows', {
      errors: [{ row: 1, field: 'file', message: 'empty file' }],
    });
  const headers = header.cells.map((h) => h.trim());
  return {
    headers,
    rows: body.map((r) => ({
      row: r.rowNumber,
      cells: Object.fromEntries(headers.map((h, i) => [h, (r.cells[i] ?? '').trim()])),
    })),
  };
}
