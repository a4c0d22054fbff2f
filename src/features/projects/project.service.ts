import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, isAppError, notFound } from '../../core/errors.ts';
import { todayIso, type IsoDate } from '../../core/dates.ts';
import { formatAmount } from '../../core/money.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin, assertCanReadProject, assertCanWriteProject, isAdmin, type ProjectAction, type ProjectTarget } from '../users/access.ts';
import type { ChangeStatusInput, CreateProjectInput, Project, ProjectListQuery, StatusChange, UpdateProjectInput } from './project.schema.ts';
import {
  findLedgerProjectRows,
  findProjectRow,
  insertStatusChange,
  queryProjects,
  statusHistories,
  statusHistory,
  toProject,
  type LedgerProjectRow,
  type ProjectRow,
} from './project.queries.ts';
import { allowedTransitions, canTransition } from './project.status.ts';
import { firstBreach } from '../budget/ledger.rules.ts';
import { budgetLines, liveAmounts, liveCommitments, liveEntries } from '../budget/ledger.queries.ts';
import { DEFAULT_CATEGORY, firstCategoryBreach } from '../budget/category.ts';
import { firstCommitmentBreach } from '../commitments/commitment.rules.ts';

const FAR_FUTURE = '9999-12-31';

export async function requireProjectRow(
  q: Queryable,
  code: string,
  asOf: IsoDate = todayIso(),
  opts: { forUpdate?: boolean; includeDeleted?: boolean } = {},
): Promise<ProjectRow> {
  const row = await findProjectRow(q, code, asOf, opts);
  if (!row) throw notFound(`Project ${code}`, 'project_code');
  return row;
}

export const targetOf = (r: Pick<ProjectRow, 'id' | 'code' | 'fiscal_year' | 'owner_kind' | 'owner_code'>): ProjectTarget => ({
  id: r.id,
  code: r.code,
  fiscalYear: r.fiscal_year,
  ownerKind: r.owner_kind,
  ownerCode: r.owner_code,
});

/** Locks a project for a change by the actor, after checking the actor may make it. */
export async function lockProjectFor(
  q: Queryable,
  actor: Actor,
  code: string,
  action: ProjectAction,
  opts: { includeDeleted?: boolean } = {},
): Promise<ProjectRow> {
  const row = await requireProjectRow(q, code, FAR_FUTURE, { forUpdate: true, ...opts });
  await assertCanWriteProject(q, actor, targetOf(row), action);
  return row;
}

/**
 * Locks many projects (in id order, so that two writers cannot deadlock) for a change by the
 * actor: each code's row, or the error lockProjectFor would have thrown for it.
 */
export async function lockProjectsFor(
  q: Queryable,
  actor: Actor,
  codes: readonly string[],
  action: ProjectAction,
): Promise<Map<string, LedgerProjectRow | AppError>> {
  await q.query('SELECT id FROM projects WHERE code = ANY($1::text[]) ORDER BY id FOR UPDATE', [[...codes]]);
  const rows = await findLedgerProjectRows(q, codes);
  const out = new Map<string, LedgerProjectRow | AppError>();
  for (const code of codes) {
    const row = rows.get(code);
    if (!row) {
      out.set(code, notFound(`Project ${code}`, 'project_code'));
      continue;
    }
    try {
      await assertCanWriteProject(q, actor, targetOf(row), action);
      out.set(code, row);
    } catch (e) {
      if (!isAppError(e)) throw e;
      out.set(code, e);
    }
  }
  return out;
}

/** The audited picture of a project: its own fields, not figures derived from the ledger. */
const snapshot = (r: ProjectRow) => ({
  code: r.code,
  fiscalYear: r.fiscal_year,
  owner: r.owner_code,
  nameTh: r.name_th,
  agency: r.agency,
  budget: formatAmount(r.budget),
  status: r.status,
  version: r.version,
  deleted: r.deleted_at !== null,
});

