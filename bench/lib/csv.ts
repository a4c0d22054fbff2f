/**
 * Files of disbursement rows that the real import accepts on the national data set: payments of
 * 1.00–99.99 baht dated on their project's fiscal-year end, on projects not cancelled, with one
 * budget line and no contract, each within what remains of its allocation. Reproducible (seeded).
 */
import fs from 'node:fs';
import type { Queryable } from '../../src/db/db.ts';
import { prng } from '../../src/features/national/national.generate.ts';

export interface Target {
  id: bigint;
  code: string;
  fiscalYear: number;
  /** allocation minus every positive disbursement: what more can be paid on any date */
  room: bigint;
}

export async function importTargets(q: Queryable): Promise<Target[]> {
  const rows = await q.query<{ id: bigint; code: string; fiscal_year: number; room: bigint }>(
    `SELECT p.id, p.code, p.fiscal_year,
            (p.budget + coalesce(sum(e.amount) FILTER (WHERE e.kind = 'adjustment'), 0)
                      - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'disbursement' AND e.amount > 0), 0))::bigint AS room
       FROM projects p LEFT JOIN ledger_entries e ON e.project_id = p.id AND e.deleted_at IS NULL
      WHERE p.status <> 'cancelled' AND p.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM project_budget_lines l WHERE l.project_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.project_id = p.id)
      GROUP BY p.id ORDER BY p.id`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, fiscalYear: r.fiscal_year, room: r.room }));
}

export interface CsvRow {
  target: Target;
  date: string;
  satang: bigint;
  ref: string;
}

/** n rows spread over the targets in turn; refs BENCH-<tag>-<n> are new on every project. */
export function* disbursementRows(targets: readonly Target[], n: number, tag: string, seed = 1): Generator<CsvRow> {
  const rnd = prng(seed);
  const used = new Map<bigint, bigint>();
  let t = 0;
  for (let i = 0; i < n; i++) {
    const satang = BigInt(100 + Math.floor(rnd() * 9900));
    let target = targets[t++ % targets.length]!;
    for (let tries = 0; (used.get(target.id) ?? 0n) + satang > target.room; tries++) {
      if (tries > targets.length) throw new Error(`no project has room left for row ${i + 1}: use fewer rows or a larger scale`);
      target = targets[t++ % targets.length]!;
    }
    used.set(target.id, (used.get(target.id) ?? 0n) + satang);
    yield { target, date: `${target.fiscalYear - 543}-09-30`, satang, ref: `BENCH-${tag}-${String(i + 1).padStart(7, '0')}` };
  }
}

const baht = (s: bigint) => `${s / 100n}.${String(s % 100n).padStart(2, '0')}`;

/** Writes a CSV file (project_code,date,amount,ref) of the rows, in chunks; returns its size in bytes. */
export function writeDisbursementCsv(file: string, rows: Iterable<CsvRow>): number {
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let chunk = 'project_code,date,amount,ref\n';
  const flush = () => {
    size += fs.writeSync(fd, chunk);
    chunk = '';
  };
  for (const r of rows) {
    chunk += `${r.target.code},${r.date},${baht(r.satang)},${r.ref}\n`;
    if (chunk.length > 1 << 20) flush();
  }
  flush();
  fs.closeSync(fd);
  return size;
}

/** The same rows as COPY text for ledger_entries (project_id, kind, entry_date, amount, ref, created_by, category). */
export function copyText(rows: Iterable<CsvRow>, by: string): string {
  const out: string[] = [];
  for (const r of rows) out.push(`${r.target.id}\tdisbursement\t${r.date}\t${r.satang}\t${r.ref}\t${by}\toperating\n`);
  return out.join('');
}
