/**
 * Reports against their limits: the ranking of the 18 clusters, a cluster's dashboard and a
 * page of the project list (filters and Thai search), each as the API answers it (HTTP on
 * loopback, JSON), against the same answer's SQL run directly (the statements the request
 * issued, recorded and replayed on the database: the database's own limit), and, for the
 * ranking and the dashboard, against a naive full scan of the ledger (every entry aggregated,
 * then joined to the fiscal year's projects).
 */
import type { Db } from '../src/db/db.ts';
import { replay, type Statement } from './lib/recording-db.ts';
import { startBenchApp } from './lib/bench-app.ts';
import { round, timeInTurns, verdict, type Timing } from './lib/measure.ts';

export const REPORT_FY = 2565;
export const REPORT_AS_OF = '2022-06-30';

/** The status each project had on $2 (as the reports count it). */
const STATUS_AS_OF = `coalesce(
  (SELECT h.to_status FROM project_status_history h WHERE h.project_id = p.id AND h.effective_date <= $2 ORDER BY h.effective_date DESC, h.id DESC LIMIT 1),
  (SELECT h.to_status FROM project_status_history h WHERE h.project_id = p.id ORDER BY h.effective_date, h.id LIMIT 1))`;

/** The ranking's figures from a full scan: every ledger entry summed by project, then joined. */
const NAIVE_RANKING = `
  WITH sums AS (
    SELECT project_id,
           sum(amount) FILTER (WHERE kind = 'adjustment' AND entry_date <= $2) AS adj,
           sum(amount) FILTER (WHERE kind = 'disbursement' AND entry_date <= $2) AS dis
      FROM ledger_entries WHERE deleted_at IS NULL GROUP BY project_id)
  SELECT p.cluster_id, ${STATUS_AS_OF} AS status, count(*) AS n,
         sum(p.budget + coalesce(s.adj, 0))::bigint AS allocated, sum(coalesce(s.dis, 0))::bigint AS disbursed
    FROM projects p LEFT JOIN sums s ON s.project_id = p.id
   WHERE p.fiscal_year = $1 AND p.cluster_id IS NOT NULL AND p.deleted_at IS NULL
   GROUP BY 1, 2`;

/** The dashboard's figures from a full scan: the ledger by project, kind, category and month, joined to the owner's projects. */
const NAIVE_DASHBOARD = `
  WITH sums AS (
    SELECT project_id, kind, category, to_char(entry_date, 'YYYY-MM') AS month, sum(amount) AS amount
      FROM ledger_entries WHERE deleted_at IS NULL AND entry_date <= $2 GROUP BY 1, 2, 3, 4)
  SELECT ${STATUS_AS_OF} AS status, s.kind, s.category, s.month, sum(s.amount)::bigint AS amount
    FROM projects p JOIN clusters c ON c.id = p.cluster_id LEFT JOIN sums s ON s.project_id = p.id
   WHERE p.fiscal_year = $1 AND c.slug = $3 AND p.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4`;

/** The slug of the cluster with most projects in the report's fiscal year (the dashboard's and the meeting's owner). */
export async function clusterWithMostProjects(db: Db): Promise<string> {
  const [top] = await db.query<{ slug: string }>(
    `SELECT c.slug FROM projects p JOIN clusters c ON c.id = p.cluster_id WHERE p.fiscal_year = $1 GROUP BY c.slug ORDER BY count(*) DESC, c.slug LIMIT 1`,
    [REPORT_FY],
  );
  return top!.slug;
}

export interface ApiVsSql {
  name: string;
  path: string;
  statements: number;
  /** the bare route of the same server, timed in the same turns: the HTTP floor under the API time */
  bare: Timing;
  api: Timing;
  sql: Timing;
  naive?: Timing;
  apiVsSql: ReturnType<typeof verdict>;
  /** the same ratio of CPU medians (PGlite: the database is in this process; a figure the load of the machine barely moves) */
  apiVsSqlCpu: number;
  naiveVsApi?: ReturnType<typeof verdict>;
}

export async function runReportBenchmarks(
  db: Db,
  token: string,
  opts: { runs: number; naiveRuns: number; only: (name: string) => boolean; log: (s: string) => void },
): Promise<ApiVsSql[]> {
  const app = await startBenchApp(db, token);
  const { rec, get } = app;
  const top = await clusterWithMostProjects(db);
  const cases: { name: string; path: string; naive?: { sql: string; params: (string | number)[] } }[] = [
    {
      name: 'ranking',
      path: `/api/v1/reports/ranking?fiscalYear=${REPORT_FY}&asOf=${REPORT_AS_OF}`,
      naive: { sql: NAIVE_RANKING, params: [REPORT_FY, REPORT_AS_OF] },
    },
    {
      name: 'dashboard',
      path: `/api/v1/reports/dashboard?owner=${top}&fiscalYear=${REPORT_FY}&asOf=${REPORT_AS_OF}`,
      naive: { sql: NAIVE_DASHBOARD, params: [REPORT_FY, REPORT_AS_OF, top] },
    },
    {
      name: 'project-list',
      path: `/api/v1/projects?fiscalYear=${REPORT_FY}&status=completed&q=${encodeURIComponent('ท่องเที่ยว')}&sort=budget&order=desc&limit=50`,
    },
  ];
  const out: ApiVsSql[] = [];
  try {
    for (const c of cases.filter((x) => opts.only(x.name))) {
      await get(c.path);
      rec.record(true);
      await get(c.path);
      const statements: Statement[] = rec.record(false);
      const n = c.naive;
      const [bare, api, sql, naive] = await timeInTurns(
        [
          { fn: () => get('/api/health') },
          { fn: () => get(c.path) },
          { fn: () => replay(db, statements) },
          n ? { fn: () => db.query(n.sql, n.params), every: Math.max(1, Math.round(opts.runs / opts.naiveRuns)) } : null,
        ],
        opts.runs,
      );
      const r: ApiVsSql = {
        name: c.name,
        path: c.path,
        statements: statements.length,
        bare: bare!,
        api: api!,
        sql: sql!,
        apiVsSql: verdict(api!.medianMs / sql!.medianMs, { atMost: 1.2 }),
        apiVsSqlCpu: round(api!.cpuMedianMs / Math.max(sql!.cpuMedianMs, 0.01), 3),
      };
      if (naive) {
        r.naive = naive;
        r.naiveVsApi = verdict(naive.medianMs / api!.medianMs, { atLeast: 4 });
      }
      opts.log(
        `${c.name}: API ${r.api.medianMs} ms (bare route ${r.bare.medianMs} ms), its SQL (${statements.length} statements) ${r.sql.medianMs} ms → ${r.apiVsSql.ratio}x (aim ${r.apiVsSql.aim}${r.apiVsSql.met ? ', met' : ', NOT met'}); CPU here ${r.api.cpuMedianMs} / ${r.sql.cpuMedianMs} ms → ${r.apiVsSqlCpu}x` +
          (r.naive
            ? `; naive full scan ${r.naive.medianMs} ms → API ${r.naiveVsApi!.ratio}x faster (aim ${r.naiveVsApi!.aim}${r.naiveVsApi!.met ? ', met' : ', NOT met'})`
            : ''),
      );
      out.push(r);
    }
  } finally {
    await app.close();
  }
  return out;
}