/** Inserts a project inside the caller's transaction (used by the API, imports and the demo). */
export async function insertProject(q: Queryable, input: CreateProjectInput, actor: Actor, action: 'create' | 'import' = 'create'): Promise<void> {
  const owner = await resolveOwner(q, input.owner, input.fiscalYear);
  await assertCanWriteProject(
    q,
    actor,
    { id: null, code: input.code, fiscalYear: input.fiscalYear, ownerKind: owner.kind, ownerCode: owner.code },
    'create',
  );
  const existing = await q.query('SELECT 1 FROM projects WHERE code = $1', [input.code]);
  if (existing.length) throw new AppError('conflict', `A project with code ${input.code} already exists`, { field: 'code' });
  const [row] = await q.query<{ id: bigint }>(
    `INSERT INTO projects (code, fiscal_year, owner_kind, cluster_id, province_code, name_th, agency, budget, status, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [
      input.code,
      input.fiscalYear,
      owner.kind,
      owner.kind === 'cluster' ? owner.clusterId : null,
      owner.kind === 'province' ? owner.code : null,
      input.nameTh,
      input.agency || null,
      input.budget,
      input.status,
      actor.username,
    ],
  );
  await insertStatusChange(q, row!.id, null, input.status, input.statusDate ?? todayIso(), null, actor.username);
  const after = snapshot(await requireProjectRow(q, input.code, FAR_FUTURE));
  await audit(q, actor, { action, entityType: 'project', entityKey: input.code, after });
}

export async function createProject(ctx: Ctx, input: CreateProjectInput): Promise<Project> {
  return ctx.db.transaction(async (tx) => {
    await insertProject(tx, input, ctx.actor);
    return toProject(await requireProjectRow(tx, input.code), todayIso());
  });
}

/** A project the actor may read: administrators see soft-deleted ones too. */
export async function readableProjectRow(q: Queryable, actor: Actor, code: string, asOf: IsoDate = todayIso()): Promise<ProjectRow> {
  const row = await requireProjectRow(q, code, asOf, { includeDeleted: isAdmin(actor) });
  await assertCanReadProject(q, actor, targetOf(row));
  return row;
}

export async function getProject(q: Queryable, actor: Actor, code: string, asOf: IsoDate = todayIso()): Promise<Project> {
  return toProject(await readableProjectRow(q, actor, code, asOf), asOf);
}

export async function listProjects(q: Queryable, actor: Actor, f: ProjectListQuery): Promise<{ total: number; items: Project[] }> {
  const asOf = f.asOf ?? todayIso();
  const { total, rows } = await queryProjects(q, f, asOf, actor);
  return { total, items: rows.map((r) => toProject(r, asOf)) };
}

function checkVersion(row: ProjectRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      'conflict',
      `Project ${row.code} was changed by ${row.updated_by} since you read it (your version ${version}, now ${row.version}). Reload and try again.`,
      { currentVersion: row.version, current: snapshot(row) },
    );
  }
}

export async function updateProject(ctx: Ctx, code: string, input: UpdateProjectInput): Promise<Project> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockProjectFor(tx, ctx.actor, code, 'update');
    checkVersion(row, input.version);
    const budget = input.budget ?? row.budget;
    // With budget lines by category, the budget is their sum: one line follows it, several must be set as lines.
    const own = await budgetLines(tx, row.id);
    if (own.length > 1 && budget !== row.budget) {
      throw new AppError('validation', `Project ${code} has a budget in ${own.length} categories: change its budget lines instead`, {
        field: 'budget',
      });
    }
    const breach = own.length
      ? firstCategoryBreach([{ category: own[0]!.category, amount: budget }], await liveEntries(tx, row.id))
      : firstBreach(budget, await liveAmounts(tx, row.id));
    if (breach) {
      throw new AppError(
        'over_allocation',
        `A budget of ${formatAmount(budget)} would leave project ${code} with an allocation of ${formatAmount(breach.allocated)} as of ${breach.date}, below the ${formatAmount(breach.disbursed)} disbursed by then`,
        { field: 'budget' },
      );
    }
    const commitments = await liveCommitments(tx, row.id);
    if (commitments.length) {
      const lines = [{ category: own[0]?.category ?? DEFAULT_CATEGORY, amount: budget }];
      const entries = (await liveEntries(tx, row.id)).map((e) => ({ ...e, againstCommitment: e.commitmentId !== null }));
      const cb = firstCommitmentBreach(lines, entries, commitments);
      if (cb) {
        throw new AppError(
          'over_allocation',
          `A budget of ${formatAmount(budget)} would leave project ${code} with an allocation of ${formatAmount(cb.figures.allocated)} as of ${cb.date}, below its ${formatAmount(cb.figures.committed)} committed and ${formatAmount(cb.figures.disbursed - cb.figures.disbursedAgainstCommitments)} disbursed without a commitment`,
          { field: 'budget' },
        );
      }
    }
    if (own.length === 1) await tx.query('UPDATE project_budget_lines SET amount = $2 WHERE project_id = $1', [row.id, budget]);
    await tx.query(
      `UPDATE projects SET name_th = $2, agency = $3, budget = $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1`,
      [row.id, input.nameTh ?? row.name_th, input.agency === undefined ? row.agency : input.agency || null, budget, ctx.actor.username],
    );
    const after = await requireProjectRow(tx, code);
    await audit(tx, ctx.actor, { action: 'update', entityType: 'project', entityKey: code, before: snapshot(row), after: snapshot(after) });
    return toProject(after, todayIso());
  });
}

export async function changeStatus(ctx: Ctx, code: string, input: ChangeStatusInput): Promise<Project> {
  return ctx.db.transaction(async (tx) => {
    await applyStatusChange(tx, code, input, ctx.actor);
    return toProject(await requireProjectRow(tx, code), todayIso());
  });
}

/** Changes a project's status inside the caller's transaction, after the transition rules. */
export async function applyStatusChange(tx: Queryable, code: string, input: ChangeStatusInput, actor: Actor): Promise<void> {
  const row = await lockProjectFor(tx, actor, code, 'change status of');
  checkVersion(row, input.version);
  if (!canTransition(row.status, input.status)) {
    const allowed = allowedTransitions(row.status);
    throw new AppError(
      'invalid_transition',
      `Project ${code} cannot go from ${row.status} to ${input.status}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final status)'}`,
      { field: 'status', from: row.status, allowed },
    );
  }
  const date = input.date ?? todayIso();
  const [last] = await tx.query<{ effective_date: string }>(
    'SELECT effective_date FROM project_status_history WHERE project_id = $1 ORDER BY effective_date DESC, id DESC LIMIT 1',
    [row.id],
  );
  if (last && date < last.effective_date) {
    throw new AppError('validation', `The change date ${date} is before the project's last status change (${last.effective_date})`, {
      field: 'date',
    });
  }
  await tx.query('UPDATE projects SET status = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1', [
    row.id,
    input.status,
    actor.username,
  ]);
  await insertStatusChange(tx, row.id, row.status, input.status, date, input.reason || null, actor.username);
  const after = await requireProjectRow(tx, code, FAR_FUTURE);
  await audit(tx, actor, {
    action: 'status_change',
    entityType: 'project',
    entityKey: code,
    before: snapshot(row),
    after: { ...snapshot(after), statusDate: date },
    reason: input.reason ?? null,
  });
}

