import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { formatAmount, type Satang } from '../../core/money.ts';
import type { IsoDate } from '../../core/dates.ts';
import { lockProjectFor, lockProjectsFor, readableProjectRow } from '../projects/project.service.ts';
import type { LedgerProjectRow } from '../projects/project.queries.ts';
import { audit, auditMany } from '../audit/audit.service.ts';
import { assertAdmin } from '../users/access.ts';
import type { AdjustmentInput, DisbursementInput, LedgerEntry, UpdateEntryInput } from './ledger.schema.ts';
import type { LedgerBreach } from './ledger.rules.ts';
import { budgetLines, findEntry, liveCommitments, liveEntries, liveEntryWithRef } from './ledger.queries.ts';
import {
  categoryTotals,
  effectiveLines,
  firstCategoryBreach,
  resolveCategory,
  type BudgetLine,
  type CategorisedAmount,
  type Category,
} from './category.ts';
import { firstCommitmentBreach } from '../commitments/commitment.rules.ts';
import { commitmentFacts } from '../commitments/commitment.queries.ts';
import { pushTo } from '../../core/collections.ts';

type Kind = 'adjustment' | 'disbursement';

/** What an entry of a kind does to a project, in the words of the access rules. */
const actionOn = (kind: Kind) => (kind === 'disbursement' ? 'record disbursements on' : 'adjust the budget of');

interface NewEntry {
  kind: Kind;
  date: IsoDate;
  amount: Satang;
  ref: string;
  note?: string | undefined;
  category?: Category | undefined;
  /** the number of the commitment a disbursement pays */
  commitment?: string | undefined;
}

