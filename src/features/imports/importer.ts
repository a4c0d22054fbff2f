/**
 * The import pipeline shared by every kind of file: map headers (English or Thai), validate
 * each row with its zod schema, apply all rows in one transaction, and reject the whole file
 * (changing nothing) when any row is bad, listing every bad row.
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, isAppError, type RowError } from '../../core/errors.ts';
import { openTable, type TableRow, type TableSource } from './tabular.ts';
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
  /** Applies many rows at once, with the same rules, rows and audit records as apply one by one: each row's outcome or its error. */
  applyBatch?(tx: Queryable, rows: T[], actor: Actor): Promise<('added' | 'unchanged' | AppError)[]>;
  /**
   * Decides at once, set-based, the rows it can decide exactly as apply/applyBatch would in file
   * order (with their rows and audit records), and leaves the others to them; not with group.
   */
  bulk?: BulkImport<T>;
}

/** A valid row of the file: its number (the header is row 1), its key (ImportSpec.key) and its value. */
export interface Staged<T> {
  row: number;
  key: string;
  value: T;
}

export interface BulkImport<T> {
  /** Starts the bulk way of one import inside its transaction (temporary tables dropped at its end). */
  open(
    tx: Queryable,
    actor: Actor,
  ): Promise<{
    /** Keeps valid rows, in file order, in the database. */
    stage(rows: readonly Staged<T>[]): Promise<void>;
    /** Once every row is staged: decides what it can. */
    settle(): Promise<BulkSettlement<T>>;
  }>;
}

export interface BulkSettlement<T> {
  /** the outcomes of the rows decided */
  added: number;
  unchanged: number;
  /** The rows left to apply/applyBatch, in file order, in chunks; their outcomes do not depend on the rows decided. */
  rest: AsyncIterable<{ row: number; value: T }[]>;
  /** Writes the rows decided (their entries and audit records); not called on a dry run or a rejected file. */
  write(): Promise<void>;
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
  /** Rows done so far, and the total when known (a file read as a stream is counted as it goes: null). */
  onProgress?: (done: number, total: number | null) => void;
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
  for (const h in r.cells) {
    const name = byHeader.get(h);
    const v = r.cells[h]!;
    if (name && v !== '') rec[name] = v;
  }
  return rec;
}

class DryRunRollback extends Error {}

/** Rows validated, checked for repeated keys and applied together. */
const BATCH_ROWS = 2000;
/** Rows read between two turns of the event loop (the staging of the batch before overlaps the reading). */
const YIELD_ROWS = 250;

/**
 * The keys (entities) a file names and the row naming each first, kept in a temporary table of
 * the import's transaction rather than in memory, so that a file of a million rows needs no
 * more memory than one of a thousand. Gives the rows whose key an earlier row already named.
 */
class KeysSeen {
  private created = false;
  constructor(private readonly tx: Queryable) {}
  async add(rows: readonly { row: number; key: string }[]): Promise<Map<number, number>> {
    const repeated = new Map<number, number>();
    if (!rows.length) return repeated;
    if (!this.created) {
      await this.tx.query('CREATE TEMPORARY TABLE padme_import_keys (key text PRIMARY KEY, row int NOT NULL) ON COMMIT DROP');
      this.created = true;
    }
    const added = await this.tx.query<{ row: number }>(
      `INSERT INTO padme_import_keys (key, row) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (key) DO NOTHING RETURNING row`,
      [rows.map((r) => r.key), rows.map((r) => r.row)],
    );
    const fresh = new Set(added.map((r) => r.row));
    const others = rows.filter((r) => !fresh.has(r.row));
    if (!others.length) return repeated;
    const first = new Map(
      (
        await this.tx.query<{ key: string; row: number }>('SELECT key, row FROM padme_import_keys WHERE key = ANY($1::text[])', [
          others.map((r) => r.key),
        ])
      ).map((r) => [r.key, r.row]),
    );
    for (const r of others) repeated.set(r.row, first.get(r.key)!);
    return repeated;
  }
}

/**
 * Imports a file all or nothing, in one transaction: the rows are read as a stream, validated and
 * applied in batches (a spec with applyBatch writes a batch in a few statements), every bad row
 * is listed (row, field, reason), and any bad row rolls the whole file back. A spec with group
 * gathers its groups over the whole file first (a plan's months may be anywhere in it).
 */
