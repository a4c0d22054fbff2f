import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearStart, todayIso, type IsoDate } from '../../core/dates.ts';
import { formatAmount, sumSatang } from '../../core/money.ts';
import { formatPercent } from '../../core/percent.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadProject } from '../users/access.ts';
import { lockProjectFor, requireProjectRow, targetOf } from '../projects/project.service.ts';
import { categoryTotals, effectiveLines, resolveCategory, type Category } from '../budget/category.ts';
import { budgetLines, liveEntries } from '../budget/ledger.queries.ts';
import { loadPlans, type StoredPlan } from './plan.queries.ts';
import { planInForce } from './plan.rules.ts';
import type { MilestoneActualInput, Plan, PlanInput } from './plan.schema.ts';

export function toPlan(code: string, p: StoredPlan): Plan {
  return {
    project: code,
    version: p.version,
    effectiveFrom: p.effectiveFrom,
    reason: p.reason,
    createdAt: new Date(p.createdAt).toISOString(),
    createdBy: p.createdBy,
    total: formatAmount(sumSatang(p.months.map((m) => m.amount))),
    months: p.months.map((m) => ({ month: m.month, category: m.category, amount: formatAmount(m.amount) })),
    physical: p.physical.map((x) => ({ month: x.month, percent: formatPercent(x.percent) })),
    milestones: p.milestones,
  };
}

const invalid = (message: string, field: string) => new AppError('validation', message, { field });

/**
 * Saves a new version of a project's plan inside the caller's transaction: the first plan, or
 * a revision (with a reason) in force from its effective date. Reports for dates before it keep
 * using the version that was in force then.
 */
export async function insertPlan(q: Queryable, actor: Actor, code: string, input: PlanInput, action: 'create' | 'import' = 'create'): Promise<Plan> {
  const p = await lockProjectFor(q, actor, code, 'plan');
  const versions = (await loadPlans(q, [p.id])).get(p.id) ?? [];
  const latest = versions.reduce<StoredPlan | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  const version = (latest?.version ?? 0) + 1;
  if (latest && !input.reason) throw invalid(`A revision of the plan of project ${code} needs a reason`, 'reason');
  const effectiveFrom = input.effectiveFrom ?? (latest ? todayIso() : fiscalYearStart(p.fiscal_year));
  if (latest && effectiveFrom < latest.effectiveFrom) {
    throw invalid(
      `A revision cannot take effect (${effectiveFrom}) before the plan in force from ${latest.effectiveFrom} (version ${latest.version}): past figures do not change`,
      'effectiveFrom',
    );
  }
  const firstMonth = fiscalYearStart(p.fiscal_year).slice(0, 7);
  const lines = effectiveLines(p.budget, await budgetLines(q, p.id));
  const months: { month: string; category: Category; amount: bigint }[] = [];
  for (const m of input.months) {
    if (m.month < firstMonth) throw invalid(`Month ${m.month} is before fiscal year ${p.fiscal_year} (from ${firstMonth})`, 'months');
    const c = resolveCategory(lines, m.category);
    if (!c.ok) throw invalid(`Project ${code}: ${c.message}`, 'months');
    if (months.some((x) => x.month === m.month && x.category === c.category))
      throw invalid(`Month ${m.month} (${c.category}) appears twice`, 'months');
    months.push({ month: m.month, category: c.category, amount: m.amount });
  }
  const entries = await liveEntries(q, p.id);
  for (const line of lines) {
    const planned = sumSatang(months.filter((m) => m.category === line.category).map((m) => m.amount));
    const { allocated } = categoryTotals(lines, entries, line.category);
    if (planned > allocated) {
      throw invalid(
        `The plan of project ${code} disburses ${formatAmount(planned)} of its ${line.category} budget, above the allocation of ${formatAmount(allocated)}`,
        'months',
      );
    }
  }
  const physical = [...input.physical].sort((a, b) => (a.month < b.month ? -1 : 1));
  for (const [i, x] of physical.entries()) {
    if (x.month < firstMonth) throw invalid(`Month ${x.month} is before fiscal year ${p.fiscal_year}`, 'physical');
    const prev = physical[i - 1];
    if (prev && prev.month === x.month) throw invalid(`Month ${x.month} appears twice in the physical plan`, 'physical');
    if (prev && x.percent < prev.percent)
      throw invalid(`Planned progress cannot go down (${x.month}: ${formatPercent(x.percent)} after ${formatPercent(prev.percent)})`, 'physical');
  }
  const keys = new Set<string>();
  for (const m of input.milestones) {
    if (keys.has(m.key)) throw invalid(`Milestone ${m.key} appears twice`, 'milestones');
    keys.add(m.key);
    if (m.plannedEnd < m.plannedStart) throw invalid(`Milestone ${m.key} ends (${m.plannedEnd}) before it starts (${m.plannedStart})`, 'milestones');
  }
  const [row] = await q.query<{ id: bigint }>(
    'INSERT INTO plan_versions (project_id, version, effective_from, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [p.id, version, effectiveFrom, input.reason || null, actor.username],
  );
  const planId = row!.id;
  for (const m of months) {
    await q.query('INSERT INTO plan_months (plan_id, month, category, amount) VALUES ($1, $2, $3, $4)', [planId, m.month, m.category, m.amount]);
  }
  for (const x of physical) {
    await q.query('INSERT INTO plan_physical (plan_id, month, percent_hundredths) VALUES ($1, $2, $3)', [planId, x.month, Number(x.percent)]);
  }
  for (const m of input.milestones) {
    const [ms] = await q.query<{ id: bigint }>(
      `INSERT INTO project_milestones (project_id, key, name) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, key) DO UPDATE SET name = excluded.name RETURNING id`,
      [p.id, m.key, m.name],
    );
    await q.query('INSERT INTO plan_milestones (plan_id, milestone_id, planned_start, planned_end) VALUES ($1, $2, $3, $4)', [
      planId,
      ms!.id,
      m.plannedStart,
      m.plannedEnd,
    ]);
  }
  const saved = (await loadPlans(q, [p.id])).get(p.id)!.find((v) => v.version === version)!;
  const after = toPlan(code, saved);
  await audit(q, actor, {
    action,
    entityType: 'plan',
    entityKey: `${code}/v${version}`,
    before: latest ? { version: latest.version, effectiveFrom: latest.effectiveFrom } : null,
    after: { ...after, createdAt: undefined },
    reason: input.reason ?? null,
  });
  return after;
}

