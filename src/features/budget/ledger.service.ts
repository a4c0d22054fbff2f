import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { formatAmount, type Satang } from '../../core/money.ts';
import type { IsoDate } from '../../core/dates.ts';
import { lockProjectFor, readableProjectRow } from '../projects/project.service.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin } from '../users/access.ts';
import type { AdjustmentInput, DisbursementInput, LedgerEntry, UpdateEntryInput } from './ledger.schema.ts';
import { firstBreach, type LedgerBreach } from './ledger.rules.ts';
import { liveAmounts } from './ledger.queries.ts';

type Kind = 'adjustment' | 'disbursement';

interface NewEntry {
  kind: Kind;
  date: IsoDate;
  amount: Satang;
  ref: string;
  note?: string | undefined;
}

/** What recording an entry did: added it, or found the same entry already there. */
export type RecordOutcome = 'added' | 'unchanged';

/** A clear message for an entry that would break the ledger's rule; the date is named when the breach is not in the totals. */
function breachError(projectCode: string, e: NewEntry, b: LedgerBreach, totals: { allocated: Satang; disbursed: Satang }): AppError {
  const allocatedBefore = b.allocated - (e.kind === 'adjustment' ? e.amount : 0n);
  const disbursedBefore = b.disbursed - (e.kind === 'disbursement' ? e.amount : 0n);
  const onDate = allocatedBefore !== totals.allocated || disbursedBefore !== totals.disbursed ? ` as of ${b.date}` : '';
  const details = { field: 'amount', date: b.date, allocated: formatAmount(allocatedBefore), disbursed: formatAmount(disbursedBefore) };
  if (b.rule === 'negative_allocation') {
    return new AppError(
      'validation',
      `This adjustment would make the allocation of project ${projectCode} negative${onDate} (${formatAmount(b.allocated)})`,
      details,
    );
  }
  if (b.rule === 'below_zero') {
    return new AppError(
      'validation',
      `A return of ${formatAmount(-e.amount)} is more than the ${formatAmount(disbursedBefore)} disbursed on project ${projectCode}${onDate}`,
      details,
    );
  }
  if (e.kind === 'disbursement') {
    const remaining = formatAmount(allocatedBefore - disbursedBefore);
    return new AppError(
      'over_allocation',
      `A disbursement of ${formatAmount(e.amount)} would take project ${projectCode} above its allocation of ${formatAmount(allocatedBefore)}${onDate}: ${remaining} remains`,
      { ...details, remaining },
    );
  }
  return new AppError(
    'over_allocation',
    `This adjustment would leave project ${projectCode} with an allocation of ${formatAmount(b.allocated)}${onDate}, below the ${formatAmount(b.disbursed)} disbursed by then`,
    details,
  );
}

/**
 * Records one ledger entry inside the caller's transaction, after every rule of the ledger:
 * no entry on a cancelled project, disbursed never above the allocation nor below zero, and
 * a document reference used once per project (the same entry again is a no-op).
 */
