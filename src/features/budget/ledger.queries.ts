import type { Queryable } from '../../db/db.ts';
import type { DatedAmount } from './ledger.rules.ts';
import type { BudgetLine, CategorisedAmount, Category } from './category.ts';
import { commitmentFacts } from '../commitments/commitment.queries.ts';

/** The live entries of a project as dated amounts, for the rules of the ledger. */
export async function liveAmounts(q: Queryable, projectId: bigint, exceptEntryId: bigint = -1n): Promise<DatedAmount[]> {
  const rows = await q.query<{ kind: DatedAmount['kind']; entry_date: string; amount: bigint }>(
    'SELECT kind, entry_date, amount FROM ledger_entries WHERE project_id = $1 AND deleted_at IS NULL AND id <> $2',
    [projectId, exceptEntryId],
  );
  return rows.map((r) => ({ kind: r.kind, date: r.entry_date, amount: r.amount }));
}

/** The live entries of a project with their categories and commitments, for the rules by category. */
export async function liveEntries(
  q: Queryable,
  projectId: bigint,
  exceptEntryId: bigint = -1n,
): Promise<(CategorisedAmount & { commitmentId: bigint | null })[]> {
  const rows = await q.query<{ kind: DatedAmount['kind']; entry_date: string; amount: bigint; category: Category; commitment_id: bigint | null }>(
    'SELECT kind, entry_date, amount, category, commitment_id FROM ledger_entries WHERE project_id = $1 AND deleted_at IS NULL AND id <> $2',
    [projectId, exceptEntryId],
  );
  return rows.map((r) => ({ kind: r.kind, date: r.entry_date, amount: r.amount, category: r.category, commitmentId: r.commitment_id }));
}

/** A project's own budget lines (none: the implicit operating line). */
export async function budgetLines(q: Queryable, projectId: bigint): Promise<BudgetLine[]> {
  return q.query<BudgetLine>('SELECT category, amount FROM project_budget_lines WHERE project_id = $1', [projectId]);
}

/**
 * The live commitments of a project as dated amounts, for the commitment limit: each commitment's
 * amount on its date and, for a cancelled one, minus what the cancellation released on its date.
 */
export async function liveCommitments(q: Queryable, projectId: bigint): Promise<{ id: bigint; date: string; amount: bigint; category: Category }[]> {
  return (await commitmentFacts(q, [projectId])).get(projectId) ?? [];
}

/** The live entry of a project with a kind and a document reference, if any. */
export async function liveEntryWithRef(
  q: Queryable,
  projectId: bigint,
  kind: DatedAmount['kind'],
  ref: string,
): Promise<{ entry_date: string; amount: bigint } | undefined> {
  const [row] = await q.query<{ entry_date: string; amount: bigint }>(
    'SELECT entry_date, amount FROM ledger_entries WHERE project_id = $1 AND kind = $2 AND ref = $3 AND deleted_at IS NULL',
    [projectId, kind, ref],
  );
  return row;
}

export interface EntryRow {
  id: bigint;
  kind: DatedAmount['kind'];
  entry_date: string;
  amount: bigint;
  ref: string;
  note: string | null;
  version: number;
  category: Category;
  commitment_id: bigint | null;
  deleted_at: Date | null;
}

/** One entry of a project by its id (as the URL gives it), deleted or not. */
export async function findEntry(q: Queryable, projectCode: string, entryId: string): Promise<EntryRow | undefined> {
  const [row] = await q.query<EntryRow>(
    `SELECT e.id, e.kind, e.entry_date, e.amount, e.ref, e.note, e.version, e.category, e.commitment_id, e.deleted_at
       FROM ledger_entries e JOIN projects p ON p.id = e.project_id
      WHERE p.code = $1 AND e.id = $2`,
    [projectCode, /^\d+$/.test(entryId) ? entryId : '-1'],
  );
  return row;
}
