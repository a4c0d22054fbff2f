/**
 * The bulk way of a disbursement import (ImportSpec.bulk): the valid rows are staged in a
 * temporary table of the import's transaction; then, set-based, the projects on which every row
 * would be accepted row by row are found ("clean" projects), and their rows are inserted with
 * their audit records in one statement. The rows of every other project go the row-by-row way
 * (recordEntries, in file order), which names their errors exactly as it always has.
 *
 * A project is clean when it exists, is live, the actor may record disbursements on it, it is
 * not cancelled, it has no live commitment and no entry paying one, no entry outside its budget
 * lines, and each of its rows in the file: names no commitment, has a key no other row of the
 * file has, and either is an entry already there with the same date and amount ('unchanged') or
 * is new, with a positive amount and a category that resolves (category.ts resolveCategory);
 * and its ledger by category holds on every date before and after the new rows
 * (ledger.rules.sql.ts: first judged from each ledger's sums, without sorting its entries by
 * date; the ledgers the sums cannot clear then checked date by date). Row by row, each such row
 * would then be accepted with the same outcome, the same category, the same entry and the same
 * audit record.
 *
 * While the file is read, each batch's rows are staged and its new projects locked (as row by
 * row); the rest waits for the whole file, since a project's rows may be anywhere in it.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatAmount, type Satang } from '../../core/money.ts';
import type { IsoDate } from '../../core/dates.ts';
import { actorLabel } from '../audit/audit.service.ts';
import { lockProjectsFor } from '../projects/project.service.ts';
import type { LedgerProjectRow } from '../projects/project.queries.ts';
import type { BulkImport, BulkSettlement, Staged } from '../imports/importer.ts';
import type { Category } from './category.ts';
import { breachingLedgersSql, ledgerSumsSql, unsureLedgersSql } from './ledger.rules.sql.ts';

export interface BulkDisbursementRow {
  project_code: string;
  date: IsoDate;
  amount: Satang;
  ref: string;
  category: Category | undefined;
  commitment?: string | undefined;
}

const STAGED = 'padme_import_disbursements';
/** Rows of the projects left for the row-by-row way, read per FETCH. */
const REST_CHUNK = 2000;

/**
 * Locks the projects of a batch not seen in an earlier batch (as the row-by-row way locks each
 * batch's projects) and keeps those that are live, not cancelled and writable by the actor.
 */
async function lockCandidates(tx: Queryable, actor: Actor, codes: readonly string[]): Promise<void> {
  const locked = await lockProjectsFor(tx, actor, codes, 'record disbursements on');
  const ok = [...locked.values()].filter((r): r is LedgerProjectRow => !(r instanceof AppError) && r.status !== 'cancelled');
  if (!ok.length) return;
  await tx.query('INSERT INTO padme_import_projects (code, id, budget) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])', [
    ok.map((r) => r.code),
    ok.map((r) => String(r.id)),
    ok.map((r) => String(r.budget)),
  ]);
}

