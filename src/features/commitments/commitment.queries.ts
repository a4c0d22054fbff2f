import type { Queryable } from '../../db/db.ts';
import { formatAmount } from '../../core/money.ts';
import type { Category } from '../budget/category.ts';
import type { Commitment } from './commitment.schema.ts';
import { pushTo } from '../../core/collections.ts';

export interface CommitmentRow {
  id: bigint;
  number: string;
  kind: 'contract' | 'purchase_order';
  commit_date: string;
  vendor: string;
  amount: bigint;
  category: Category;
  note: string | null;
  paid: bigint;
  created_at: Date;
  created_by: string;
  version: number;
  cancelled_on: string | null;
  released: bigint | null;
}

/** What was paid against commitment c (alias) before the date it was cancelled. */
const PAID_BEFORE_CANCELLED = `coalesce((SELECT sum(e.amount) FROM ledger_entries e
  WHERE e.commitment_id = c.id AND e.deleted_at IS NULL AND e.entry_date < c.cancelled_on), 0)::bigint`;

export async function commitmentRows(q: Queryable, projectId: bigint, number?: string, forUpdate = false): Promise<CommitmentRow[]> {
  return q.query<CommitmentRow>(
    `SELECT c.id, c.number, c.kind, c.commit_date, c.vendor, c.amount, c.category, c.note, c.created_at, c.created_by,
            c.version, c.cancelled_on, CASE WHEN c.cancelled_on IS NULL THEN NULL ELSE c.amount - ${PAID_BEFORE_CANCELLED} END AS released,
            coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.commitment_id = c.id AND e.deleted_at IS NULL), 0)::bigint AS paid
       FROM commitments c
      WHERE c.project_id = $1 AND c.deleted_at IS NULL ${number === undefined ? '' : 'AND c.number = $2'}
      ORDER BY c.commit_date, c.id ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    number === undefined ? [projectId] : [projectId, number],
  );
}

export function toCommitment(r: CommitmentRow): Commitment {
  return {
    id: String(r.id),
    number: r.number,
    kind: r.kind,
    date: r.commit_date,
    vendor: r.vendor,
    amount: formatAmount(r.amount),
    category: r.category,
    note: r.note,
    paid: formatAmount(r.paid),
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    version: r.version,
    cancelledOn: r.cancelled_on,
    released: r.released === null ? null : formatAmount(r.released),
  };
}

/**
 * The live commitments of projects as dated amounts (the facts of the commitment limit and of
 * the figures): each commitment's amount on its date, and for a cancelled one minus what the
 * cancellation released, on the date it was cancelled. By project, in date order.
 */
export async function commitmentFacts(
  q: Queryable,
  projectIds: bigint[],
): Promise<Map<bigint, { id: bigint; date: string; amount: bigint; category: Category }[]>> {
  const m = new Map<bigint, { id: bigint; date: string; amount: bigint; category: Category }[]>();
  if (!projectIds.length) return m;
  for (const r of await q.query<{ id: bigint; project_id: bigint; date: string; amount: bigint; category: Category }>(
    `SELECT id, project_id, commit_date AS date, amount, category FROM commitments WHERE project_id = ANY($1::bigint[]) AND deleted_at IS NULL
     UNION ALL
     SELECT c.id, c.project_id, c.cancelled_on, -(c.amount - ${PAID_BEFORE_CANCELLED}), c.category FROM commitments c
      WHERE c.project_id = ANY($1::bigint[]) AND c.deleted_at IS NULL AND c.cancelled_on IS NOT NULL
     ORDER BY date, id, amount DESC`,
    [projectIds.map(String)],
  )) {
    pushTo(m, r.project_id, { id: r.id, date: r.date, amount: r.amount, category: r.category });
  }
  return m;
}
