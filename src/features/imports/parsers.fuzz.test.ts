/**
 * Property-based fuzz (fast-check) of the parsers a file goes through: amounts, dates, CSV and
 * XLSX reading, and the whole import pipeline on a real (in-memory PGlite) database. Whatever the
 * input: no crash, either a value or a clear rejection naming row, field and reason, and a
 * rejected file changes nothing. Bounded (a few hundred runs, seeded) so that it stays quick.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, MAX_SATANG, parseAmount } from '../../core/money.ts';
import { isIsoDate, parseDate } from '../../core/dates.ts';
import { isAppError } from '../../core/errors.ts';
import { systemActor } from '../../core/context.ts';
import type { Db } from '../../db/db.ts';
import { freshDemoDb } from '../../../test/support/db.ts';
import { openTable } from './tabular.ts';
import { importFile } from './import.service.ts';

const SEED = 20261125;
const params = (numRuns: number) => ({ numRuns, seed: SEED });

/** What every rejection of a file must be: import_rejected, listing errors with a row, a field and a short reason. */
function expectCleanRejection(e: unknown): void {
  if (!(isAppError(e) && e.code === 'import_rejected')) throw e;
  expect(e.message.length).toBeGreaterThan(10);
  expect(e.message.length).toBeLessThan(500);
  const errors = (e.details as { errors: { row: number; field: string; message: string }[] }).errors;
  expect(errors.length).toBeGreaterThan(0);
  for (const r of errors) {
    expect(Number.isInteger(r.row) && r.row >= 1).toBe(true);
    expect(typeof r.field === 'string' && r.field.length > 0).toBe(true);
    expect(typeof r.message === 'string' && r.message.length > 0 && r.message.length <= 500).toBe(true);
  }
}

async function readsOrRejects(name: string, data: Buffer): Promise<void> {
  try {
    const table = await openTable(name, data);
    for await (const r of table.rows) expect(r.row).toBeGreaterThanOrEqual(2);
  } catch (e) {
    expectCleanRejection(e);
  }
}

const satang = fc.bigInt({ min: -MAX_SATANG, max: MAX_SATANG });
const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('parseAmount (fuzz)', () => {
  it('never throws, and anything it accepts is within the bigint range', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^-?[\d,.]{0,30}$/)), (s) => {
        const v = parseAmount(s);
        expect(v === null || (typeof v === 'bigint' && v <= MAX_SATANG && v >= -MAX_SATANG)).toBe(true);
      }),
      params(300),
    );
  });
  it('reads back what formatAmount writes, with or without thousands separators', () => {
    fc.assert(
      fc.property(satang, (v) => {
        const text = formatAmount(v);
        expect(parseAmount(text)).toBe(v);
        const [whole, fraction] = text.replace('-', '').split('.') as [string, string];
        expect(parseAmount(`${v < 0n ? '-' : ''}${group(whole)}.${fraction}`)).toBe(v);
      }),
      params(300),
    );
  });
});

describe('parseDate (fuzz)', () => {
  it('never throws; what it accepts is a real ISO date; what it refuses has a short message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/)), (s) => {
        const r = parseDate(s);
        if (r.ok) expect(isIsoDate(r.date)).toBe(true);
        else expect(r.message.length).toBeLessThan(200);
      }),
      params(300),
    );
  });
  it('reads real dates, ISO and Thai d/m/yyyy B.E., to the same day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2400, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseDate(iso)).toEqual({ ok: true, date: iso });
        const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
        expect(parseDate(`${day}/${m}/${y + 543}`)).toEqual({ ok: true, date: iso });
      }),
      params(300),
    );
  });
});

/** CSV-like text: cells from a nasty alphabet (quotes, separators, line ends, BOM, NUL, Thai, surrogates). */
const nastyCell = fc.string({
  unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', ';', '\t', '\uFEFF', '\u0000', 'ก', '๑', '-', '.', '/', '=', '\uD800', '😀'),
  maxLength: 12,
});
const csvText = fc
  .array(fc.array(nastyCell, { minLength: 1, maxLength: 6 }), { maxLength: 8 })
  .map((rows) => rows.map((r) => r.join(',')).join('\n'));

/** The data rows' numbers and cells as csv-parse gives them with its own `info` option: the reference for openTable's. */
async function rowsByInfo(data: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const out: { row: number; cells: string[] }[] = [];
  const parser = Readable.from([data]).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }));
  for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) out.push({ row: r.info.lines, cells: r.record });
  return out.slice(1);
}

async function rowsOfTable(data: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const table = await openTable('f.csv', data);
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of table.rows) rows.push({ row: r.row, cells: Object.values(r.cells) });
  return rows;
}

describe('openTable on CSV (fuzz)', () => {
  it('numbers rows as csv-parse info does: quoted cells over several lines, empty lines', async () => {
    const data = Buffer.from('a,b\n1,2\n\n\n"x\ny\nz",3\n  "q" , r \n\n"""s""",4');
    const rows = await rowsOfTable(data);
    expect(rows).toEqual([
      { row: 2, cells: ['1', '2'] },
      { row: 7, cells: ['x\ny\nz', '3'] },
      { row: 8, cells: ['q', 'r'] },
      { row: 10, cells: ['"s"', '4'] },
    ]);
    expect(rows.map((r) => r.row)).toEqual((await rowsByInfo(data)).map((r) => r.row));
  });
  it('numbers the rows of any CSV-like text as csv-parse info does', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => {
        const data = Buffer.from(`a,b,c\n${text}`);
        const expected = await rowsByInfo(data).catch(() => null);
        const rows = await rowsOfTable(data).catch(() => null);
        expect(rows === null).toBe(expected === null);
        if (rows && expected) expect(rows.map((r) => r.row)).toEqual(expected.map((r) => r.row));
      }),
      params(300),
    );
  });
  it('reads or rejects cleanly any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), (bytes) => readsOrRejects('f.csv', Buffer.from(bytes))),
      params(300),
    );
  });
  it('reads or rejects cleanly any CSV-like text, with or without a BOM', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.boolean(), (text, bom) => readsOrRejects('f.csv', Buffer.from(`${bom ? '\uFEFF' : ''}${text}`))),
      params(300),
    );
  });
});

