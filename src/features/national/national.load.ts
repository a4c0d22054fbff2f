/**
 * Loads the national data set straight into the tables, fast: set-based INSERT … SELECT FROM
 * unnest($1::…[], …) in batches, one transaction per fiscal year. It bypasses the per-row domain
 * functions (which would take hours for 5 million entries) but writes the rows they would write:
 * the same tables and columns, the status history each status change would add (and the
 * project's version counting them), budget lines, contracts, ledger entries (returns negative,
 * contract payments linked), plan versions with their months and physical progress. The rows
 * obey every rule of the ledger: the generator checks each project with the rules themselves.
 *
 * The audit trail gets one record per fiscal year loaded (action 'import', entity
 * 'national_data_set', key N<fiscal year>) naming the scale, the seed, the counts and the digest
 * of the year's rows, instead of one record per row: the audit trail says who loaded what, and
 * the digest identifies every row.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable, SqlParam } from '../../db/db.ts';
import { systemActor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearStart } from '../../core/dates.ts';
import { audit } from '../audit/audit.service.ts';
import { NATIONAL_AUTHOR, NATIONAL_FISCAL_YEARS, digestFiscalYear, generateFiscalYear, type GenProject } from './national.generate.ts';

const BATCH = 10_000;

export interface NationalOptions {
  scale: number;
  seed: number;
  /** fiscal years to load (default all ten) */
  fiscalYears?: readonly number[];
  onYear?: (fiscalYear: number, counts: YearCounts) => void;
}

export interface YearCounts {
  projects: number;
  ledgerEntries: number;
  statusChanges: number;
  commitments: number;
  plans: number;
  digest: string;
}

export interface NationalResult {
  scale: number;
  seed: number;
  fiscalYears: number[];
  projects: number;
  ledgerEntries: number;
  /** sha256 of every generated row, in order: the same scale and seed give the same digest */
  digest: string;
}

