/**
 * `padme db partition-ledger`: the ledger partitioned by the fiscal year of its project
 * (partition-ledger.sql, docs/partitioning.md). Optional, for a server at 10x the national data set.
 */
import fs from 'node:fs';
import type { Db, Queryable } from '../db.ts';
import type { Actor } from '../../core/context.ts';
import { assertAdmin } from '../../features/users/access.ts';
import { audit } from '../../features/audit/audit.service.ts';

const SCRIPT = new URL('./partition-ledger.sql', import.meta.url);

export interface LedgerPartition {
  /** The fiscal year of the partition; null for the default partition (a year without its own yet). */
  fiscalYear: number | null;
  name: string;
  entries: number;
}

export interface PartitionLedgerResult {
  /** Whether this run turned ledger_entries into the partitioned table (false: it already was). */
  converted: boolean;
  partitions: LedgerPartition[];
}

/** Whether the ledger is the partitioned one. */
export async function isLedgerPartitioned(q: Queryable): Promise<boolean> {
  const [r] = await q.query<{ partitioned: boolean }>(`SELECT to_regclass('public.ledger_entry_rows') IS NOT NULL AS partitioned`);
  return r!.partitioned;
}

/** The partitions of the partitioned ledger with their row counts, by fiscal year (the default one last). */
export async function ledgerPartitions(q: Queryable): Promise<LedgerPartition[]> {
  const rows = await q.query<{ name: string; bound: string }>(
    `SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'public.ledger_entry_rows'::regclass`,
  );
  const counts = new Map(
    (await q.query<{ name: string; n: bigint }>(`SELECT tableoid::regclass::text AS name, count(*) AS n FROM ledger_entry_rows GROUP BY 1`)).map(
      (r) => [r.name, Number(r.n)],
    ),
  );
  return rows
    .map((r) => {
      const year = /^FOR VALUES IN \((\d+)\)$/.exec(r.bound);
      return { fiscalYear: year ? Number(year[1]) : null, name: r.name, entries: counts.get(r.name) ?? 0 };
    })
    .sort((a, b) => (a.fiscalYear ?? Infinity) - (b.fiscalYear ?? Infinity));
}

/**
 * Partitions the ledger (or, when it already is, adds the partitions of new fiscal years), in one
 * transaction that locks the ledger against writes meanwhile; an administrator's act, audited.
 */
export async function partitionLedger(db: Db, actor: Actor): Promise<PartitionLedgerResult> {
  assertAdmin(actor, 'partition the ledger');
  return db.transaction(async (tx) => {
    const converted = !(await isLedgerPartitioned(tx));
    await tx.exec(fs.readFileSync(SCRIPT, 'utf8'));
    const partitions = await ledgerPartitions(tx);
    await audit(tx, actor, {
      action: converted ? 'partition' : 'add_partitions',
      entityType: 'ledger_partitioning',
      entityKey: 'ledger_entries',
      after: { partitions: partitions.map((p) => ({ fiscalYear: p.fiscalYear, entries: p.entries })) },
      reason: 'padme db partition-ledger: the ledger partitioned by the fiscal year of its project',
    });
    return { converted, partitions };
  });
}