/** The rules of the ledger by category and the commitment limit, on the entries as they would be. */
export async function checkLedgerRules(
  q: Queryable,
  projectCode: string,
  lines: BudgetLine[],
  entries: (CategorisedAmount & { commitmentId?: bigint | null })[],
  newEntry: NewEntry & { category: Category },
  commitments?: { date: string; amount: bigint; category: Category }[],
): Promise<AppError | null> {
  const breach = firstCategoryBreach(lines, entries);
  if (breach) {
    const others = entries.filter((e) => e !== (newEntry as unknown));
    const totals = categoryTotals(lines, others, breach.category);
    const err = breachError(projectCode, newEntry, breach, totals);
    return lines.length > 1 || breach.category !== 'operating'
      ? new AppError(err.code, `${err.message} (${breach.category} budget)`, { ...(err.details as object), category: breach.category })
      : err;
  }
  // Without any commitment (none live, no entry paying one) the limit is allocation - disbursed >= 0,
  // which the ledger rule just checked on every date: nothing more to check.
  if (!commitments?.length && entries.every((e) => e.commitmentId === null || e.commitmentId === undefined)) return null;
  const facts = entries.map((e) => ({ ...e, againstCommitment: e.commitmentId !== null && e.commitmentId !== undefined }));
  const cb = firstCommitmentBreach(lines, facts, commitments ?? []);
  if (cb) {
    const f = cb.figures;
    return new AppError(
      'over_allocation',
      `This ${newEntry.kind} would leave project ${projectCode} with ${formatAmount(f.committed)} committed and ${formatAmount(f.disbursed - f.disbursedAgainstCommitments)} disbursed without a commitment, above its ${cb.category} allocation of ${formatAmount(f.allocated)} as of ${cb.date}`,
      { field: 'amount', date: cb.date, category: cb.category, uncommitted: formatAmount(f.uncommitted) },
    );
  }
  return null;
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

/** A disbursement is paid against a commitment only before the date it was cancelled. */
function assertNotCancelledOn(number: string, cancelledOn: string | null, date: string): void {
  if (cancelledOn !== null && date >= cancelledOn) {
    throw new AppError('conflict', `Commitment ${number} was cancelled on ${cancelledOn}: nothing dated ${date} can be paid against it`, {
      field: 'commitment',
    });
  }
}

/** What the rules of a new entry need of its project: the locked row, its lines, live commitments and live entries. */
interface ProjectLedger {
  row: LedgerProjectRow;
  lines: BudgetLine[];
  /** its live commitments, by number */
  commitments: { id: bigint; number: string; amount: bigint; category: Category; cancelledOn: string | null }[];
  /** the same as the dated amounts of the commitment limit (a cancellation releases what was unpaid on its date) */
  commitmentFacts: { date: string; amount: bigint; category: Category }[];
  entries: (CategorisedAmount & { commitmentId: bigint | null; ref: string })[];
}

/** The ledgers of locked projects (four queries, whatever their number). */
async function loadLedgers(q: Queryable, rows: readonly LedgerProjectRow[]): Promise<Map<bigint, ProjectLedger>> {
  const ids = rows.map((r) => String(r.id));
  // One after the other: a transaction is one connection.
  const lines = await q.query<{ project_id: bigint; category: Category; amount: bigint }>(
    'SELECT project_id, category, amount FROM project_budget_lines WHERE project_id = ANY($1::bigint[])',
    [ids],
  );
  const commitments = await q.query<{
    project_id: bigint;
    id: bigint;
    number: string;
    amount: bigint;
    category: Category;
    cancelled_on: string | null;
  }>('SELECT project_id, id, number, amount, category, cancelled_on FROM commitments WHERE project_id = ANY($1::bigint[]) AND deleted_at IS NULL', [
    ids,
  ]);
  const facts = await commitmentFacts(
    q,
    rows.map((r) => r.id),
  );
  const entries = await q.query<{
    project_id: bigint;
    kind: Kind;
    entry_date: string;
    amount: bigint;
    category: Category;
    commitment_id: bigint | null;
    ref: string;
  }>(
    `SELECT project_id, kind, entry_date, amount, category, commitment_id, ref FROM ledger_entries
        WHERE project_id = ANY($1::bigint[]) AND deleted_at IS NULL`,
    [ids],
  );
  const out = new Map<bigint, ProjectLedger>();
  const ownLines = new Map<bigint, BudgetLine[]>();
  for (const l of lines) pushTo(ownLines, l.project_id, { category: l.category, amount: l.amount });
  for (const r of rows)
    out.set(r.id, {
      row: r,
      lines: effectiveLines(r.budget, ownLines.get(r.id) ?? []),
      commitments: [],
      commitmentFacts: facts.get(r.id) ?? [],
      entries: [],
    });
  for (const c of commitments)
    out.get(c.project_id)!.commitments.push({ id: c.id, number: c.number, amount: c.amount, category: c.category, cancelledOn: c.cancelled_on });
  for (const e of entries)
    out.get(e.project_id)!.entries.push({
      kind: e.kind,
      date: e.entry_date,
      amount: e.amount,
      category: e.category,
      commitmentId: e.commitment_id,
      ref: e.ref,
    });
  return out;
}

type Decision = { outcome: 'unchanged' } | { outcome: 'added'; category: Category; commitment: ProjectLedger['commitments'][number] | undefined };

/**
 * Every rule of the ledger on one new entry of a locked project: no entry on a cancelled project,
 * disbursed never above the allocation nor below zero (per category, on every date), a contract
 * paid within its amount, and a document reference used once per project (the same entry again
 * is a no-op). Throws the AppError naming what is wrong.
 */
async function decideEntry(q: Queryable, s: ProjectLedger, projectCode: string, e: NewEntry): Promise<Decision> {
  const same = s.entries.find((x) => x.kind === e.kind && x.ref === e.ref);
  if (same) {
    if (same.date === e.date && same.amount === e.amount) return { outcome: 'unchanged' };
    throw new AppError(
      'conflict',
      `Project ${projectCode} already has ${e.kind} ${e.ref} with other values (${same.date}, ${formatAmount(same.amount)})`,
      {
        field: 'ref',
      },
    );
  }
  if (s.row.status === 'cancelled') {
    throw new AppError('project_cancelled', `Project ${projectCode} is cancelled: no ${e.kind} can be recorded on it`, { field: 'project_code' });
  }
  let commitment: ProjectLedger['commitments'][number] | undefined;
  if (e.commitment !== undefined) {
    if (e.kind !== 'disbursement') throw new AppError('validation', 'Only a disbursement is paid against a commitment', { field: 'commitment' });
    commitment = s.commitments.find((x) => x.number === e.commitment);
    if (!commitment) throw notFound(`Commitment ${e.commitment} of project ${projectCode}`, 'commitment');
    assertNotCancelledOn(e.commitment, commitment.cancelledOn, e.date);
  }
  const resolved = resolveCategory(s.lines, e.category ?? commitment?.category);
  if (!resolved.ok) throw new AppError('validation', `Project ${projectCode}: ${resolved.message}`, { field: 'category' });
  const category = resolved.category;
  if (commitment && commitment.category !== category) {
    throw new AppError('validation', `Commitment ${commitment.number} is of the ${commitment.category} budget, not ${category}`, {
      field: 'category',
    });
  }
  if (commitment) {
    const paidTo = commitment.id;
    const paid = s.entries.filter((x) => x.commitmentId === paidTo).reduce((sum, x) => sum + x.amount, 0n);
    if (paid + e.amount > commitment.amount || paid + e.amount < 0n) {
      throw new AppError(
        'over_allocation',
        `A disbursement of ${formatAmount(e.amount)} against commitment ${commitment.number} would make ${formatAmount(paid + e.amount)} paid of its ${formatAmount(commitment.amount)}`,
        { field: 'amount', commitmentAmount: formatAmount(commitment.amount), paid: formatAmount(paid) },
      );
    }
  }
  const next = { ...e, category, commitmentId: commitment?.id ?? null };
  const problem = await checkLedgerRules(q, projectCode, s.lines, [...s.entries, next], next, s.commitmentFacts);
  if (problem) throw problem;
  return { outcome: 'added', category, commitment };
}

interface Accepted {
  s: ProjectLedger;
  projectCode: string;
  e: NewEntry;
  category: Category;
  commitment: ProjectLedger['commitments'][number] | undefined;
}

/** Inserts accepted entries (one statement) and their audit records (one statement). */
async function insertEntries(q: Queryable, accepted: readonly Accepted[], actor: Actor, action: 'create' | 'import'): Promise<void> {
  if (!accepted.length) return;
  const col = <T>(f: (a: Accepted) => T) => accepted.map(f);
  const rows = await q.query<{ id: bigint; project_id: bigint; kind: Kind; ref: string }>(
    `INSERT INTO ledger_entries (project_id, kind, entry_date, amount, ref, note, created_by, category, commitment_id)
     SELECT u.project_id, u.kind, u.entry_date, u.amount, u.ref, u.note, $7, u.category, u.commitment_id
       FROM unnest($1::bigint[], $2::text[], $3::date[], $4::bigint[], $5::text[], $6::text[], $8::text[], $9::bigint[])
            AS u(project_id, kind, entry_date, amount, ref, note, category, commitment_id)
     RETURNING id, project_id, kind, ref`,
    [
      col((a) => String(a.s.row.id)),
      col((a) => a.e.kind),
      col((a) => a.e.date),
      col((a) => String(a.e.amount)),
      col((a) => a.e.ref),
      col((a) => a.e.note || null) as string[],
      actor.username,
      col((a) => a.category),
      col((a) => (a.commitment ? String(a.commitment.id) : null)) as string[],
    ],
  );
  const idOf = new Map(rows.map((r) => [`${r.project_id}/${r.kind}/${r.ref}`, r.id]));
  await auditMany(
    q,
    actor,
    accepted.map(({ s, projectCode, e, category, commitment }) => ({
      action,
      entityType: 'ledger_entry',
      entityKey: `${projectCode}/${e.kind}/${e.ref}`,
      after: {
        id: idOf.get(`${s.row.id}/${e.kind}/${e.ref}`)!,
        project: projectCode,
        kind: e.kind,
        date: e.date,
        amount: formatAmount(e.amount),
        ref: e.ref,
        note: e.note ?? null,
        category,
        commitment: commitment?.number ?? null,
      },
      reason: e.kind === 'adjustment' ? (e.note ?? null) : null,
    })),
  );
}

/**
 * Records one ledger entry inside the caller's transaction, after every rule of the ledger
 * (decideEntry): the project is locked and the actor's right to write it checked first.
 */
export async function recordEntry(
  q: Queryable,
  projectCode: string,
  e: NewEntry,
  actor: Actor,
  action: 'create' | 'import' = 'create',
): Promise<RecordOutcome> {
  const p = await lockProjectFor(q, actor, projectCode, actionOn(e.kind));
  const s = (await loadLedgers(q, [p])).get(p.id)!;
  const d = await decideEntry(q, s, projectCode, e);
  if (d.outcome === 'unchanged') return 'unchanged';
  await insertEntries(q, [{ s, projectCode, e, category: d.category, commitment: d.commitment }], actor, action);
  return 'added';
}

/**
 * Records many entries of one kind inside the caller's transaction, in their order, under the
 * same rules and with the same rows and audit records as recordEntry one by one, but in a few
 * statements: the projects are locked together (in id order), their ledgers read at once, each
 * entry decided against its project's ledger as the entries before it left it, and the accepted
 * entries inserted together. Gives each entry's outcome, or the error that refused it (the
 * caller decides whether to go on: an import rejects the whole file).
 */
export async function recordEntries(
  q: Queryable,
  kind: Kind,
  items: readonly { projectCode: string; entry: Omit<NewEntry, 'kind'> }[],
  actor: Actor,
  action: 'create' | 'import' = 'import',
): Promise<(RecordOutcome | AppError)[]> {
  const locked = await lockProjectsFor(q, actor, [...new Set(items.map((i) => i.projectCode))], actionOn(kind));
  const ledgers = await loadLedgers(
    q,
    [...locked.values()].filter((r): r is LedgerProjectRow => !(r instanceof AppError)),
  );
  const accepted: Accepted[] = [];
  const outcomes: (RecordOutcome | AppError)[] = [];
  for (const { projectCode, entry } of items) {
    const row = locked.get(projectCode)!;
    if (row instanceof AppError) {
      outcomes.push(row);
      continue;
    }
    const s = ledgers.get(row.id)!;
    const e: NewEntry = { ...entry, kind };
    try {
      const d = await decideEntry(q, s, projectCode, e);
      if (d.outcome === 'added') {
        accepted.push({ s, projectCode, e, category: d.category, commitment: d.commitment });
        // The entries after it see it, as they would once it is inserted.
        s.entries.push({ kind, date: e.date, amount: e.amount, category: d.category, commitmentId: d.commitment?.id ?? null, ref: e.ref });
      }
      outcomes.push(d.outcome);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push(err);
    }
  }
  await insertEntries(q, accepted, actor, action);
  return outcomes;
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
    category: Category;
    commitment: string | null;
    version: number;
    created_at: Date;
    created_by: string;
    updated_at: Date | null;
    updated_by: string | null;
  }>(
    `SELECT e.id, e.kind, e.entry_date, e.amount, e.ref, e.note, e.category, c.number AS commitment, e.version, e.created_at, e.created_by,
            e.updated_at, e.updated_by
       FROM ledger_entries e LEFT JOIN commitments c ON c.id = e.commitment_id
      WHERE e.project_id = $1 AND ${entryId === undefined ? 'e.deleted_at IS NULL' : 'e.id = $2'} ORDER BY e.entry_date, e.id`,
    entryId === undefined ? [projectId] : [projectId, entryId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    date: r.entry_date,
    amount: formatAmount(r.amount),
    ref: r.ref,
    note: r.note,
    category: r.category,
    commitment: r.commitment,
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
    const found = await findEntry(tx, projectCode, entryId);
    const entry = found && found.deleted_at === null ? found : undefined;
    if (!entry) throw notFound(`Ledger entry ${entryId} of project ${projectCode}`);
    const p = await lockProjectFor(tx, ctx.actor, projectCode, actionOn(entry.kind));
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
      if (await liveEntryWithRef(tx, p.id, entry.kind, next.ref))
        throw new AppError('conflict', `Project ${projectCode} already has ${entry.kind} ${next.ref}`, { field: 'ref' });
    }
    const lines = effectiveLines(p.budget, await budgetLines(tx, p.id));
    // The category and the commitment paid may be corrected too.
    let commitmentId = entry.commitment_id;
    let commitmentCategory: Category | null = null;
    if (input.commitment !== undefined) {
      if (input.commitment === null) commitmentId = null;
      else {
        if (entry.kind !== 'disbursement')
          throw new AppError('validation', 'Only a disbursement is paid against a commitment', { field: 'commitment' });
        const [c] = await tx.query<{ id: bigint; category: Category }>(
          'SELECT id, category FROM commitments WHERE project_id = $1 AND number = $2 AND deleted_at IS NULL',
          [p.id, input.commitment],
        );
        if (!c) throw notFound(`Commitment ${input.commitment} of project ${projectCode}`, 'commitment');
        commitmentId = c.id;
        commitmentCategory = c.category;
      }
    }
    const resolved = resolveCategory(lines, input.category ?? commitmentCategory ?? entry.category);
    if (!resolved.ok) throw new AppError('validation', `Project ${projectCode}: ${resolved.message}`, { field: 'category' });
    const category = resolved.category;
    const corrected = { ...next, note: next.note ?? undefined, category, commitmentId };
    if (commitmentId !== null) await assertPayableAgainst(tx, commitmentId, { ...next, category, id: entry.id }, 'This correction');
    // The message names a date against the totals without the entry being corrected.
    const problem = await checkLedgerRules(
      tx,
      projectCode,
      lines,
      [...(await liveEntries(tx, p.id, entry.id)), corrected],
      corrected,
      await liveCommitments(tx, p.id),
    );
    if (problem) throw problem;
    const [before] = await listEntries(tx, p.id, entry.id);
    await tx.query(
      `UPDATE ledger_entries SET entry_date = $2, amount = $3, ref = $4, note = $5, category = $7, commitment_id = $8,
              version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`,
      [entry.id, next.date, next.amount, next.ref, next.note, ctx.actor.username, category, commitmentId],
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

/**
 * A payment already recorded (corrected, or restored) against a commitment: dated before the commitment's
 * cancellation, of its budget category, and within its amount with the other payments against it.
 */
async function assertPayableAgainst(
  tx: Queryable,
  commitmentId: bigint,
  payment: { id: bigint; date: string; amount: bigint; category: Category },
  what: string,
): Promise<void> {
  const [c] = await tx.query<{ number: string; amount: bigint; category: Category; cancelled_on: string | null }>(
    'SELECT number, amount, category, cancelled_on FROM commitments WHERE id = $1',
    [commitmentId],
  );
  assertNotCancelledOn(c!.number, c!.cancelled_on, payment.date);
  if (c!.category !== payment.category) {
    throw new AppError('validation', `Commitment ${c!.number} is of the ${c!.category} budget, not ${payment.category}`, { field: 'category' });
  }
  const [paid] = await tx.query<{ total: bigint }>(
    'SELECT coalesce(sum(amount), 0)::bigint AS total FROM ledger_entries WHERE commitment_id = $1 AND deleted_at IS NULL AND id <> $2',
    [commitmentId, payment.id],
  );
  const total = paid!.total + payment.amount;
  if (total > c!.amount || total < 0n) {
    throw new AppError(
      'over_allocation',
      `${what} would make ${formatAmount(total)} paid against commitment ${c!.number} of ${formatAmount(c!.amount)}`,
      { field: 'amount' },
    );
  }
}

/** Soft-deletes a ledger entry (it leaves every figure) or, for an admin, restores it; the ledger rules still hold after. */
export async function setEntryDeleted(ctx: Ctx, projectCode: string, entryId: string, deleted: boolean, reason: string): Promise<LedgerEntry> {
  return ctx.db.transaction(async (tx) => {
    if (!deleted) assertAdmin(ctx.actor, `restore ledger entries of project ${projectCode}`);
    const entry = await findEntry(tx, projectCode, entryId);
    if (!entry) throw notFound(`Ledger entry ${entryId} of project ${projectCode}`);
    const p = await lockProjectFor(tx, ctx.actor, projectCode, actionOn(entry.kind));
    if ((entry.deleted_at !== null) === deleted) throw new AppError('conflict', `The entry is ${deleted ? 'deleted' : 'not deleted'} already`);
    const others = await liveEntries(tx, p.id, entry.id);
    const entries = deleted
      ? others
      : [...others, { kind: entry.kind, date: entry.entry_date, amount: entry.amount, category: entry.category, commitmentId: entry.commitment_id }];
    const lines = effectiveLines(p.budget, await budgetLines(tx, p.id));
    const breach = firstCategoryBreach(lines, entries);
    const cb = breach
      ? null
      : firstCommitmentBreach(
          lines,
          entries.map((e) => ({ ...e, againstCommitment: e.commitmentId !== null })),
          await liveCommitments(tx, p.id),
        );
    if (cb) {
      throw new AppError(
        'over_allocation',
        `${deleted ? 'Deleting' : 'Restoring'} this entry would leave project ${projectCode} with ${formatAmount(cb.figures.committed)} committed and ${formatAmount(cb.figures.disbursed - cb.figures.disbursedAgainstCommitments)} disbursed without a commitment, above its ${cb.category} allocation of ${formatAmount(cb.figures.allocated)} as of ${cb.date}`,
      );
    }
    if (breach) {
      throw new AppError(
        'over_allocation',
        `${deleted ? 'Deleting' : 'Restoring'} this entry would leave project ${projectCode} with ${formatAmount(breach.disbursed)} disbursed of an allocation of ${formatAmount(breach.allocated)} as of ${breach.date}`,
      );
    }
    if (!deleted) {
      if (entry.commitment_id !== null)
        await assertPayableAgainst(
          tx,
          entry.commitment_id,
          { id: entry.id, date: entry.entry_date, amount: entry.amount, category: entry.category },
          'Restoring this entry',
        );
      if (await liveEntryWithRef(tx, p.id, entry.kind, entry.ref))
        throw new AppError('conflict', `Another ${entry.kind} with ref ${entry.ref} exists on project ${projectCode}`);
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
