import type { Queryable } from '../../db/db.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { Owner } from '../reference/reference.queries.ts';
import { effectiveLines, type BudgetLine } from '../budget/category.ts';
import { loadPlans, type StoredPlan } from '../plans/plan.queries.ts';
import { entriesOf, linesOf, progressProjects, type EntryFact } from './progress.queries.ts';

export interface OwnerProjectFacts {
  code: string;
  /** its budget lines, or the implicit operating line of its whole budget */
  lines: BudgetLine[];
  /** every live ledger entry, of any date */
  entries: EntryFact[];
  /** every plan version */
  plans: StoredPlan[];
}

/**
 * The fiscal year's projects of an owner not cancelled on asOf (the projects the reports count),
 * with their budget lines, ledger entries and plan versions. Reads only; the caller checks access.
 */
export async function ownerProjectFacts(q: Queryable, fiscalYear: number, asOf: IsoDate, owner: Owner): Promise<OwnerProjectFacts[]> {
  const rows = (await progressProjects(q, fiscalYear, asOf, owner)).filter((r) => r.status !== 'cancelled');
  const ids = rows.map((r) => r.id);
  const [linesBy, entriesBy, plansBy] = await Promise.all([linesOf(q, ids), entriesOf(q, ids), loadPlans(q, ids)]);
  return rows.map((r) => ({
    code: r.code,
    lines: effectiveLines(r.budget, linesBy.get(r.id) ?? []),
    entries: entriesBy.get(r.id) ?? [],
    plans: plansBy.get(r.id) ?? [],
  }));
}
