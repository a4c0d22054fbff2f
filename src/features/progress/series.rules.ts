/**
 * What the dashboard draws of an owner's projects: the planned cumulative disbursement at each
 * month end (from the plan each project has in force on the as-of date), and the allocation and
 * disbursement split by budget category. Pure: the facts come from series.queries.ts.
 */
import type { IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';
import { CATEGORIES, categoryTotals, type BudgetLine, type CategorisedAmount, type Category } from '../budget/category.ts';
import { planInForce, plannedCumulative, type PlanMonth } from '../plans/plan.rules.ts';

export interface PlanVersionLike {
  version: number;
  effectiveFrom: IsoDate;
  months: readonly PlanMonth[];
}

/** The months (YYYY-MM) the plans in force on asOf plan an amount in. */
export function plannedMonths(projects: readonly (readonly PlanVersionLike[])[], asOf: IsoDate): string[] {
  const months = new Set<string>();
  for (const versions of projects) for (const m of planInForce(versions, asOf)?.months ?? []) months.add(m.month);
  return [...months].sort();
}

/**
 * The planned cumulative disbursement of the projects at each date, each project by the plan
 * version in force on asOf (a revision effective after asOf is not yet the plan), summed exactly.
 * amounts is null when no project has a plan in force on asOf.
 */
export function plannedSeries(
  projects: readonly (readonly PlanVersionLike[])[],
  asOf: IsoDate,
  dates: readonly IsoDate[],
): { withPlan: number; amounts: Satang[] | null } {
  const inForce = projects.map((versions) => planInForce(versions, asOf)).filter((p) => p !== null);
  if (!inForce.length) return { withPlan: 0, amounts: null };
  return { withPlan: inForce.length, amounts: dates.map((d) => inForce.reduce((sum, p) => sum + plannedCumulative(p.months, d), 0n)) };
}

export interface CategorySplit {
  category: Category;
  /** projects with a budget line in the category */
  projectCount: number;
  allocated: Satang;
  disbursed: Satang;
}

/**
 * Allocation (budget lines plus adjustments of the category) and disbursement of each category as
 * of asOf, for every category (operating, investment, other) in that order. Every ledger entry
 * has a category, and a project's lines add up to its budget, so the categories add up to the
 * owner's totals exactly.
 */
export function categorySplit(
  projects: readonly { lines: readonly BudgetLine[]; entries: readonly CategorisedAmount[] }[],
  asOf: IsoDate,
): CategorySplit[] {
  return CATEGORIES.map((category) => {
    const split: CategorySplit = { category, projectCount: 0, allocated: 0n, disbursed: 0n };
    for (const p of projects) {
      if (p.lines.some((l) => l.category === category)) split.projectCount++;
      const t = categoryTotals(p.lines, p.entries, category, asOf);
      split.allocated += t.allocated;
      split.disbursed += t.disbursed;
    }
    return split;
  });
}