const xlsxCell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
  fc
    .record({
      formula: fc.constantFrom('1+1', 'A1*2', 'SUM(A1:B2)'),
      result: fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { nil: undefined }),
    })
    .map((v) => v as ExcelJS.CellValue),
  fc.constantFrom('#DIV/0!', '#N/A', '#REF!').map((error) => ({ error }) as ExcelJS.CellValue),
  fc.string({ maxLength: 8 }).map((text) => ({ richText: [{ text }, { text: 'ข' }] }) as ExcelJS.CellValue),
);

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('openTable on XLSX (fuzz)', () => {
  it('reads or rejects cleanly workbooks of any cells (dates beyond the calendar, formulas with and without results, errors)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(xlsxCell, { maxLength: 5 }), { maxLength: 5 }), async (rows) => {
        let data: Buffer;
        try {
          data = await workbook([['project_code', 'date', 'amount', 'ref'], ...rows]);
        } catch {
          return; // a value exceljs itself cannot write: nothing to read
        }
        await readsOrRejects('f.xlsx', data);
      }),
      params(60),
    );
  });
  it('reads or rejects cleanly a workbook with bytes changed or cut off', async () => {
    const good = await workbook([
      ['project_code', 'date', 'amount', 'ref'],
      ['UN1-2559-01', new Date(Date.UTC(2016, 0, 4)), 10, 'X-1'],
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.nat({ max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat({ max: good.length }), { nil: undefined }),
        async (changes, cut) => {
          const data = Buffer.from(good);
          for (const c of changes) data[c.at] = c.byte;
          await readsOrRejects('f.xlsx', cut === undefined ? data : data.subarray(0, cut));
        },
      ),
      params(150),
    );
  });
});

describe('the import pipeline (fuzz, in-memory PGlite with the demo data)', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await freshDemoDb('pglite')).db;
  }, 120_000);
  afterAll(() => db.close());

  const ledger = async () => {
    const [r] = await db.query<{ n: number; total: string | null }>('SELECT count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries');
    const [a] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    return { entries: r!.n, total: r!.total, audit: a!.n };
  };

  const code = fc.constantFrom('UN1-2559-01', 'UN1-2559-02', 'LN-2559-01', 'NO-SUCH', '', ' UN1-2559-01 ');
  const date = fc.oneof(
    fc.constantFrom('2016-01-04', '4/1/2559', '31/2/2559', '2016-13-01', '', '๔/๑/๒๕๕๙', '2015-10-01'),
    fc.string({ maxLength: 12 }),
  );
  const amount = fc.oneof(
    fc.bigInt({ min: -100_000_00n, max: 100_000_00n }).map(formatAmount),
    fc.constantFrom('0', '1,000.00', '-0.01', '92233720368547758.08', '1e3', ''),
    fc.string({ maxLength: 10 }),
  );
  const ref = fc.oneof(fc.stringMatching(/^[A-Z]{1,3}-\d{1,3}$/), fc.string({ maxLength: 8 }), fc.constant('x'.repeat(101)));
  const row = fc.tuple(code, date, amount, ref);
  /** A row that should go in: a demo project, a date of FY 2559, a small payment, a fresh ref. */
  const goodRow = fc.tuple(
    fc.constantFrom('UN1-2559-01', 'LN-2559-01'),
    fc.constantFrom('2016-01-04', '4/1/2559', '๔/๑/๒๕๕๙'),
    fc.bigInt({ min: 1n, max: 100_000n }).map(formatAmount),
    fc.stringMatching(/^FZ-[0-9a-f]{12}$/),
  );
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

  it('imports a file whole, or rejects it with row errors and changes nothing', async () => {
    let imported = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(goodRow, { minLength: 1, maxLength: 6 }), fc.array(fc.oneof(goodRow, row), { minLength: 1, maxLength: 6 })),
        fc.boolean(),
        async (rows, asXlsx) => {
          const header = ['project_code', 'date', 'amount', 'ref'];
          const data = asXlsx ? await workbook([header, ...rows]) : Buffer.from([header, ...rows].map((r) => r.map(cell).join(',')).join('\n'));
          const before = await ledger();
          try {
            const r = await importFile({ db, actor: systemActor('fuzz') }, 'disbursements', asXlsx ? 'f.xlsx' : 'f.csv', data);
            imported++;
            const after = await ledger();
            expect(after.entries - before.entries).toBe(r.added);
            expect(r.added + r.unchanged).toBe(r.rows);
          } catch (e) {
            rejected++;
            expectCleanRejection(e);
            expect(await ledger()).toEqual(before);
          }
        },
      ),
      params(120),
    );
    // Both outcomes were exercised.
    expect(imported).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  }, 120_000);
});