export async function recordEntry(
  q: Queryable,
  projectCode: string,
  e: NewEntry,
  actor: Actor,
  action: 'create' | 'import' = 'create',
): Promise<RecordOutcome> {
  const p = await lockProjectFor(q, actor, projectCode, e.kind === 'disbursement' ? 'record disbursements on' : 'adjust the budget of');
  const [same] = await q.query<{ entry_date: string; amount: bigint }>(
    'SELECT entry_date, amount FROM ledger_entries WHERE project_id = $1 AND kind = $2 AND ref = $3 AND deleted_at IS NULL',
    [p.id, e.kind, e.ref],
  );
  if (same) {
    if (same.entry_date === e.date && same.amount === e.amount) return 'unchanged';
    throw new AppError(
      'conflict',
      `Project ${projectCode} already has ${e.kind} ${e.ref} with other values (${same.entry_date}, ${formatAmount(same.amount)})`,
      { field: 'ref' },
    );
  }
  if (p.status === 'cancelled') {
    throw new AppError('project_cancelled', `Project ${projectCode} is cancelled: no ${e.kind} can be recorded on it`, { field: 'project_code' });
  }
  const breach = firstBreach(p.budget, [...(await liveAmounts(q, p.id)), e]);
  if (breach) throw breachError(projectCode, e, breach, p);
  const [row] = await q.query<{ id: bigint }>(
    `INSERT INTO ledger_entries (project_id, kind, entry_date, amount, ref, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [p.id, e.kind, e.date, e.amount, e.ref, e.note || null, actor.username],
  );
  await audit(q, actor, {
    action,
    entityType: 'ledger_entry',
    entityKey: `${projectCode}/${e.kind}/${e.ref}`,
    after: { id: row!.id, project: projectCode, kind: e.kind, date: e.date, amount: formatAmount(e.amount), ref: e.ref, note: e.note ?? null },
    reason: e.kind === 'adjustment' ? (e.note ?? null) : null,
  });
  return 'added';
}

export async function recordDisbursement(ctx: Ctx, projectCode: string, input: DisbursementInput): Promise<RecordOutcome> {
  return ctx.db.transaction((tx) => recordEntry(tx, projectCode, { kind: 'disbursement', ...input }, ctx.actor));
}

export async function recordAdjustment(ctx: Ctx, projectCode: string, input: AdjustmentInput): Promise<RecordOutcome> {
  return ctx.db.transaction((tx) => recordEntry(tx, projectCode, { kind: 'adjustment', ...input }, ctx.actor));
}

export async function listLedger(q: Queryable, actor: Actor, projectCode: string): Promise<LedgerEntry[]> {
  return listEntries(q, (await readableProjectRow(q, actor, projectCode)).id);
}

/** The entries of a project (live ones, or one entry by id whatever its state). */
async function listEntries(q: Queryable, projectId: bigint, entryId?: bigint): Promise<LedgerEntry[]> {
  const rows = await q.query<{
    id: bigint;
    kind: Kind;
    entry_date: string;
    amount: bigint;
    ref: string;
    note: string | null;
    version: number;
    created_at: Date;
    created_by: string;
    updated_at: Date | null;
    updated_by: string | null;
  }>(
    `SELECT id, kind, entry_date, amount, ref, note, version, created_at, created_by, updated_at, updated_by FROM ledger_entries
      WHERE project_id = $1 AND ${entryId === undefined ? 'deleted_at IS NULL' : 'id = $2'} ORDER BY entry_date, id`,
    entryId === undefined ? [projectId] : [projectId, entryId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    date: r.entry_date,
    amount: formatAmount(r.amount),
    ref: r.ref,
    note: r.note,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
    updatedBy: r.updated_by,
  }));
}

/** Corrects a ledger entry (date, amount, ref, note) with a reason, after every rule of the ledger. */
export async function updateEntry(ctx: Ctx, projectCode: string, entryId: string, input: UpdateEntryInput): Promise<LedgerEntry> {
  return ctx.db.transaction(async (tx) => {
    const [entry] = await tx.query<{ id: bigint; kind: Kind; entry_date: string; amount: bigint; ref: string; note: string | null; version: number }>(
      `SELECT e.id, e.kind, e.entry_date, e.amount, e.ref, e.note, e.version FROM ledger_entries e JOIN projects p ON p.id = e.project_id
        WHERE p.code = $1 AND e.id = $2 AND e.deleted_at IS NULL`,
      [projectCode, /^\d+$/.test(entryId) ? entryId : '-1'],
    );
    if (!entry) throw notFound(`Ledger entry ${entryId} of project ${projectCode}`);
    const p = await lockProjectFor(tx, ctx.actor, projectCode, entry.kind === 'disbursement' ? 'record disbursements on' : 'adjust the budget of');
    if (entry.version !== input.version) {
      throw new AppError(
        'conflict',
        `The entry was changed since you read it (your version ${input.version}, now ${entry.version}). Reload and try again.`,
        {
          currentVersion: entry.version,
        },
      );
    }
    const next = {
      kind: entry.kind,
      date: input.date ?? entry.entry_date,
      amount: input.amount ?? entry.amount,
      ref: input.ref ?? entry.ref,
      note: input.note === undefined ? entry.note : input.note,
    };
    if (next.ref !== entry.ref) {
      const [taken] = await tx.query('SELECT 1 FROM ledger_entries WHERE project_id = $1 AND kind = $2 AND ref = $3 AND deleted_at IS NULL', [
        p.id,
        entry.kind,
        next.ref,
      ]);
      if (taken) throw new AppError('conflict', `Project ${projectCode} already has ${entry.kind} ${next.ref}`, { field: 'ref' });
    }
    const breach = firstBreach(p.budget, [...(await liveAmounts(tx, p.id, entry.id)), next]);
    if (breach) {
      // The totals without the entry being corrected, against which the message names a date.
      const without = {
        allocated: p.allocated - (entry.kind === 'adjustment' ? entry.amount : 0n),
        disbursed: p.disbursed - (entry.kind === 'disbursement' ? entry.amount : 0n),
      };
      throw breachError(projectCode, { ...next, note: next.note ?? undefined }, breach, without);
    }
    const [before] = await listEntries(tx, p.id, entry.id);
    await tx.query(
      `UPDATE ledger_entries SET entry_date = $2, amount = $3, ref = $4, note = $5, version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`,
      [entry.id, next.date, next.amount, next.ref, next.note, ctx.actor.username],
    );
    const [after] = await listEntries(tx, p.id, entry.id);
    await audit(tx, ctx.actor, {
      action: 'update',
      entityType: 'ledger_entry',
      entityKey: `${projectCode}/${entry.kind}/${entry.ref}`,
      before: before!,
      after: after!,
      reason: input.reason,
    });
    return after!;
  });
}

/** Soft-deletes a ledger entry (it leaves every figure) or, for an admin, restores it; the ledger rules still hold after. */
export async function setEntryDeleted(ctx: Ctx, projectCode: string, entryId: string, deleted: boolean, reason: string): Promise<LedgerEntry> {
  return ctx.db.transaction(async (tx) => {
    if (!deleted) assertAdmin(ctx.actor, `restore ledger entries of project ${projectCode}`);
    const [entry] = await tx.query<{ id: bigint; kind: Kind; entry_date: string; amount: bigint; ref: string; deleted_at: Date | null }>(
      `SELECT e.id, e.kind, e.entry_date, e.amount, e.ref, e.deleted_at FROM ledger_entries e JOIN projects p ON p.id = e.project_id
        WHERE p.code = $1 AND e.id = $2`,
      [projectCode, /^\d+$/.test(entryId) ? entryId : '-1'],
    );
    if (!entry) throw notFound(`Ledger entry ${entryId} of project ${projectCode}`);
    const p = await lockProjectFor(tx, ctx.actor, projectCode, entry.kind === 'disbursement' ? 'record disbursements on' : 'adjust the budget of');
    if ((entry.deleted_at !== null) === deleted) throw new AppError('conflict', `The entry is ${deleted ? 'deleted' : 'not deleted'} already`);
    const others = await liveAmounts(tx, p.id, entry.id);
    const entries = deleted ? others : [...others, { kind: entry.kind, date: entry.entry_date, amount: entry.amount }];
    const breach = firstBreach(p.budget, entries);
    if (breach) {
      throw new AppError(
        'over_allocation',
        `${deleted ? 'Deleting' : 'Restoring'} this entry would leave project ${projectCode} with ${formatAmount(breach.disbursed)} disbursed of an allocation of ${formatAmount(breach.allocated)} as of ${breach.date}`,
      );
    }
    if (!deleted) {
      const [live] = await tx.query('SELECT 1 FROM ledger_entries WHERE project_id = $1 AND kind = $2 AND ref = $3 AND deleted_at IS NULL', [
        p.id,
        entry.kind,
        entry.ref,
      ]);
      if (live) throw new AppError('conflict', `Another ${entry.kind} with ref ${entry.ref} exists on project ${projectCode}`);
    }
    await tx.query(`UPDATE ledger_entries SET deleted_at = ${deleted ? 'now()' : 'NULL'} WHERE id = $1`, [entry.id]);
    const [after] = await listEntries(tx, p.id, entry.id);
    const key = `${projectCode}/${entry.kind}/${entry.ref}`;
    await audit(tx, ctx.actor, {
      action: deleted ? 'delete' : 'restore',
      entityType: 'ledger_entry',
      entityKey: key,
      before: { ...after!, deleted: !deleted },
      after: { ...after!, deleted },
      reason,
    });
    return after!;
  });
}
