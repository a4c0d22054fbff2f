import type { Queryable } from '../../db/db.ts';
import { formatAmount } from '../../core/money.ts';
import type { Category } from '../budget/category.ts';
import type { Commitment } from './commitment.schema.ts';

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
}

export async function commitmentRows(q: Queryable, projectId: bigint, number?: string): Promise<CommitmentRow[]> {
  return q.query<CommitmentRow>(
    `SELECT c.id, c.number, c.kind, c.commit_date, c.vendor, c.amount, c.category, c.note, c.created_at, c.created_by,
            coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.commitment_id = c.id AND e.deleted_at IS NULL), 0)::bigint AS paid
       FROM commitments c
      WHERE c.project_id = $1 AND c.deleted_at IS NULL ${number === undefined ? '' : 'AND c.number = $2'}
      ORDER BY c.commit_date, c.id`,
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
  };
}