/** INSERT … SELECT FROM unnest of column arrays, in batches; returns what RETURNING gives. */
async function insertColumns<T extends object>(
  q: Queryable,
  table: string,
  columns: { name: string; type: string; expr?: (ref: string) => string }[],
  rows: readonly SqlParam[][],
  returning = '',
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params = columns.map((_, c) => batch.map((r) => r[c]) as SqlParam);
    const refs = columns.map((c, i) => (c.expr ? c.expr(`u.c${i}`) : `u.c${i}`));
    const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
      SELECT ${refs.join(', ')} FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})
      ${returning ? `RETURNING ${returning}` : ''}`;
    out.push(...(await q.query<T>(sql, params)));
  }
  return out;
}

const nullIfEmpty = (ref: string) => `NULLIF(${ref}, '')`;
const nullIfZero = (ref: string) => `NULLIF(${ref}, 0)`;

/** Writes one fiscal year's generated projects inside the caller's transaction. */
export async function insertFiscalYear(q: Queryable, projects: readonly GenProject[], clusterIds: Map<string, number>): Promise<void> {
  const by = NATIONAL_AUTHOR;
  const ids = new Map<string, string>();
  const projRows = projects.map((p) => {
    const clusterId = p.ownerKind === 'cluster' ? clusterIds.get(`${p.fiscalYear <= 2560 ? '2552' : '2560'}/${p.owner}`) : 0;
    if (clusterId === undefined) throw new Error(`no cluster ${p.owner} for fiscal year ${p.fiscalYear}`);
    return [
      p.code,
      p.fiscalYear,
      p.ownerKind,
      clusterId,
      p.ownerKind === 'province' ? p.owner : '',
      p.nameTh,
      p.agency,
      String(p.budget),
      p.status,
      p.history.length,
      by,
      by,
    ];
  });
  const inserted = await insertColumns<{ id: bigint; code: string }>(
    q,
    'projects',
    [
      { name: 'code', type: 'text' },
      { name: 'fiscal_year', type: 'int' },
      { name: 'owner_kind', type: 'text' },
      { name: 'cluster_id', type: 'int', expr: nullIfZero },
      { name: 'province_code', type: 'text', expr: nullIfEmpty },
      { name: 'name_th', type: 'text' },
      { name: 'agency', type: 'text' },
      { name: 'budget', type: 'bigint' },
      { name: 'status', type: 'text' },
      { name: 'version', type: 'int' },
      { name: 'created_by', type: 'text' },
      { name: 'updated_by', type: 'text' },
    ],
    projRows,
    'id, code',
  );
  for (const r of inserted) ids.set(r.code, String(r.id));
  const idOf = (p: GenProject) => ids.get(p.code)!;
  await insertColumns(
    q,
    'project_status_history',
    [
      { name: 'project_id', type: 'bigint' },
      { name: 'from_status', type: 'text', expr: nullIfEmpty },
      { name: 'to_status', type: 'text' },
      { name: 'effective_date', type: 'date' },
      { name: 'changed_by', type: 'text' },
    ],
    projects.flatMap((p) => p.history.map(([from, to, date]) => [idOf(p), from ?? '', to, date, by])),
  );
  await insertColumns(
    q,
    'project_budget_lines',
    [
      { name: 'project_id', type: 'bigint' },
      { name: 'category', type: 'text' },
      { name: 'amount', type: 'bigint' },
    ],
    projects.flatMap((p) => p.lines.map((l) => [idOf(p), l.category, String(l.amount)])),
  );
  const withCommitment = projects.filter((p) => p.commitment);
  const commitmentRows = await insertColumns<{ id: bigint; project_id: bigint }>(
    q,
    'commitments',
    [
      { name: 'project_id', type: 'bigint' },
      { name: 'number', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'commit_date', type: 'date' },
      { name: 'vendor', type: 'text' },
      { name: 'amount', type: 'bigint' },
      { name: 'category', type: 'text' },
      { name: 'created_by', type: 'text' },
    ],
    withCommitment.map((p) => {
      const c = p.commitment!;
      return [idOf(p), c.number, 'contract', c.date, c.vendor, String(c.amount), c.category, by];
    }),
    'id, project_id',
  );
  const commitmentOf = new Map(commitmentRows.map((r) => [String(r.project_id), String(r.id)]));
  await insertColumns(
    q,
    'ledger_entries',
    [
      { name: 'project_id', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'entry_date', type: 'date' },
      { name: 'amount', type: 'bigint' },
      { name: 'ref', type: 'text' },
      { name: 'note', type: 'text', expr: nullIfEmpty },
      { name: 'created_by', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'commitment_id', type: 'bigint', expr: nullIfZero },
    ],
    projects.flatMap((p) => {
      const id = idOf(p);
      return p.entries.map((e) => [
        id,
        e.kind,
        e.date,
        String(e.amount),
        e.ref,
        e.note ?? '',
        by,
        e.category,
        e.againstCommitment ? commitmentOf.get(id)! : '0',
      ]);
    }),
  );
  const withPlan = projects.filter((p) => p.plan);
  const planRows = await insertColumns<{ id: bigint; project_id: bigint }>(
    q,
    'plan_versions',
    [
      { name: 'project_id', type: 'bigint' },
      { name: 'version', type: 'int' },
      { name: 'effective_from', type: 'date' },
      { name: 'created_by', type: 'text' },
    ],
    withPlan.map((p) => [idOf(p), 1, fiscalYearStart(p.fiscalYear), by]),
    'id, project_id',
  );
  const planOf = new Map(planRows.map((r) => [String(r.project_id), String(r.id)]));
  await insertColumns(
    q,
    'plan_months',
    [
      { name: 'plan_id', type: 'bigint' },
      { name: 'month', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'amount', type: 'bigint' },
    ],
    withPlan.flatMap((p) => p.plan!.months.map((m) => [planOf.get(idOf(p))!, m.month, m.category, String(m.amount)])),
  );
  await insertColumns(
    q,
    'plan_physical',
    [
      { name: 'plan_id', type: 'bigint' },
      { name: 'month', type: 'text' },
      { name: 'percent_hundredths', type: 'int' },
    ],
    withPlan.flatMap((p) => p.plan!.physical.map((x) => [planOf.get(idOf(p))!, x.month, x.hundredths])),
  );
}

/** Generates and loads the national data set into a database without projects, one transaction per fiscal year. */
export async function loadNational(db: Db, opts: NationalOptions): Promise<NationalResult> {
  if (!(opts.scale > 0 && opts.scale <= 10))
    throw new AppError('validation', `The scale must be above 0 and at most 10 (got ${opts.scale})`, { field: 'scale' });
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0)
    throw new AppError('validation', `The seed must be a whole number (got ${opts.seed})`, { field: 'seed' });
  const [any] = await db.query('SELECT 1 FROM projects LIMIT 1');
  if (any)
    throw new AppError(
      'conflict',
      'The database already holds projects: padme demo --national loads only into an empty database (use another --data directory)',
    );
  const clusterIds = new Map(
    (await db.query<{ id: number; scheme: string; slug: string }>('SELECT id, scheme, slug FROM clusters')).map((c) => [
      `${c.scheme}/${c.slug}`,
      c.id,
    ]),
  );
  const years = [...(opts.fiscalYears ?? NATIONAL_FISCAL_YEARS)];
  const total = createHash('sha256');
  const result: NationalResult = { scale: opts.scale, seed: opts.seed, fiscalYears: years, projects: 0, ledgerEntries: 0, digest: '' };
  const actor = systemActor(NATIONAL_AUTHOR);
  for (const fy of years) {
    const projects = generateFiscalYear(fy, opts);
    const yearHash = createHash('sha256');
    digestFiscalYear(yearHash, projects);
    digestFiscalYear(total, projects);
    const counts: YearCounts = {
      projects: projects.length,
      ledgerEntries: projects.reduce((s, p) => s + p.entries.length, 0),
      statusChanges: projects.reduce((s, p) => s + p.history.length, 0),
      commitments: projects.filter((p) => p.commitment).length,
      plans: projects.filter((p) => p.plan).length,
      digest: yearHash.digest('hex'),
    };
    await db.transaction(async (tx) => {
      await insertFiscalYear(tx, projects, clusterIds);
      await audit(tx, actor, {
        action: 'import',
        entityType: 'national_data_set',
        entityKey: `N${fy}`,
        after: { fiscalYear: fy, scale: opts.scale, seed: opts.seed, ...counts },
        reason: 'national data set (padme demo --national): one audit record per fiscal year loaded',
      });
    });
    result.projects += counts.projects;
    result.ledgerEntries += counts.ledgerEntries;
    opts.onYear?.(fy, counts);
  }
  result.digest = total.digest('hex');
  // Fresh statistics, so that the planner sees the new tables as they are.
  await db.exec('ANALYZE');
  return result;
}
