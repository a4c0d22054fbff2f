import type { Queryable, SqlParam } from '../../db/db.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { ProjectStatus } from '../projects/project.status.ts';

/** Sums for one owner and one status as of a date. */
export interface FigureRow {
  owner_key: string;
  status: ProjectStatus;
  project_count: bigint;
  allocated: bigint;
  disbursed: bigint;
}

export type OwnerScope = { by: 'cluster'; clusterIds: number[] } | { by: 'province'; provinceCodes: string[] };

/**
 * Allocation and disbursement of a fiscal year's projects as of a date, by owner and by the
 * status each project had on that date (a project cancelled later still counts before it).
 */
function scopeParams(fiscalYear: number, asOf: IsoDate, scope: OwnerScope): { params: SqlParam[]; ownerSql: string; key: string } {
  return scope.by === 'cluster'
    ? { params: [fiscalYear, asOf, scope.clusterIds], ownerSql: 'p.cluster_id = ANY($3::int[])', key: 'p.cluster_id::text' }
    : { params: [fiscalYear, asOf, scope.provinceCodes], ownerSql: 'p.province_code = ANY($3::text[])', key: 'p.province_code' };
}

/** The fiscal year ($1) projects in scope, each with the status it had on $2. */
const projectsAsOf = (ownerSql: string, key: string) => `
  SELECT p.id, ${key} AS owner_key, p.budget,
         coalesce(
           (SELECT h.to_status FROM project_status_history h
             WHERE h.project_id = p.id AND h.effective_date <= $2 ORDER BY h.effective_date DESC, h.id DESC LIMIT 1),
           (SELECT h.to_status FROM project_status_history h
             WHERE h.project_id = p.id ORDER BY h.effective_date, h.id LIMIT 1)) AS status
    FROM projects p
   WHERE p.fiscal_year = $1 AND ${ownerSql} AND p.deleted_at IS NULL`;

/**
 * Allocation and disbursement of a fiscal year's projects as of a date, by owner and by the
 * status each project had on that date (a project cancelled later still counts before it).
 */
export async function figuresByOwnerAndStatus(q: Queryable, fiscalYear: number, asOf: IsoDate, scope: OwnerScope): Promise<FigureRow[]> {
  const { params, ownerSql, key } = scopeParams(fiscalYear, asOf, scope);
  return q.query<FigureRow>(
    `WITH proj AS (${projectsAsOf(ownerSql, key)})
     SELECT proj.owner_key, proj.status, count(*) AS project_count,
            (sum(proj.budget) + coalesce(sum(a.total), 0))::bigint AS allocated,
            coalesce(sum(d.total), 0)::bigint AS disbursed
       FROM proj
       LEFT JOIN LATERAL (SELECT sum(e.amount) AS total FROM ledger_entries e
                           WHERE e.project_id = proj.id AND e.kind = 'adjustment' AND e.entry_date <= $2 AND e.deleted_at IS NULL) a ON true
       LEFT JOIN LATERAL (SELECT sum(e.amount) AS total FROM ledger_entries e
                           WHERE e.project_id = proj.id AND e.kind = 'disbursement' AND e.entry_date <= $2 AND e.deleted_at IS NULL) d ON true
      GROUP BY proj.owner_key, proj.status`,
    params,
  );
}

/** Disbursements of the projects not cancelled on asOf, by month up to asOf (the cumulative curve). */
export async function disbursementsByMonth(
  q: Queryable,
  fiscalYear: number,
  asOf: IsoDate,
  scope: OwnerScope,
): Promise<{ month: string; amount: bigint }[]> {
  const { params, ownerSql, key } = scopeParams(fiscalYear, asOf, scope);
  return q.query<{ month: string; amount: bigint }>(
    `WITH proj AS (${projectsAsOf(ownerSql, key)})
     SELECT to_char(e.entry_date, 'YYYY-MM') AS month, sum(e.amount)::bigint AS amount
       FROM ledger_entries e JOIN proj ON proj.id = e.project_id
      WHERE proj.status <> 'cancelled' AND e.kind = 'disbursement' AND e.entry_date <= $2 AND e.deleted_at IS NULL
      GROUP BY 1 ORDER BY 1`,
    params,
  );
}
