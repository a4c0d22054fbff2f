/**
 * The import pipeline shared by every kind of file: map headers (English or Thai), validate
 * each row with its zod schema, apply all rows in one transaction, and reject the whole file
 * (changing nothing) when any row is bad, listing every bad row.
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, isAppError, type RowError } from '../../core/errors.ts';
import { readTable, type TableRow } from './tabular.ts';
import { pathOfNul } from '../../core/text.ts';

export interface Column {
  /** The field name (English header). */
  name: string;
  /** Other headers accepted for it (Thai). */
  aliases: string[];
  required: boolean;
}

export interface ImportSpec<T> {
  kind: string;
  columns: Column[];
  row: z.ZodType<T, Record<string, string | undefined>>;
  /** What identifies the entity a row writes (a file names each entity once), and the column to blame. */
  key: { of(row: T): string; field: string };
  apply(tx: Queryable, row: T, actor: Actor): Promise<'added' | 'unchanged'>;
  /** Rows that are applied together (e.g. the months of one project's plan), in file order; used instead of apply. */
  group?: { of(row: T): string; apply(tx: Queryable, rows: T[], actor: Actor): Promise<'added' | 'unchanged'> };
}

/** The units an import applies: single rows, or the groups of rows of a spec with group. */
function unitsOf<T>(
  spec: ImportSpec<T>,
  parsed: { row: number; value: T }[],
): { row: number; rows: number; apply: (tx: Queryable, actor: Actor) => Promise<'added' | 'unchanged'> }[] {
  const group = spec.group;
  if (!group) return parsed.map((p) => ({ row: p.row, rows: 1, apply: (tx, actor) => spec.apply(tx, p.value, actor) }));
  const byKey = new Map<string, { row: number; values: T[] }>();
  for (const p of parsed) {
    const k = group.of(p.value);
    const g = byKey.get(k) ?? { row: p.row, values: [] };
    g.values.push(p.value);
    byKey.set(k, g);
  }
  return [...byKey.values()].map((g) => ({ row: g.row, rows: g.values.length, apply: (tx, actor) => group.apply(tx, g.values, actor) }));
}

export interface ImportResult {
  kind: string;
  rows: number;
  added: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const normalise = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_');

function mapHeaders(headers: string[], columns: Column[]): Map<string, string> {
  const byHeader = new Map<string, string>();
  const twice: RowError[] = [];
  for (const [i, h] of headers.entries()) {
    const col = columns.find((c) => normalise(c.name) === normalise(h) || c.aliases.some((a) => normalise(a) === normalise(h)));
    if (!col) continue;
    // Two columns for one field: which one holds the value is anyone's guess, so neither is taken.
    const first = headers.findIndex((o) => byHeader.get(o) === col.name || (o === h && byHeader.has(o)));
    if (first >= 0 && first < i)
      twice.push({
        row: 1,
        field: col.name,
        message: `columns ${first + 1} (${headers[first]}) and ${i + 1} (${h}) both give ${col.name}: keep one`,
      });
    else byHeader.set(h, col.name);
  }
  if (twice.length)
    throw new AppError('import_rejected', `The header row names a column twice: ${twice.map((t) => t.field).join(', ')}`, { errors: twice });
  const missing = columns.filter((c) => c.required && ![...byHeader.values()].includes(c.name));
  if (missing.length) {
    const errors: RowError[] = missing.map((c) => ({ row: 1, field: c.name, message: `missing column ${c.name} (or ${c.aliases.join(' / ')})` }));
    throw new AppError('import_rejected', `The header row lacks: ${missing.map((c) => c.name).join(', ')}`, { errors });
  }
  return byHeader;
}

function toRecord(r: TableRow, byHeader: Map<string, string>): Record<string, string | undefined> {
  const rec: Record<string, string | undefined> = {};
  for (const [h, v] of Object.entries(r.cells)) {
    const name = byHeader.get(h);
    if (name && v !== '') rec[name] = v;
  }
  return rec;
}

class DryRunRollback extends Error {}

export async function runImport<T>(ctx: Ctx, spec: ImportSpec<T>, fileName: string, data: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  const table = await readTable(fileName, data);
  const byHeader = mapHeaders(table.headers, spec.columns);
  const errors: RowError[] = [];
  const parsed: { row: number; value: T }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of table.rows) {
    const record = toRecord(r, byHeader);
    const nul = pathOfNul(record);
    if (nul !== null) {
      errors.push({ row: r.row, field: nul, message: 'a NUL character (\\u0000) is not allowed' });
      continue;
    }
    const result = spec.row.safeParse(record);
    if (result.success) {
      const key = spec.key.of(result.data);
      const first = firstRowOf.get(key);
      if (first !== undefined)
        errors.push({ row: r.row, field: spec.key.field, message: `${key} appears already in row ${first}: a file names each entry once` });
      else {
        firstRowOf.set(key, r.row);
        parsed.push({ row: r.row, value: result.data });
      }
    } else for (const issue of result.error.issues) errors.push({ row: r.row, field: String(issue.path[0] ?? 'row'), message: issue.message });
  }
  if (table.rows.length === 0) errors.push({ row: 2, field: 'file', message: 'the file has a header but no data rows' });
  const result: ImportResult = { kind: spec.kind, rows: table.rows.length, added: 0, unchanged: 0, dryRun: !!opts.dryRun };
  const units = unitsOf(spec, parsed);
  const total = units.length;
  try {
    await ctx.db.transaction(async (tx) => {
      for (const [i, p] of units.entries()) {
        try {
          result[await p.apply(tx, ctx.actor)] += p.rows;
        } catch (e) {
          if (!isAppError(e)) throw e;
          const field = (e.details as { field?: string } | undefined)?.field ?? 'row';
          errors.push({ row: p.row, field, message: e.message });
        }
        opts.onProgress?.(i + 1, total);
      }
      if (errors.length) {
        errors.sort((a, b) => a.row - b.row);
        throw new AppError(
          'import_rejected',
          `The file was not imported: ${errors.length} error(s) in ${new Set(errors.map((e) => e.row)).size} row(s). Nothing was changed.`,
          { errors },
        );
      }
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return result;
}
