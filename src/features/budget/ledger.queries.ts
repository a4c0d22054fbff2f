import type { Queryable } from '../../db/db.ts';
import type { DatedAmount } from './ledger.rules.ts';

/** The live entries of a project as dated amounts, for the rules of the ledger. */
export async function liveAmounts(q: Queryable, projectId: bigint, exceptEntryId: bigint = -1n): Promise<DatedAmount[]> {
  const rows = await q.query<{ kind: DatedAmount['kind']; entry_date: string; amount: bigint }>(
    'SELECT kind, entry_date, amount FROM ledger_entries WHERE project_id = $1 AND deleted_at IS NULL AND id <> $2',
    [projectId, exceptEntryId],
  );
  return rows.map((r) => ({ kind: r.kind, date: r.entry_date, amount: r.amount }));
}
