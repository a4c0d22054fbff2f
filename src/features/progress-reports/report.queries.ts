import type { Queryable } from '../../db/db.ts';
import { formatPercent } from '../../core/percent.ts';
import type { ReportStatus } from './report.rules.ts';
import type { MonthlyReport } from './report.schema.ts';
import { toReportFile, type FileRow } from './report-files.queries.ts';
import { pushTo } from '../../core/collections.ts';

export interface ReportRow {
  id: bigint;
  project_id: bigint;
  month: string;
  percent_hundredths: number;
  done: string;
  obstacles: string;
  solutions: string;
  help_requested: string;
  status: ReportStatus;
  version: number;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  submitted_at: Date | null;
  submitted_by: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  return_reason: string | null;
}

export async function reportRows(q: Queryable, projectId: bigint, month?: string, forUpdate = false): Promise<ReportRow[]> {
  return q.query<ReportRow>(
    `SELECT * FROM progress_reports WHERE project_id = $1 ${month === undefined ? '' : 'AND month = $2'} ORDER BY month ${forUpdate ? 'FOR UPDATE' : ''}`,
    month === undefined ? [projectId] : [projectId, month],
  );
}

/** The reports of several projects: month, status and percent, by project. */
export async function reportsOf(q: Queryable, ids: bigint[]): Promise<Map<bigint, { month: string; status: ReportStatus; percent: bigint }[]>> {
  const m = new Map<bigint, { month: string; status: ReportStatus; percent: bigint }[]>();
  if (!ids.length) return m;
  for (const r of await q.query<{ project_id: bigint; month: string; status: ReportStatus; percent_hundredths: number }>(
    'SELECT project_id, month, status, percent_hundredths FROM progress_reports WHERE project_id = ANY($1::bigint[]) ORDER BY month',
    [ids.map(String)],
  )) {
    pushTo(m, r.project_id, { month: r.month, status: r.status, percent: BigInt(r.percent_hundredths) });
  }
  return m;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function toReport(code: string, r: ReportRow, files: readonly FileRow[] = []): MonthlyReport {
  return {
    project: code,
    month: r.month,
    percent: formatPercent(BigInt(r.percent_hundredths)),
    done: r.done,
    obstacles: r.obstacles,
    solutions: r.solutions,
    helpRequested: r.help_requested,
    status: r.status,
    version: r.version,
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at)!,
    updatedBy: r.updated_by,
    submittedAt: iso(r.submitted_at),
    submittedBy: r.submitted_by,
    reviewedAt: iso(r.reviewed_at),
    reviewedBy: r.reviewed_by,
    returnReason: r.return_reason,
    files: files.map(toReportFile),
  };
}

export interface QueueRow extends ReportRow {
  code: string;
  name_th: string;
  owner_code: string;
  fiscal_year: number;
  file_count: number;
}

/**
 * The reports of a status over live projects, restricted by SQL filters on the project (alias p,
 * clusters c) each with its one parameter; by month, then project code.
 */
export async function queueRows(
  q: Queryable,
  status: ReportStatus,
  filters: { sql: (param: string) => string; value: string | number }[],
): Promise<QueueRow[]> {
  const params: (string | number)[] = [status];
  const where = filters.map((f) => {
    params.push(f.value);
    return f.sql(`$${params.length}`);
  });
  return q.query<QueueRow>(
    `SELECT r.*, p.code, p.name_th, p.fiscal_year, coalesce(c.slug, p.province_code) AS owner_code,
            (SELECT count(*)::int FROM progress_report_files f WHERE f.report_id = r.id AND f.removed_at IS NULL) AS file_count
       FROM progress_reports r
       JOIN projects p ON p.id = r.project_id
       LEFT JOIN clusters c ON c.id = p.cluster_id
      WHERE r.status = $1 AND p.deleted_at IS NULL ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY r.month, p.code`,
    params,
  );
}
