/**
 * Budget categories (งบดำเนินงาน, งบลงทุน, งบรายจ่ายอื่น) and the ledger rule per category.
 * A project without budget lines has one implicit line: 'operating', its whole budget, so that
 * projects, imports and ledgers made before categories existed keep their meaning.
 */
import type { IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';
import { firstBreach, type DatedAmount, type LedgerBreach } from './ledger.rules.ts';

export const CATEGORIES = ['operating', 'investment', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABEL_TH: Record<Category, string> = {
  operating: 'งบดำเนินงาน',
  investment: 'งบลงทุน',
  other: 'งบรายจ่ายอื่น',
};

export const DEFAULT_CATEGORY: Category = 'operating';

export interface BudgetLine {
  category: Category;
  amount: Satang;
}

export interface CategorisedAmount extends DatedAmount {
  category: Category;
}

/** The lines a project's rules and figures use: its own, or the implicit operating line of its whole budget. */
export function effectiveLines(budget: Satang, lines: readonly BudgetLine[]): BudgetLine[] {
  if (!lines.length) return [{ category: DEFAULT_CATEGORY, amount: budget }];
  return CATEGORIES.flatMap((c) => lines.filter((l) => l.category === c));
}

/** The category of a new entry: the one given (which must be a line of the project), or the project's only one. */
export function resolveCategory(
  lines: readonly BudgetLine[],
  given: Category | undefined,
): { ok: true; category: Category } | { ok: false; message: string } {
  const cats = lines.map((l) => l.category);
  if (given === undefined) {
    if (cats.length === 1) return { ok: true, category: cats[0]! };
    return { ok: false, message: `the project has several budget categories (${cats.join(', ')}): name the category` };
  }
  if (!cats.includes(given)) return { ok: false, message: `the project has no ${given} budget (its categories: ${cats.join(', ')})` };
  return { ok: true, category: given };
}

export interface CategoryBreach extends LedgerBreach {
  category: Category;
}

/** The ledger rule in each category: the earliest breach (by date, then category order), or null. */
export function firstCategoryBreach(lines: readonly BudgetLine[], entries: readonly CategorisedAmount[]): CategoryBreach | null {
  let first: CategoryBreach | null = null;
  for (const line of lines) {
    const b = firstBreach(
      line.amount,
      entries.filter((e) => e.category === line.category),
    );
    if (b && (!first || b.date < first.date)) first = { ...b, category: line.category };
  }
  const orphan = entries.find((e) => !lines.some((l) => l.category === e.category));
  if (orphan && (!first || orphan.date < first.date)) {
    const b = firstBreach(
      0n,
      entries.filter((e) => e.category === orphan.category),
    );
    if (b) return { ...b, category: orphan.category };
  }
  return first;
}

/** Allocation and disbursement of one category as of a date (inclusive). */
export function categoryTotals(
  lines: readonly BudgetLine[],
  entries: readonly CategorisedAmount[],
  category: Category,
  asOf: IsoDate = '9999-12-31',
): { allocated: Satang; disbursed: Satang } {
  let allocated = lines.find((l) => l.category === category)?.amount ?? 0n;
  let disbursed = 0n;
  for (const e of entries) {
    if (e.category !== category || e.date > asOf) continue;
    if (e.kind === 'adjustment') allocated += e.amount;
    else disbursed += e.amount;
  }
  return { allocated, disbursed };
}
