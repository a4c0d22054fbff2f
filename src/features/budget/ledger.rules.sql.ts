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
 *
 * Sorting every touched ledger by date is the costly part on a large import (millions of old
 * entries); unsureLedgersSql first clears, from a few sums per ledger (ledgerSumsSql), the
 * ledgers that cannot break, and breachingLedgersSql is then run on the others only.
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

/**
 * What unsureLedgersSql needs of each ledger's old entries, by (id, category): paid (its positive
 * disbursements), cut (its negative adjustments), returned (its negative disbursements),
 * paid_before_return (its positive disbursements dated before its first return), and
 * pays_commitment (an entry pays a contract: the bulk import leaves such projects to the
 * row-by-row way). entries: a query of (id, category, kind, entry_date, amount, commitment_id),
 * read twice (the second time only for the ledgers with returns).
 */
export function ledgerSumsSql(entries: string): string {
  return `WITH sums_all AS (
    SELECT id, category,
           coalesce(sum(amount) FILTER (WHERE kind = 'disbursement' AND amount > 0), 0)::bigint AS paid,
           coalesce(sum(amount) FILTER (WHERE kind = 'adjustment' AND amount < 0), 0)::bigint AS cut,
           coalesce(sum(amount) FILTER (WHERE kind = 'disbursement' AND amount < 0), 0)::bigint AS returned,
           min(entry_date) FILTER (WHERE kind = 'disbursement' AND amount < 0) AS first_return,
           bool_or(commitment_id IS NOT NULL) AS pays_commitment
      FROM (${entries}) e GROUP BY 1, 2
  ),
  sums_before AS (
    SELECT s.id, s.category, sum(e.amount)::bigint AS paid
      FROM sums_all s JOIN (${entries}) e ON e.id = s.id AND e.category = s.category
     WHERE s.first_return IS NOT NULL AND e.kind = 'disbursement' AND e.amount > 0 AND e.entry_date < s.first_return
     GROUP BY 1, 2
  )
  SELECT s.id, s.category, s.paid, s.cut, s.returned, coalesce(b.paid, 0)::bigint AS paid_before_return, s.pays_commitment
    FROM sums_all s LEFT JOIN sums_before b ON b.id = s.id AND b.category = s.category`;
}

/**
 * The ids having a ledger that cannot be shown to hold from its sums alone (no sort by date),
 * old and with new positive disbursements added; breachingLedgersSql then checks those exactly.
 * A ledger with line amount B surely holds, before and after, when
 *   B + cut ≥ paid + added,   and   paid_before_return + returned ≥ 0   (ledgerSumsSql's sums).
 * On every date d, then:
 *   A(d) = B + adjustments ≤ d ≥ B + cut ≥ paid + added ≥ 0;
 *   D(d) = old disbursements ≤ d + added ones ≤ d ≤ paid + added ≤ A(d);
 *   old disbursements ≤ d ≥ 0: only positive ones before the first return, and from it on at least
 *   those paid before it plus every return.
 * sums: ledgerSumsSql of the old entries; added: (id, category, amount) rows of positive amounts;
 * lines: (id, category, amount). A ledger with entries but no line is unsure (breachingLedgersSql
 * reports it).
 */
export function unsureLedgersSql(q: { sums: string; added: string; lines: string }): string {
  return `WITH sure_added AS (SELECT id, category, sum(amount)::bigint AS amount FROM (${q.added}) a GROUP BY 1, 2)
  SELECT DISTINCT coalesce(s.id, a.id) AS id
    FROM (${q.sums}) s FULL JOIN sure_added a ON a.id = s.id AND a.category = s.category
    LEFT JOIN (${q.lines}) l ON l.id = coalesce(s.id, a.id) AND l.category = coalesce(s.category, a.category)
   WHERE l.amount IS NULL
      OR l.amount + coalesce(s.cut, 0) < coalesce(s.paid, 0) + coalesce(a.amount, 0)
      OR coalesce(s.paid_before_return, 0) + coalesce(s.returned, 0) < 0`;
}
