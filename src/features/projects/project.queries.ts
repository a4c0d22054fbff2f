import type { Queryable, SqlParam } from '../../db/db.ts';
import { formatAmount } from '../../core/money.ts';
import { formatPercent, percentHundredths } from '../../core/percent.ts';
import { likeContains, searchWords } from '../../core/search.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { Actor } from '../../core/context.ts';
import { projectReadFilter } from '../users/access.ts';
import type { Project, ProjectListQuery, StatusChange } from './project.schema.ts';
import type { ProjectStatus } from './project.status.ts';
import { pushTo } from '../../core/collections.ts';

export interface ProjectRow {
  id: bigint;
  code: string;
  fiscal_year: number;
  owner_kind: 'cluster' | 'province';
  owner_code: string;
  owner_name_th: string;
  owner_name_en: string;
  cluster_id: number | null;
  province_code: string | null;
  name_th: string;
  agency: string | null;
  budget: bigint;
  status: ProjectStatus;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  deleted_at: Date | null;
  allocated: bigint;
  disbursed: bigint;
}

/** Projects with their allocation and disbursement as of the parameter asOf. Callers add WHERE/ORDER/LIMIT. */
const selectProjects = (asOf: string) => `
  SELECT p.id, p.code, p.fiscal_year, p.owner_kind, p.cluster_id, p.province_code, p.name_th, p.agency,
         p.budget, p.status, p.version, p.created_at, p.created_by, p.updated_at, p.updated_by, p.deleted_at,
         coalesce(c.slug, pr.code) AS owner_code,
         coalesce(c.name_th, pr.name_th) AS owner_name_th,
         coalesce(c.name_en, pr.name_en) AS owner_name_en,
         p.budget + coalesce(a.total, 0)::bigint AS allocated,
         coalesce(d.total, 0)::bigint AS disbursed
    FROM projects p
    LEFT JOIN clusters c ON c.id = p.cluster_id
    LEFT JOIN provinces pr ON pr.code = p.province_code
    LEFT JOIN LATERAL (SELECT sum(e.amount) AS total FROM ledger_entries e
                        WHERE e.project_id = p.id AND e.kind = 'adjustment' AND e.entry_date <= ${asOf} AND e.deleted_at IS NULL) a ON true
    LEFT JOIN LATERAL (SELECT sum(e.amount) AS total FROM ledger_entries e
                        WHERE e.project_id = p.id AND e.kind = 'disbursement' AND e.entry_date <= ${asOf} AND e.deleted_at IS NULL) d ON true`;

const SORT_SQL: Record<ProjectListQuery['sort'], string> = {
  code: 'p.code',
  nameTh: 'p.name_th',
  budget: 'p.budget',
  disbursed: 'disbursed',
  disbursedPercent:
    'CASE WHEN p.budget + coalesce(a.total, 0) = 0 THEN NULL ELSE coalesce(d.total, 0)::numeric / (p.budget + coalesce(a.total, 0)) END',
  status: 'p.status',
  fiscalYear: 'p.fiscal_year',
};

export function toProject(r: ProjectRow, asOf: IsoDate): Project {
  const pct = percentHundredths(r.disbursed, r.allocated);
  return {
    code: r.code,
    fiscalYear: r.fiscal_year,
    owner: { kind: r.owner_kind, code: r.owner_code, nameTh: r.owner_name_th, nameEn: r.owner_name_en },
    nameTh: r.name_th,
    agency: r.agency,
    budget: formatAmount(r.budget),
    status: r.status,
    version: r.version,
    asOf,
    allocated: formatAmount(r.allocated),
    disbursed: formatAmount(r.disbursed),
    remaining: formatAmount(r.allocated - r.disbursed),
    disbursedPercent: pct === null ? null : formatPercent(pct),
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
    deleted: r.deleted_at !== null,
  };
}

/** What a write to a project's ledger needs of it: who owns it, its budget and its status. */
export type LedgerProjectRow = Pick<ProjectRow, 'id' | 'code' | 'fiscal_year' | 'owner_kind' | 'owner_code' | 'budget' | 'status'>;

