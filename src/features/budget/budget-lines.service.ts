import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatAmount, sumSatang } from '../../core/money.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadProject } from '../users/access.ts';
import { lockProjectFor, requireProjectRow, targetOf } from '../projects/project.service.ts';
import { firstCommitmentBreach } from '../commitments/commitment.rules.ts';
import { effectiveLines, firstCategoryBreach, type BudgetLine } from './category.ts';
import { budgetLines, liveCommitments, liveEntries } from './ledger.queries.ts';
import type { BudgetLines, SetBudgetLinesInput } from './budget-lines.schema.ts';

function toOutput(code: string, budget: bigint, own: BudgetLine[]): BudgetLines {
  return {
    project: code,
    budget: formatAmount(budget),
    explicit: own.length > 0,
    lines: effectiveLines(budget, own).map((l) => ({ category: l.category, amount: formatAmount(l.amount) })),
  };
}

export async function getBudgetLines(q: Queryable, actor: Actor, code: string): Promise<BudgetLines> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  return toOutput(code, p.budget, await budgetLines(q, p.id));
}

/**
 * Sets a project's budget by category; its budget becomes their sum. The ledger rule and the
 * commitment limit must hold in every category on every date.
 */
export async function setBudgetLines(ctx: Ctx, code: string, input: SetBudgetLinesInput): Promise<BudgetLines> {
  return ctx.db.transaction((tx) => applyBudgetLines(tx, ctx.actor, code, input));
}

/** Sets a project's budget lines inside the caller's transaction (the API, the demo). */
export async function applyBudgetLines(tx: Queryable, actor: Actor, code: string, input: SetBudgetLinesInput): Promise<BudgetLines> {
  const p = await lockProjectFor(tx, actor, code, 'update');
  if (input.version !== undefined && input.version !== p.version) {
    throw new AppError(
      'conflict',
      `Project ${code} was changed since you read it (your version ${input.version}, now ${p.version}). Reload and try again.`,
      {
        currentVersion: p.version,
      },
    );
  }
  const lines = effectiveLines(0n, input.lines);
  const entries = await liveEntries(tx, p.id);
  const breach = firstCategoryBreach(lines, entries);
  if (breach) {
    throw new AppError(
      'over_allocation',
      `These budget lines would leave project ${code} with a ${breach.category} allocation of ${formatAmount(breach.allocated)} as of ${breach.date}, below the ${formatAmount(breach.disbursed)} disbursed from it by then`,
      { field: 'lines', category: breach.category, date: breach.date },
    );
  }
  const cb = firstCommitmentBreach(
    lines,
    entries.map((e) => ({ ...e, againstCommitment: e.commitmentId !== null })),
    await liveCommitments(tx, p.id),
  );
  if (cb) {
    throw new AppError(
      'over_allocation',
      `These budget lines would leave project ${code} with a ${cb.category} allocation of ${formatAmount(cb.figures.allocated)} as of ${cb.date}, below its ${formatAmount(cb.figures.committed)} committed and ${formatAmount(cb.figures.disbursed - cb.figures.disbursedAgainstCommitments)} disbursed without a commitment`,
      { field: 'lines', category: cb.category, date: cb.date },
    );
  }
  const before = toOutput(code, p.budget, await budgetLines(tx, p.id));
  const budget = sumSatang(lines.map((l) => l.amount));
  await tx.query('DELETE FROM project_budget_lines WHERE project_id = $1', [p.id]);
  for (const l of lines) {
    await tx.query('INSERT INTO project_budget_lines (project_id, category, amount) VALUES ($1, $2, $3)', [p.id, l.category, l.amount]);
  }
  await tx.query('UPDATE projects SET budget = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1', [
    p.id,
    budget,
    actor.username,
  ]);
  const after = toOutput(code, budget, lines);
  await audit(tx, actor, { action: 'update', entityType: 'project_budget_lines', entityKey: code, before, after, reason: input.reason });
  return after;
}
