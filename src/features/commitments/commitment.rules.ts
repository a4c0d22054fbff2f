/**
 * The commitment limit (ก่อหนี้ผูกพัน): in each category and on every date, what is committed plus
 * what was disbursed without a commitment stays within the allocation. The uncommitted balance
 * is allocation - committed - disbursed without a commitment.
 */
import type { IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';
import type { Category } from '../budget/category.ts';

export interface LedgerFact {
  kind: 'adjustment' | 'disbursement';
  date: IsoDate;
  amount: Satang;
  category: Category;
  /** for a disbursement: whether it was paid against a commitment */
  againstCommitment?: boolean;
}

export interface CommitmentFact {
  date: IsoDate;
  amount: Satang;
  category: Category;
}

export interface CommitmentFigures {
  allocated: Satang;
  committed: Satang;
  disbursed: Satang;
  disbursedAgainstCommitments: Satang;
  uncommitted: Satang;
}

/** The figures of one category (or of all, category null) as of a date. */
export function commitmentFigures(
  lineAmount: Satang,
  ledger: readonly LedgerFact[],
  commitments: readonly CommitmentFact[],
  asOf: IsoDate,
  category: Category | null,
): CommitmentFigures {
  const inScope = (c: Category) => category === null || c === category;
  let allocated = lineAmount;
  let disbursed = 0n;
  let against = 0n;
  for (const e of ledger) {
    if (e.date > asOf || !inScope(e.category)) continue;
    if (e.kind === 'adjustment') allocated += e.amount;
    else {
      disbursed += e.amount;
      if (e.againstCommitment) against += e.amount;
    }
  }
  let committed = 0n;
  for (const c of commitments) if (c.date <= asOf && inScope(c.category)) committed += c.amount;
  return { allocated, committed, disbursed, disbursedAgainstCommitments: against, uncommitted: allocated - committed - (disbursed - against) };
}

export interface CommitmentBreach {
  date: IsoDate;
  category: Category;
  figures: CommitmentFigures;
}

/** The first date (and category) on which the uncommitted balance would be negative; null if none. */
export function firstCommitmentBreach(
  lines: readonly { category: Category; amount: Satang }[],
  ledger: readonly LedgerFact[],
  commitments: readonly CommitmentFact[],
): CommitmentBreach | null {
  const dates = [...new Set([...ledger.map((e) => e.date), ...commitments.map((c) => c.date)])].sort();
  for (const date of dates) {
    for (const line of lines) {
      const f = commitmentFigures(line.amount, ledger, commitments, date, line.category);
      if (f.uncommitted < 0n) return { date, category: line.category, figures: f };
    }
  }
  return null;
}
