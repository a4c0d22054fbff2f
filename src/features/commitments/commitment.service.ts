import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatAmount, sumSatang } from '../../core/money.ts';
import { todayIso, type IsoDate } from '../../core/dates.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadProject } from '../users/access.ts';
import { lockProjectFor, requireProjectRow, targetOf } from '../projects/project.service.ts';
import { effectiveLines, resolveCategory } from '../budget/category.ts';
import { budgetLines, liveCommitments, liveEntries } from '../budget/ledger.queries.ts';
import { commitmentFigures, firstCommitmentBreach } from './commitment.rules.ts';
import { commitmentRows, toCommitment } from './commitment.queries.ts';
import type { Commitment, CommitmentCancellation, CommitmentCorrection, CommitmentInput, ProjectCommitments } from './commitment.schema.ts';

/**
 * Records a commitment (contract or purchase order) inside the caller's transaction. Refused
 * above the uncommitted balance of its category, on its date or any later date; the same
 * number with the same values again is a no-op.
 */
export async function insertCommitment(
  q: Queryable,
  actor: Actor,
  code: string,
  input: CommitmentInput,
  action: 'create' | 'import' = 'create',
): Promise<'added' | 'unchanged'> {
  const p = await lockProjectFor(q, actor, code, 'record commitments on');
  const [same] = await commitmentRows(q, p.id, input.number);
  const lines = effectiveLines(p.budget, await budgetLines(q, p.id));
  const resolved = resolveCategory(lines, input.category);
  if (!resolved.ok) throw new AppError('validation', `Project ${code}: ${resolved.message}`, { field: 'category' });
  const category = resolved.category;
  if (same) {
    if (same.commit_date === input.date && same.amount === input.amount && same.vendor === input.vendor && same.category === category) {
      return 'unchanged';
    }
    throw new AppError(
      'conflict',
      `Project ${code} already has commitment ${input.number} with other values (${same.commit_date}, ${formatAmount(same.amount)})`,
      {
        field: 'number',
      },
    );
  }
  if (p.status === 'cancelled') throw new AppError('project_cancelled', `Project ${code} is cancelled: no commitment can be recorded on it`);
  const entries = (await liveEntries(q, p.id)).map((e) => ({ ...e, againstCommitment: e.commitmentId !== null }));
  const existing = await liveCommitments(q, p.id);
  const breach = firstCommitmentBreach(lines, entries, [...existing, { date: input.date, amount: input.amount, category }]);
  if (breach) {
    const before = commitmentFigures(
      lines.find((l) => l.category === breach.category)?.amount ?? 0n,
      entries,
      existing,
      breach.date,
      breach.category,
    );
    const onDate = breach.date === input.date ? `on ${input.date}` : `as of ${breach.date}`;
    throw new AppError(
      'over_allocation',
      `A commitment of ${formatAmount(input.amount)} is above the uncommitted balance of project ${code} (${category} budget) ${onDate}: ${formatAmount(before.uncommitted)} of its ${formatAmount(before.allocated)} allocation remains uncommitted`,
      { field: 'amount', date: breach.date, category, uncommitted: formatAmount(before.uncommitted), allocated: formatAmount(before.allocated) },
    );
  }
  const [row] = await q.query<{ id: bigint }>(
    `INSERT INTO commitments (project_id, number, kind, commit_date, vendor, amount, category, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [p.id, input.number, input.kind, input.date, input.vendor, input.amount, category, input.note || null, actor.username],
  );
  await audit(q, actor, {
    action,
    entityType: 'commitment',
    entityKey: `${code}/${input.number}`,
    after: { id: row!.id, project: code, ...input, amount: formatAmount(input.amount), category },
  });
  return 'added';
}

export async function recordCommitment(ctx: Ctx, code: string, input: CommitmentInput): Promise<'added' | 'unchanged'> {
  return ctx.db.transaction((tx) => insertCommitment(tx, ctx.actor, code, input));
}

/** A project's commitments and its committed / uncommitted figures as of a date, in total and by category. */
export async function listCommitments(q: Queryable, actor: Actor, code: string, asOf: IsoDate = todayIso()): Promise<ProjectCommitments> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  const lines = effectiveLines(p.budget, await budgetLines(q, p.id));
  const entries = (await liveEntries(q, p.id)).map((e) => ({ ...e, againstCommitment: e.commitmentId !== null }));
  const commitments = await liveCommitments(q, p.id);
  const fig = (category: (typeof lines)[number]['category'] | null, line: bigint) => {
    const f = commitmentFigures(line, entries, commitments, asOf, category);
    return {
      category,
      allocated: formatAmount(f.allocated),
      committed: formatAmount(f.committed),
      disbursed: formatAmount(f.disbursed),
      disbursedAgainstCommitments: formatAmount(f.disbursedAgainstCommitments),
      uncommitted: formatAmount(f.uncommitted),
    };
  };
  return {
    project: code,
    asOf,
    items: (await commitmentRows(q, p.id)).map(toCommitment),
    figures: [fig(null, sumSatang(lines.map((l) => l.amount))), ...lines.map((l) => fig(l.category, l.amount))],
  };
}

export async function getCommitment(q: Queryable, actor: Actor, code: string, number: string): Promise<Commitment> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  const [row] = await commitmentRows(q, p.id, number);
  if (!row) throw new AppError('not_found', `Commitment ${number} of project ${code} not found`);
  return toCommitment(row);
}

/** Deletes a commitment (soft, with a reason); refused while disbursements are paid against it. */
export async function deleteCommitment(ctx: Ctx, code: string, number: string, reason: string): Promise<Commitment> {
  return ctx.db.transaction(async (tx) => {
    const p = await lockProjectFor(tx, ctx.actor, code, 'record commitments on');
    const [row] = await commitmentRows(tx, p.id, number);
    if (!row) throw new AppError('not_found', `Commitment ${number} of project ${code} not found`);
    const [paid] = await tx.query<{ n: bigint }>('SELECT count(*) AS n FROM ledger_entries WHERE commitment_id = $1 AND deleted_at IS NULL', [
      row.id,
    ]);
    if (paid!.n > 0n) {
      throw new AppError(
        'conflict',
        `Commitment ${number} of project ${code} has ${paid!.n} disbursement(s) paid against it: delete or correct them first`,
      );
    }
    await tx.query('UPDATE commitments SET deleted_at = now() WHERE id = $1', [row.id]);
    const before = toCommitment(row);
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'commitment', entityKey: `${code}/${number}`, before, after: null, reason });
    return before;
  });
}

/** The live commitment of a project by number, locked, with the version check. */
async function lockedCommitment(q: Queryable, projectId: bigint, code: string, number: string, version: number | undefined) {
  const [row] = await commitmentRows(q, projectId, number, true);
  if (!row) throw new AppError('not_found', `Commitment ${number} of project ${code} not found`);
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      'conflict',
      `Commitment ${number} of project ${code} was changed since you read it (your version ${version}, now ${row.version}): reload it`,
      { field: 'version', currentVersion: row.version, current: toCommitment(row) },
    );
  }
  return row;
}

/**
 * Corrects a commitment's date, vendor, amount, kind or note, with a reason. A correction fixes
 * the record for every date (the old values stay in the audit trail); the uncommitted-balance
 * limit is checked on every date with the corrected values, and the amount never falls below
 * what was paid against it. A cancelled commitment is not corrected.
 */
export async function correctCommitment(ctx: Ctx, code: string, number: string, input: CommitmentCorrection): Promise<Commitment> {
  return ctx.db.transaction(async (tx) => {
    const p = await lockProjectFor(tx, ctx.actor, code, 'record commitments on');
    const row = await lockedCommitment(tx, p.id, code, number, input.version);
    if (row.cancelled_on !== null)
      throw new AppError('conflict', `Commitment ${number} of project ${code} was cancelled on ${row.cancelled_on}: it can no longer be corrected`);
    const date = input.date ?? row.commit_date;
    const amount = input.amount ?? row.amount;
    if (amount < row.paid) {
      throw new AppError(
        'validation',
        `Commitment ${number} of project ${code} has ${formatAmount(row.paid)} paid against it: its amount cannot be ${formatAmount(amount)}`,
        { field: 'amount' },
      );
    }
    const [early] = await tx.query<{ entry_date: string }>(
      'SELECT min(entry_date) AS entry_date FROM ledger_entries WHERE commitment_id = $1 AND deleted_at IS NULL',
      [row.id],
    );
    if (early?.entry_date && date > early.entry_date) {
      throw new AppError(
        'validation',
        `Commitment ${number} of project ${code} was paid against on ${early.entry_date}: it cannot have been signed later (${date})`,
        { field: 'date' },
      );
    }
    const lines = effectiveLines(p.budget, await budgetLines(tx, p.id));
    const entries = (await liveEntries(tx, p.id)).map((e) => ({ ...e, againstCommitment: e.commitmentId !== null }));
    const others = (await liveCommitments(tx, p.id)).filter((c) => c.id !== row.id);
    const breach = firstCommitmentBreach(lines, entries, [...others, { date, amount, category: row.category }]);
    if (breach) {
      const before = commitmentFigures(
        lines.find((l) => l.category === breach.category)?.amount ?? 0n,
        entries,
        others,
        breach.date,
        breach.category,
      );
      throw new AppError(
        'over_allocation',
        `A commitment of ${formatAmount(amount)} on ${date} is above the uncommitted balance of project ${code} (${row.category} budget) as of ${breach.date}: ${formatAmount(before.uncommitted)} of its ${formatAmount(before.allocated)} allocation remains uncommitted without it`,
        {
          field: 'amount',
          date: breach.date,
          category: row.category,
          uncommitted: formatAmount(before.uncommitted),
          allocated: formatAmount(before.allocated),
        },
      );
    }
    await tx.query(
      `UPDATE commitments SET commit_date = $2, vendor = $3, amount = $4, kind = $5, note = $6, version = version + 1, updated_at = now(), updated_by = $7
        WHERE id = $1`,
      [
        row.id,
        date,
        input.vendor ?? row.vendor,
        amount,
        input.kind ?? row.kind,
        input.note === undefined ? row.note : input.note || null,
        ctx.actor.username,
      ],
    );
    const [after] = await commitmentRows(tx, p.id, number);
    const out = toCommitment(after!);
    await audit(tx, ctx.actor, {
      action: 'update',
      entityType: 'commitment',
      entityKey: `${code}/${number}`,
      before: toCommitment(row),
      after: out,
      reason: input.reason,
    });
    return out;
  });
}

/**
 * Cancels a commitment from a date, with a reason: before that date it counts in full (figures
 * as of earlier dates do not change); from it only what was paid against it before the date
 * counts, the rest returning to the uncommitted balance. Nothing dated on or after it can be paid
 * against it, and a payment already so dated refuses the cancellation.
 */
export async function cancelCommitment(ctx: Ctx, code: string, number: string, input: CommitmentCancellation): Promise<Commitment> {
  return ctx.db.transaction(async (tx) => {
    const p = await lockProjectFor(tx, ctx.actor, code, 'record commitments on');
    const row = await lockedCommitment(tx, p.id, code, number, input.version);
    if (row.cancelled_on !== null)
      throw new AppError('conflict', `Commitment ${number} of project ${code} was already cancelled on ${row.cancelled_on}`);
    if (input.date < row.commit_date) {
      throw new AppError(
        'validation',
        `Commitment ${number} of project ${code} cannot be cancelled (${input.date}) before it was signed (${row.commit_date})`,
        {
          field: 'date',
        },
      );
    }
    const [late] = await tx.query<{ entry_date: string }>(
      'SELECT max(entry_date) AS entry_date FROM ledger_entries WHERE commitment_id = $1 AND deleted_at IS NULL',
      [row.id],
    );
    if (late?.entry_date && late.entry_date >= input.date) {
      throw new AppError(
        'conflict',
        `Commitment ${number} of project ${code} has a disbursement paid against it on ${late.entry_date}: it cannot be cancelled from ${input.date}`,
        { field: 'date' },
      );
    }
    await tx.query('UPDATE commitments SET cancelled_on = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1', [
      row.id,
      input.date,
      ctx.actor.username,
    ]);
    const [after] = await commitmentRows(tx, p.id, number);
    const out = toCommitment(after!);
    await audit(tx, ctx.actor, {
      action: 'cancel',
      entityType: 'commitment',
      entityKey: `${code}/${number}`,
      before: toCommitment(row),
      after: out,
      reason: input.reason,
    });
    return out;
  });
}
