import type { Queryable } from '../../db/db.ts';
import { commitmentFacts } from '../commitments/commitment.queries.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { BudgetLine, Category } from '../budget/category.ts';
import type { Owner } from '../reference/reference.queries.ts';
import { pushTo } from '../../core/collections.ts';

export interface ProgressProjectRow {
  id: bigint;
  code: string;
  name_th: string;
  budget: bigint;
  status: string;
  approved_on: string | null;
}

/** The fiscal year's projects of an owner, each with its status on asOf and the date it was last approved by then. */
export async function progressProjects(q: Queryable, fiscalYear: number, asOf: IsoDate, owner: Owner): Promise<ProgressProjectRow[]> {
  const ownerSql = owner.kind === 'cluster' ? 'p.cluster_id = $3::int' : 'p.province_code = $3';
  return q.query<ProgressProjectRow>(
    `SELECT p.id, p.code, p.name_th, p.budget,
            coalesce(
              (SELECT h.to_status FROM project_status_history h
                WHERE h.project_id = p.id AND h.effective_date <= $2 ORDER BY h.effective_date DESC, h.id DESC LIMIT 1),
              (SELECT h.to_status FROM project_status_history h WHERE h.project_id = p.id ORDER BY h.effective_date, h.id LIMIT 1)) AS status,
            (SELECT max(h.effective_date) FROM project_status_history h
              WHERE h.project_id = p.id AND h.to_status = 'approved' AND h.effective_date <= $2) AS approved_on
       FROM projects p
      WHERE p.fiscal_year = $1 AND ${ownerSql} AND p.deleted_at IS NULL
      ORDER BY p.code`,
    [fiscalYear, asOf, owner.kind === 'cluster' ? owner.clusterId : owner.code],
  );
}

export async function linesOf(q: Queryable, ids: bigint[]): Promise<Map<bigint, BudgetLine[]>> {
  const m = new Map<bigint, BudgetLine[]>();
  for (const r of await q.query<{ project_id: bigint; category: Category; amount: bigint }>(
    'SELECT project_id, category, amount FROM project_budget_lines WHERE project_id = ANY($1::bigint[])',
    [ids.map(String)],
  )) {
    pushTo(m, r.project_id, { category: r.category, amount: r.amount });
  }
  return m;
}

export interface EntryFact {
  kind: 'adjustment' | 'disbursement';
  date: IsoDate;
  amount: bigint;
  category: Category;
  againstCommitment: boolean;
}

export async function entriesOf(q: Queryable, ids: bigint[]): Promise<Map<bigint, EntryFact[]>> {
  const m = new Map<bigint, EntryFact[]>();
  for (const r of await q.query<{
    project_id: bigint;
    kind: EntryFact['kind'];
    entry_date: string;
    amount: bigint;
    category: Category;
    against: boolean;
  }>(
    `SELECT project_id, kind, entry_date, amount, category, commitment_id IS NOT NULL AS against
       FROM ledger_entries WHERE project_id = ANY($1::bigint[]) AND deleted_at IS NULL ORDER BY entry_date, id`,
    [ids.map(String)],
  )) {
    pushTo(m, r.project_id, { kind: r.kind, date: r.entry_date, amount: r.amount, category: r.category, againstCommitment: r.against });
  }
  return m;
}

/** The commitments of projects as dated amounts (a cancellation releases what was not paid, on its date). */
export async function commitmentsOf(q: Queryable, ids: bigint[]): Promise<Map<bigint, { date: IsoDate; amount: bigint; category: Category }[]>> {
  return commitmentFacts(q, ids);
}