export async function getStatusHistory(q: Queryable, actor: Actor, code: string): Promise<StatusChange[]> {
  return statusHistory(q, (await readableProjectRow(q, actor, code)).id);
}

/** The status histories of the projects with these codes that the actor may read, by code, in one statement (a list's projects). */
export async function getStatusHistories(q: Queryable, actor: Actor, codes: readonly string[]): Promise<Map<string, StatusChange[]>> {
  return statusHistories(q, { codes, actor });
}

/** Soft-deletes a project (it leaves every list and figure) or, for an admin, restores it. */
export async function setProjectDeleted(ctx: Ctx, code: string, deleted: boolean, reason: string): Promise<Project> {
  return ctx.db.transaction(async (tx) => {
    if (!deleted) assertAdmin(ctx.actor, `restore project ${code}`);
    const row = await lockProjectFor(tx, ctx.actor, code, deleted ? 'delete' : 'restore', { includeDeleted: true });
    if ((row.deleted_at !== null) === deleted) throw new AppError('conflict', `Project ${code} is ${deleted ? 'deleted' : 'not deleted'} already`);
    await tx.query(
      `UPDATE projects SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`,
      [row.id, ctx.actor.username],
    );
    const after = await requireProjectRow(tx, code, todayIso(), { includeDeleted: true });
    await audit(tx, ctx.actor, {
      action: deleted ? 'delete' : 'restore',
      entityType: 'project',
      entityKey: code,
      before: snapshot(row),
      after: snapshot(after),
      reason,
    });
    return toProject(after, todayIso());
  });
}