/** The clean projects, with the sole category of those with one line, and their rows' outcomes. */
const CLEAN_SQL = `CREATE TEMPORARY TABLE padme_import_clean ON COMMIT DROP AS
WITH lines AS (
  SELECT p.id, l.category, l.amount FROM padme_import_projects p JOIN project_budget_lines l ON l.project_id = p.id
  UNION ALL
  SELECT p.id, 'operating', p.budget FROM padme_import_projects p
   WHERE NOT EXISTS (SELECT 1 FROM project_budget_lines l WHERE l.project_id = p.id)
),
sole AS (SELECT id, CASE WHEN count(*) = 1 THEN min(category) END AS category FROM lines GROUP BY id),
repeated AS (SELECT key FROM ${STAGED} GROUP BY key HAVING count(*) > 1),
staged AS (
  SELECT p.id, s.date::date AS entry_date, s.amount, s.commitment, s.old_date IS NOT NULL AS old,
         s.old_date IS NOT NULL AND s.old_date = s.date::date AND s.old_amount = s.amount AS same,
         CASE WHEN s.category IS NULL THEN so.category
              WHEN EXISTS (SELECT 1 FROM lines l WHERE l.id = p.id AND l.category = s.category) THEN s.category END AS category,
         s.key IN (SELECT key FROM repeated) AS repeated
    FROM ${STAGED} s
    JOIN padme_import_projects p ON p.code = s.project_code
    JOIN sole so ON so.id = p.id
),
per_project AS (
  SELECT id,
         bool_or(commitment IS NOT NULL OR repeated OR (old AND NOT same) OR (NOT old AND (amount <= 0 OR category IS NULL))) AS bad,
         count(*) FILTER (WHERE NOT old) AS added,
         count(*) FILTER (WHERE old) AS unchanged
    FROM staged GROUP BY id
),
-- the touched projects' live entries: read once for the sums (twice for ledgers with returns), again only where the sums are not enough
old AS NOT MATERIALIZED (
  SELECT x.project_id AS id, x.category, x.kind, x.entry_date, x.amount, x.commitment_id
    FROM ledger_entries x JOIN padme_import_projects p ON p.id = x.project_id
   WHERE x.deleted_at IS NULL
),
old_sums AS (${ledgerSumsSql('SELECT * FROM old')}),
added AS (SELECT id, category, amount FROM staged WHERE NOT old AND category IS NOT NULL),
unsure AS (${unsureLedgersSql({ sums: 'SELECT * FROM old_sums', added: 'SELECT * FROM added', lines: 'SELECT * FROM lines' })}),
breach AS (${breachingLedgersSql(
  `SELECT x.id, x.category, x.entry_date, CASE WHEN x.kind = 'adjustment' THEN x.amount ELSE 0 END AS adjusted,
          CASE WHEN x.kind = 'disbursement' THEN x.amount ELSE 0 END AS old_disbursed, 0::bigint AS new_disbursed
     FROM old x WHERE x.id IN (SELECT id FROM unsure)
   UNION ALL
   SELECT id, category, entry_date, 0, 0, amount FROM staged WHERE NOT old AND category IS NOT NULL AND id IN (SELECT id FROM unsure)`,
  'SELECT id, category, amount FROM lines',
)})
SELECT p.id, p.code, so.category AS sole_category, pp.added, pp.unchanged
  FROM padme_import_projects p JOIN per_project pp ON pp.id = p.id JOIN sole so ON so.id = p.id
 WHERE NOT pp.bad
   AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.project_id = p.id AND c.deleted_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM old_sums o WHERE o.id = p.id AND o.pays_commitment)
   AND p.id NOT IN (SELECT id FROM breach)`;

/**
 * The new entries of the clean projects, project by project in file order (their ids drawn in that
 * order, so that a project's entries keep the file's order, and the indexes are written
 * project by project rather than all over), and, in the same statement, their audit
 * records: the rows recordEntries and auditMany write (action 'import', the entity key, the
 * after-JSON with the new id, no reason), the amount as formatAmount wrote it when staged; they
 * come in the entries' order, the order in which the materialized CTE was written and is read back
 * (sorting a million wide rows again by id cost seconds). Exported for the import benchmark.
 */
export const BULK_WRITE_SQL = `WITH new AS MATERIALIZED (
  SELECT nextval('ledger_entries_id_seq'::regclass) AS id, n.*
    FROM (SELECT c.id AS project_id, c.code, s.date, s.amount, s.amount_text, s.ref, coalesce(s.category, c.sole_category) AS category
            FROM ${STAGED} s JOIN padme_import_clean c ON c.code = s.project_code
           WHERE s.old_date IS NULL
           ORDER BY c.id, s.row) n
),
entries AS (
  INSERT INTO ledger_entries (id, project_id, kind, entry_date, amount, ref, note, created_by, category, commitment_id)
  SELECT id, project_id, 'disbursement', date::date, amount, ref, NULL, $1, category, NULL FROM new
)
INSERT INTO audit_log (actor, action, entity_type, entity_key, before, after, reason)
SELECT $2, 'import', 'ledger_entry', code || '/disbursement/' || ref, NULL,
       jsonb_build_object('id', id::text, 'project', code, 'kind', 'disbursement'::text, 'date', date, 'amount', amount_text,
                          'ref', ref, 'note', NULL::text, 'category', category, 'commitment', NULL::text),
       NULL
  FROM new`;

