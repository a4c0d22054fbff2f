/**
 * The rule of the ledger (ledger.rules.ts firstBreach) in its set-based form, for many ledgers
 * at once. For one (project, category) ledger with line amount B, firstBreach(B, entries) is
 * null exactly when, on every date d that carries an entry,
 *   A(d) = B + Σ adjustments dated ≤ d  ≥ 0,   D(d) = Σ disbursements dated ≤ d  ≤ A(d),   D(d) ≥ 0,
 * which is what the running sums below compute (SUM … OVER ORDER BY date); and
 * firstCategoryBreach(lines, entries) is null exactly when each line's ledger holds, provided no
 * entry lies outside the lines (the bulk import sends such projects the row-by-row way).
 *
 * Each date's disbursements come in two parts: those already in the ledger (old) and those being
 * added (new, positive amounts only). A ledger is reported unless both the old ledger and the
 * old + new ledger hold. Then every ledger in between (the old one plus any part of the new
 * entries, e.g. each prefix of a file in file order) holds too: A(d) is the same in all of them,
 * and D(d) only grows from the old ledger's (≥ 0) to the whole one's (≤ A(d)).
 */

/**
 * The ids whose ledger breaks the rule. entries: a query of (id, category, entry_date, adjusted,
 * old_disbursed, new_disbursed) rows (bigint), any number per date; lines: (id, category, amount). An
 * entry outside the lines of its id is reported (a line of amount 0 would not be firstCategoryBreach's).
 */
export function breachingLedgersSql(entries: string, lines: string): string {
  // The default frame of a window ordered by date ends with the current row's peers: each row's
  // running sums are those as of the end of its date, so every date with an entry is checked.
  return `WITH rule_entries AS (${entries}),
  rule_lines AS (${lines}),
  rule_running AS (
    SELECT l.amount IS NULL AS orphan,
           e.id, l.amount + sum(e.adjusted) OVER w AS allocated,
           sum(e.old_disbursed) OVER w AS old_disbursed,
           sum(e.old_disbursed + e.new_disbursed) OVER w AS disbursed
      FROM rule_entries e LEFT JOIN rule_lines l ON l.id = e.id AND l.category = e.category
    WINDOW w AS (PARTITION BY e.id, e.category ORDER BY e.entry_date)
  )
  SELECT DISTINCT id FROM rule_running WHERE orphan OR allocated < 0 OR disbursed > allocated OR old_disbursed < 0`;
}