export async function runImport<T>(
  ctx: Ctx,
  spec: ImportSpec<T>,
  fileName: string,
  data: TableSource,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const table = await openTable(fileName, data);
  const byHeader = mapHeaders(table.headers, spec.columns);
  const errors: RowError[] = [];
  const result: ImportResult = { kind: spec.kind, rows: 0, added: 0, unchanged: 0, dryRun: !!opts.dryRun };
  const blame = (row: number, e: unknown) => {
    if (!isAppError(e)) throw e;
    errors.push({ row, field: (e.details as { field?: string } | undefined)?.field ?? 'row', message: e.message });
  };
  try {
    await ctx.db.transaction(async (tx) => {
      const keys = new KeysSeen(tx);
      const grouped: { row: number; value: T }[] = [];
      const bulk = spec.bulk && !spec.group ? await spec.bulk.open(tx, ctx.actor) : null;
      let done = 0;
      /** The row-by-row way: repeated keys named, the others applied (or gathered into their groups). */
      const applyRows = async (batch: { row: number; value: T }[]) => {
        const repeated = await keys.add(batch.map((p) => ({ row: p.row, key: spec.key.of(p.value) })));
        const fresh: { row: number; value: T }[] = [];
        for (const p of batch) {
          const first = repeated.get(p.row);
          if (first === undefined) fresh.push(p);
          else
            errors.push({
              row: p.row,
              field: spec.key.field,
              message: `${spec.key.of(p.value)} appears already in row ${first}: a file names each entry once`,
            });
        }
        if (spec.group) {
          grouped.push(...fresh);
          return;
        }
        if (spec.applyBatch) {
          const outcomes = await spec.applyBatch(
            tx,
            fresh.map((p) => p.value),
            ctx.actor,
          );
          outcomes.forEach((o, i) => (o instanceof Error ? blame(fresh[i]!.row, o) : (result[o] += 1)));
        } else {
          for (const p of fresh) {
            try {
              result[await spec.apply(tx, p.value, ctx.actor)] += 1;
            } catch (e) {
              blame(p.row, e);
            }
          }
        }
      };
      // A batch is staged while the next one is read and validated (on a server, the two overlap).
      let staging: Promise<void> = Promise.resolve();
      const applyBatch = async (batch: { row: number; value: T }[]) => {
        if (bulk) {
          await staging;
          staging = bulk.stage(batch.map((p) => ({ ...p, key: spec.key.of(p.value) })));
          staging.catch(() => {}); // awaited before the next batch or the settlement
        } else await applyRows(batch);
        done += batch.length;
        opts.onProgress?.(done, null);
      };
      let batch: { row: number; value: T }[] = [];
      for await (const r of table.rows) {
        result.rows++;
        // The rows of a read chunk come as microtasks, which starve I/O: let the database's answers in.
        if (result.rows % YIELD_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
        const record = toRecord(r, byHeader);
        const nul = pathOfNul(record);
        if (nul !== null) {
          errors.push({ row: r.row, field: nul, message: 'a NUL character (\\u0000) is not allowed' });
          continue;
        }
        const parsed = spec.row.safeParse(record);
        if (parsed.success) batch.push({ row: r.row, value: parsed.data });
        else for (const issue of parsed.error.issues) errors.push({ row: r.row, field: String(issue.path[0] ?? 'row'), message: issue.message });
        if (batch.length >= BATCH_ROWS) {
          await applyBatch(batch);
          batch = [];
        }
      }
      await applyBatch(batch);
      if (bulk) {
        await staging;
        const settled = await bulk.settle();
        for await (const rest of settled.rest) await applyRows(rest);
        result.added += settled.added;
        result.unchanged += settled.unchanged;
        // The rows decided at once cannot change what the others do: with any error nothing is kept anyway.
        if (!errors.length && !opts.dryRun) await settled.write();
      }
      if (result.rows === 0) errors.push({ row: 2, field: 'file', message: 'the file has a header but no data rows' });
      if (spec.group) {
        const units = unitsOf(spec, grouped);
        for (const [i, p] of units.entries()) {
          try {
            result[await p.apply(tx, ctx.actor)] += p.rows;
          } catch (e) {
            blame(p.row, e);
          }
          opts.onProgress?.(i + 1, units.length);
        }
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
