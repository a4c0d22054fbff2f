import type { Queryable } from '../../db/db.ts';
import type { Category } from '../budget/category.ts';
import type { PlanVersionFacts } from './plan.rules.ts';
import { pushTo } from '../../core/collections.ts';

export interface StoredPlan extends PlanVersionFacts {
  id: bigint;
  projectId: bigint;
  reason: string | null;
  createdAt: Date;
  createdBy: string;
  milestones: { key: string; name: string; plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null }[];
}

/** Every plan version of the given projects, with its months, physical progress and milestones. */
export async function loadPlans(q: Queryable, projectIds: bigint[]): Promise<Map<bigint, StoredPlan[]>> {
  const result = new Map<bigint, StoredPlan[]>();
  if (!projectIds.length) return result;
  const ids = projectIds.map(String);
  const versions = await q.query<{
    id: bigint;
    project_id: bigint;
    version: number;
    effective_from: string;
    reason: string | null;
    created_at: Date;
    created_by: string;
  }>(
    `SELECT id, project_id, version, effective_from, reason, created_at, created_by FROM plan_versions
      WHERE project_id = ANY($1::bigint[]) ORDER BY project_id, version`,
    [ids],
  );
  const byId = new Map<string, StoredPlan>();
  for (const v of versions) {
    const plan: StoredPlan = {
      id: v.id,
      projectId: v.project_id,
      version: v.version,
      effectiveFrom: v.effective_from,
      reason: v.reason,
      createdAt: v.created_at,
      createdBy: v.created_by,
      months: [],
      physical: [],
      milestones: [],
    };
    byId.set(String(v.id), plan);
    pushTo(result, v.project_id, plan);
  }
  if (!versions.length) return result;
  const planIds = versions.map((v) => String(v.id));
  for (const m of await q.query<{ plan_id: bigint; month: string; category: Category; amount: bigint }>(
    'SELECT plan_id, month, category, amount FROM plan_months WHERE plan_id = ANY($1::bigint[]) ORDER BY month, category',
    [planIds],
  )) {
    byId.get(String(m.plan_id))!.months.push({ month: m.month, category: m.category, amount: m.amount });
  }
  for (const p of await q.query<{ plan_id: bigint; month: string; percent_hundredths: number }>(
    'SELECT plan_id, month, percent_hundredths FROM plan_physical WHERE plan_id = ANY($1::bigint[]) ORDER BY month',
    [planIds],
  )) {
    byId.get(String(p.plan_id))!.physical.push({ month: p.month, percent: BigInt(p.percent_hundredths) });
  }
  for (const m of await q.query<{
    plan_id: bigint;
    key: string;
    name: string;
    planned_start: string;
    planned_end: string;
    actual_start: string | null;
    actual_end: string | null;
  }>(
    `SELECT pm.plan_id, m.key, m.name, pm.planned_start, pm.planned_end, m.actual_start, m.actual_end
       FROM plan_milestones pm JOIN project_milestones m ON m.id = pm.milestone_id
      WHERE pm.plan_id = ANY($1::bigint[]) ORDER BY pm.planned_start, m.key`,
    [planIds],
  )) {
    byId.get(String(m.plan_id))!.milestones.push({
      key: m.key,
      name: m.name,
      plannedStart: m.planned_start,
      plannedEnd: m.planned_end,
      actualStart: m.actual_start,
      actualEnd: m.actual_end,
    });
  }
  return result;
}