/** The live projects with these codes, by code: their owner, budget and status (no figures). */
export async function findLedgerProjectRows(q: Queryable, codes: readonly string[]): Promise<Map<string, LedgerProjectRow>> {
  const rows = await q.query<LedgerProjectRow>(
    `SELECT p.id, p.code, p.fiscal_year, p.owner_kind, coalesce(c.slug, p.province_code) AS owner_code, p.budget, p.status
       FROM projects p LEFT JOIN clusters c ON c.id = p.cluster_id
      WHERE p.code = ANY($1::text[]) AND p.deleted_at IS NULL`,
    [[...codes]],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/** One project by code; a soft-deleted one only when asked for. */
export async function findProjectRow(
  q: Queryable,
  code: string,
  asOf: IsoDate,
  opts: { forUpdate?: boolean; includeDeleted?: boolean } = {},
): Promise<ProjectRow | undefined> {
  if (opts.forUpdate) await q.query('SELECT id FROM projects WHERE code = $1 FOR UPDATE', [code]);
  const rows = await q.query<ProjectRow>(`${selectProjects('$1')} WHERE p.code = $2 ${opts.includeDeleted ? '' : 'AND p.deleted_at IS NULL'}`, [
    asOf,
    code,
  ]);
  return rows[0];
}

export async function queryProjects(q: Queryable, f: ProjectListQuery, asOf: IsoDate, actor: Actor): Promise<{ total: number; rows: ProjectRow[] }> {
  const params: SqlParam[] = [];
  const where: string[] = ['p.deleted_at IS NULL'];
  const add = (sql: (n: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.fiscalYear !== undefined) add((n) => `p.fiscal_year = ${n}`, f.fiscalYear);
  if (f.status) add((n) => `p.status = ${n}`, f.status);
  if (f.owner) {
    if (/^\d{2}$/.test(f.owner)) add((n) => `p.province_code = ${n}`, f.owner);
    else add((n) => `c.slug = ${n}`, f.owner);
  }
  const scope = projectReadFilter(actor);
  if (scope) add(scope.sql, scope.value);
  for (const word of searchWords(f.q ?? '')) {
    add((n) => `(p.name_th ILIKE ${n} OR p.code ILIKE ${n})`, likeContains(word));
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [countRow] = await q.query<{ n: bigint }>(
    `SELECT count(*) AS n FROM projects p LEFT JOIN clusters c ON c.id = p.cluster_id ${whereSql}`,
    params,
  );
  const order = `${SORT_SQL[f.sort]} ${f.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, p.code ASC`;
  const rows = await q.query<ProjectRow>(
    `${selectProjects(`$${params.length + 1}`)} ${whereSql} ORDER BY ${order} LIMIT ${f.limit} OFFSET ${f.offset}`,
    [...params, asOf],
  );
  return { total: Number(countRow?.n ?? 0n), rows };
}

export async function statusHistory(q: Queryable, projectId: bigint): Promise<StatusChange[]> {
  return [...(await statusHistories(q, { ids: [projectId] })).values()][0] ?? [];
}

/**
 * The status histories of many projects in one statement, by project code: of the given ids, or of
 * the live projects with the given codes that the actor may read (the others are left out).
 */
export async function statusHistories(
  q: Queryable,
  which: { ids: readonly bigint[] } | { codes: readonly string[]; actor: Actor },
): Promise<Map<string, StatusChange[]>> {
  const params: SqlParam[] = [];
  let where: string;
  if ('ids' in which) {
    params.push(which.ids.map(String));
    where = 'h.project_id = ANY($1::bigint[])';
  } else {
    params.push([...which.codes]);
    where = 'p.code = ANY($1::text[]) AND p.deleted_at IS NULL';
    const scope = projectReadFilter(which.actor);
    if (scope) {
      params.push(scope.value);
      where += ` AND ${scope.sql('$2')}`;
    }
  }
  const rows = await q.query<{
    code: string;
    from_status: ProjectStatus | null;
    to_status: ProjectStatus;
    effective_date: string;
    reason: string | null;
    changed_at: Date;
    changed_by: string;
  }>(
    `SELECT p.code, h.from_status, h.to_status, h.effective_date, h.reason, h.changed_at, h.changed_by
       FROM project_status_history h JOIN projects p ON p.id = h.project_id LEFT JOIN clusters c ON c.id = p.cluster_id
      WHERE ${where} ORDER BY h.project_id, h.effective_date, h.id`,
    params,
  );
  const out = new Map<string, StatusChange[]>();
  for (const r of rows) {
    pushTo(out, r.code, {
      fromStatus: r.from_status,
      toStatus: r.to_status,
      effectiveDate: r.effective_date,
      reason: r.reason,
      changedAt: new Date(r.changed_at).toISOString(),
      changedBy: r.changed_by,
    });
  }
  return out;
}

export async function insertStatusChange(
  q: Queryable,
  projectId: bigint,
  from: ProjectStatus | null,
  to: ProjectStatus,
  effectiveDate: IsoDate,
  reason: string | null,
  by: string,
): Promise<void> {
  await q.query(
    `INSERT INTO project_status_history (project_id, from_status, to_status, effective_date, reason, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [projectId, from, to, effectiveDate, reason, by],
  );
}
