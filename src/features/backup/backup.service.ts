/**
 * Backup and restore of the whole database, identical on PGlite and PostgreSQL: every table in
 * foreign-key order, every value as PostgreSQL's own text form (exact for bigint, numeric,
 * timestamps and jsonb), as gzipped JSON lines.
 */
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import type { Db, Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { assertAdmin } from '../users/access.ts';

const FORMAT = 'padme-backup';
const VERSION = 1;
const BATCH = 5000;

interface TableInfo {
  name: string;
  columns: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables of the public schema, each after the tables it references. */
export async function tablesInDependencyOrder(q: Queryable): Promise<TableInfo[]> {
  const rows = await q.query<{ name: string; deps: string[] }>(
    `SELECT c.relname::text AS name,
            coalesce(array_agg(DISTINCT r.relname::text) FILTER (WHERE r.relname IS NOT NULL AND r.relname <> c.relname), '{}') AS deps
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
       LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY c.relname ORDER BY c.relname`,
  );
  const ordered: string[] = [];
  const pending = new Map(rows.map((r) => [r.name, r.deps]));
  while (pending.size) {
    const ready = [...pending].filter(([, deps]) => deps.every((d) => ordered.includes(d) || !pending.has(d)));
    if (!ready.length) throw new Error(`circular foreign keys among ${[...pending.keys()].join(', ')}`);
    for (const [name] of ready) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  const result: TableInfo[] = [];
  for (const name of ordered) {
    const cols = await q.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [name],
    );
    result.push({ name, columns: cols.map((c) => c.column_name) });
  }
  return result;
}

/** Rows of a table in a stable order, each value as text. */
async function* tableRows(q: Queryable, t: TableInfo): AsyncGenerator<(string | null)[]> {
  const select = t.columns.map((c) => `${ident(c)}::text AS ${ident(c)}`).join(', ');
  const order = t.columns.map((_, i) => i + 1).join(', ');
  for (let offset = 0; ; offset += BATCH) {
    const rows = await q.query<Record<string, string | null>>(
      `SELECT ${select} FROM ${ident(t.name)} ORDER BY ${order} LIMIT ${BATCH} OFFSET ${offset}`,
    );
    for (const r of rows) yield t.columns.map((c) => r[c] ?? null);
    if (rows.length < BATCH) return;
  }
}

/** Writes a backup of every table to a stream (gzipped JSON lines), from one snapshot. */
export async function writeBackup(db: Db, actor: Actor, out: Writable): Promise<{ tables: number; rows: number }> {
  assertAdmin(actor, 'back up the database');
  const gzip = createGzip();
  const done = pipeline(gzip, out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  let rows = 0;
  const tables = await db
    .transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const list = await tablesInDependencyOrder(tx);
      await write({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), tables: list.map((t) => t.name) });
      for (const t of list) {
        await write({ table: t.name, columns: t.columns });
        for await (const r of tableRows(tx, t)) {
          await write(r);
          rows++;
        }
      }
      return list.length;
    })
    .catch(async (e: unknown) => {
      gzip.destroy(e instanceof Error ? e : new Error(String(e)));
      await done.catch(() => {});
      throw e;
    });
  gzip.end();
  await done;
  return { tables, rows };
}

/** Tables whose rows the program itself creates in a new database (migrations, reference data). */
const SEEDED = new Set(['schema_migrations', 'provinces', 'cluster_schemes', 'clusters', 'cluster_memberships']);

/** Restores a backup into a database that holds no data yet (only what migrations and reference data put there). */
export async function restoreBackup(db: Db, actor: Actor, input: Readable): Promise<{ tables: number; rows: number }> {
  assertAdmin(actor, 'restore the database');
  return db.transaction(async (tx) => {
    const tables = await tablesInDependencyOrder(tx);
    for (const t of tables) {
      if (SEEDED.has(t.name)) continue;
      const [any] = await tx.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
      if (any)
        throw new AppError(
          'conflict',
          `Restore needs an empty database, but the table ${t.name} holds data: restore into a new --data directory or database`,
        );
    }
    for (const t of [...tables].reverse()) if (SEEDED.has(t.name)) await tx.query(`DELETE FROM ${ident(t.name)}`);
    // Read only now: lines a reader emits before anyone iterates it are lost.
    const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
    let header: { format?: string; version?: number } | null = null;
    let current: { table: TableInfo; insert: string } | null = null;
    let count = 0;
    let tableCount = 0;
    for await (const line of lines) {
      if (!line) continue;
      const value: unknown = JSON.parse(line);
      if (!header) {
        header = value as { format?: string; version?: number };
        if (header.format !== FORMAT || header.version !== VERSION)
          throw new AppError('validation', 'This file is not a PADME backup (or of an unknown version)');
        continue;
      }
      if (!Array.isArray(value)) {
        const { table, columns } = value as { table: string; columns: string[] };
        const known = tables.find((t) => t.name === table);
        const unknownColumn = columns.find((c) => !known?.columns.includes(c));
        if (!known || unknownColumn)
          throw new AppError(
            'validation',
            `The backup has ${known ? `a column ${table}.${unknownColumn}` : `a table ${table}`} that this version of PADME does not know`,
          );
        // bytea travels as its hex text (\x…): cast from text, as PGlite would otherwise want bytes for a bytea parameter.
        const binary = await tx.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'bytea'`,
          [table],
        );
        const placeholders = columns.map((c, i) => (binary.some((b) => b.column_name === c) ? `$${i + 1}::text::bytea` : `$${i + 1}`)).join(', ');
        current = {
          table: { name: table, columns },
          insert: `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES (${placeholders})`,
        };
        tableCount++;
        continue;
      }
      if (!current) throw new AppError('validation', 'The backup file is damaged: rows before a table header');
      await tx.query(current.insert, value as (string | null)[]);
      count++;
    }
    if (!header) throw new AppError('validation', 'The backup file is empty');
    await resetSequences(tx);
    return { tables: tableCount, rows: count };
  });
}

/** Moves every serial sequence past the largest id restored. */
async function resetSequences(q: Queryable): Promise<void> {
  const serials = await q.query<{ table_name: string; column_name: string; seq: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = 'public' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  for (const s of serials) {
    await q.query(`SELECT setval($1, coalesce((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`, [s.seq]);
  }
}
