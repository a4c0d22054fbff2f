/**
 * The rule of the ledger on every date, not only in total: a project's disbursed amount as of
 * any date lies between zero and its allocation as of that date, and no allocation is negative.
 * The budget counts from the start; adjustments and disbursements from their dates.
 */
import type { IsoDate } from '../../core/dates.ts';
import type { Satang } from '../../core/money.ts';

export interface DatedAmount {
  kind: 'adjustment' | 'disbursement';
  date: IsoDate;
  amount: Satang;
}

export interface LedgerBreach {
  date: IsoDate;
  rule: 'above_allocation' | 'below_zero' | 'negative_allocation';
  allocated: Satang;
  disbursed: Satang;
}

/** The first date on which the ledger breaks its rule, with the figures as of that date; null if none. */
export function firstBreach(budget: Satang, entries: readonly DatedAmount[]): LedgerBreach | null {
  const byDate = new Map<IsoDate, { adjusted: Satang; disbursed: Satang }>();
  for (const e of entries) {
    const d = byDate.get(e.date) ?? { adjusted: 0n, disbursed: 0n };
    if (e.kind === 'adjustment') d.adjusted += e.amount;
    else d.disbursed += e.amount;
    byDate.set(e.date, d);
  }
  let allocated = budget;
  let disbursed = 0n;
  for (const date of [...byDate.keys()].sort()) {
    const d = byDate.get(date)!;
    allocated += d.adjusted;
    disbursed += d.disbursed;
    if (allocated < 0n) return { date, rule: 'negative_allocation', allocated, disbursed };
    if (disbursed > allocated) return { date, rule: 'above_allocation', allocated, disbursed };
    if (disbursed < 0n) return { date, rule: 'below_zero', allocated, disbursed };
  }
  return null;
}