export const disbursementBulk: BulkImport<BulkDisbursementRow> = {
  async open(tx, actor) {
    // old_date, old_amount: the live disbursement with the row's ref already on its project, looked up once every row is staged.
    await tx.query(
      `CREATE TEMPORARY TABLE ${STAGED} (row int NOT NULL, key text NOT NULL, project_code text NOT NULL, date text NOT NULL,
         amount bigint NOT NULL, amount_text text NOT NULL, ref text NOT NULL, category text, commitment text,
         old_date date, old_amount bigint) ON COMMIT DROP`,
    );
    await tx.query('CREATE TEMPORARY TABLE padme_import_projects (code text PRIMARY KEY, id bigint NOT NULL, budget bigint NOT NULL) ON COMMIT DROP');
    // The projects of the batches staged so far: at most one code per project in memory, whatever the file's length.
    const seen = new Set<string>();
    return {
      stage: async (rows) => {
        const codes = [...new Set(rows.map((r) => r.value.project_code))].filter((c) => !seen.has(c));
        for (const c of codes) seen.add(c);
        if (codes.length) await lockCandidates(tx, actor, codes);
        await stage(tx, rows);
      },
      settle: () => settle(tx, actor),
    };
  },
};

/** Keeps the batch's rows. */
async function stage(tx: Queryable, rows: readonly Staged<BulkDisbursementRow>[]): Promise<void> {
  if (!rows.length) return;
  const col = <V>(f: (r: (typeof rows)[number]) => V) => rows.map(f);
  await tx.query(
    `INSERT INTO ${STAGED} (row, key, project_code, date, amount, amount_text, ref, category, commitment)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[])`,
    [
      col((r) => r.row),
      col((r) => r.key),
      col((r) => r.value.project_code),
      col((r) => r.value.date),
      col((r) => String(r.value.amount)),
      col((r) => formatAmount(r.value.amount)),
      col((r) => r.value.ref),
      col((r) => r.value.category ?? null) as string[],
      col((r) => r.value.commitment ?? null) as string[],
    ],
  );
}

async function settle(tx: Queryable, actor: Actor): Promise<BulkSettlement<BulkDisbursementRow>> {
  await tx.exec(`ANALYZE ${STAGED}`);
  await tx.exec('ANALYZE padme_import_projects');
  // Each row's entry already there (the projects are locked, so it cannot change), in one join the
  // planner sizes: index probes for a small file, one pass over the ledger for a large one.
  await tx.exec(
    `UPDATE ${STAGED} s SET old_date = x.entry_date, old_amount = x.amount
       FROM padme_import_projects p JOIN ledger_entries x ON x.project_id = p.id AND x.kind = 'disbursement' AND x.deleted_at IS NULL
      WHERE p.code = s.project_code AND x.ref = s.ref`,
  );
  // The rule's sums, joins and sorts in memory rather than on disk, and no JIT compile of a one-off query (this transaction only).
  await tx.exec("SET LOCAL work_mem = '64MB'");
  await tx.exec('SET LOCAL jit = off');
  await tx.exec(CLEAN_SQL);
  const [n] = await tx.query<{ staged: bigint; added: bigint; unchanged: bigint }>(
    `SELECT (SELECT count(*) FROM ${STAGED}) AS staged, coalesce(sum(added), 0)::bigint AS added, coalesce(sum(unchanged), 0)::bigint AS unchanged
         FROM padme_import_clean`,
  );
  const added = Number(n!.added);
  const unchanged = Number(n!.unchanged);
  const left = Number(n!.staged) - added - unchanged;
  return {
    added,
    unchanged,
    rest: (async function* () {
      if (!left) return;
      await tx.exec(
        `DECLARE padme_import_rest NO SCROLL CURSOR FOR
             SELECT row, project_code, date, amount, ref, category, commitment FROM ${STAGED} s
              WHERE NOT EXISTS (SELECT 1 FROM padme_import_clean c WHERE c.code = s.project_code) ORDER BY row`,
      );
      for (;;) {
        const rows = await tx.query<{
          row: number;
          project_code: string;
          date: string;
          amount: bigint;
          ref: string;
          category: Category | null;
          commitment: string | null;
        }>(`FETCH ${REST_CHUNK} FROM padme_import_rest`);
        if (!rows.length) break;
        yield rows.map((r) => ({
          row: r.row,
          value: {
            project_code: r.project_code,
            date: r.date,
            amount: r.amount,
            ref: r.ref,
            category: r.category ?? undefined,
            commitment: r.commitment ?? undefined,
          },
        }));
      }
      await tx.exec('CLOSE padme_import_rest');
    })(),
    write: async () => {
      if (added) await tx.query(BULK_WRITE_SQL, [actor.username, actorLabel(actor)]);
    },
  };
}