export async function createPlan(ctx: Ctx, code: string, input: PlanInput): Promise<Plan> {
  return ctx.db.transaction((tx) => insertPlan(tx, ctx.actor, code, input));
}

/** The plan in force on a date. */
export async function getPlan(q: Queryable, actor: Actor, code: string, asOf: IsoDate = todayIso()): Promise<Plan> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  const inForce = planInForce((await loadPlans(q, [p.id])).get(p.id) ?? [], asOf);
  if (!inForce) throw new AppError('not_found', `Project ${code} has no plan in force on ${asOf}`);
  return toPlan(code, inForce);
}

/** Every version of a project's plan, oldest first. */
export async function listPlans(q: Queryable, actor: Actor, code: string): Promise<Plan[]> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  return ((await loadPlans(q, [p.id])).get(p.id) ?? []).map((v) => toPlan(code, v));
}

/** Records the actual start and end of a milestone. */
export async function setMilestoneActual(ctx: Ctx, code: string, key: string, input: MilestoneActualInput): Promise<Plan['milestones'][number]> {
  return ctx.db.transaction((tx) => setMilestoneActualIn(tx, ctx.actor, code, key, input));
}

/** The actual dates recorded of a project's milestone, if it exists. */
export async function milestoneActuals(
  q: Queryable,
  code: string,
  key: string,
): Promise<{ actualStart: string | null; actualEnd: string | null } | null> {
  const [m] = await q.query<{ actual_start: string | null; actual_end: string | null }>(
    'SELECT m.actual_start, m.actual_end FROM project_milestones m JOIN projects p ON p.id = m.project_id WHERE p.code = $1 AND m.key = $2',
    [code, key],
  );
  return m ? { actualStart: m.actual_start, actualEnd: m.actual_end } : null;
}

/** setMilestoneActual inside the caller's transaction (the plan import). */
export async function setMilestoneActualIn(
  tx: Queryable,
  actor: Actor,
  code: string,
  key: string,
  input: MilestoneActualInput,
  action: 'update' | 'import' = 'update',
): Promise<Plan['milestones'][number]> {
  {
    const p = await lockProjectFor(tx, actor, code, 'plan');
    const [m] = await tx.query<{ id: bigint; actual_start: string | null; actual_end: string | null }>(
      'SELECT id, actual_start, actual_end FROM project_milestones WHERE project_id = $1 AND key = $2',
      [p.id, key],
    );
    if (!m) throw new AppError('not_found', `Milestone ${key} of project ${code} not found`);
    const start = input.actualStart === undefined ? m.actual_start : input.actualStart;
    const end = input.actualEnd === undefined ? m.actual_end : input.actualEnd;
    if (start && end && end < start) throw invalid(`Milestone ${key} cannot end (${end}) before it starts (${start})`, 'actualEnd');
    if (end && !start) throw invalid(`Milestone ${key} cannot end before it has started: give its actual start`, 'actualStart');
    await tx.query('UPDATE project_milestones SET actual_start = $2, actual_end = $3 WHERE id = $1', [m.id, start, end]);
    await audit(tx, actor, {
      action,
      entityType: 'milestone',
      entityKey: `${code}/${key}`,
      before: { actualStart: m.actual_start, actualEnd: m.actual_end },
      after: { actualStart: start, actualEnd: end },
    });
    const plans = (await loadPlans(tx, [p.id])).get(p.id) ?? [];
    const latest = plans[plans.length - 1];
    const found = latest?.milestones.find((x) => x.key === key);
    return found ?? { key, name: key, plannedStart: '', plannedEnd: '', actualStart: start, actualEnd: end };
  }
}
