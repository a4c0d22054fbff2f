/**
 * The national data set at a tiny scale, on PGlite and PostgreSQL: counts, the rules of the
 * ledger on every date and category (checked in SQL on what was loaded), reproducibility, and
 * the reports (ranking, dashboard) through the real HTTP API against independent SQL sums.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, freshDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { NATIONAL_FISCAL_YEARS, digestFiscalYear, generateFiscalYear } from './national.generate.ts';
import { loadNational, type NationalResult } from './national.load.ts';

const SCALE = 0.002;
const SEED = 7;
/** sha256 of every generated row at scale 0.002, seed 7: the generator's output, pinned. */
const DIGEST = '9a9bad90b3dbe6187ca0be8b880aed3336f53db99fe57d38ef6ed8f98fd3615a';
const LEDGER_ENTRIES = 10119;
const COUNTS = {
  projects: 200n,
  entries: 10119n,
  returns: 282n,
  disbursed: 733767962679n,
  adjusted: -1309000000n,
  budget: 823489600000n,
  status_changes: 785n,
  commitments: 41n,
  plans: 71n,
  audit_records: 10n,
  cluster_years: 180n,
};

describe('national data set generator', () => {
  const digestOf = (scale: number, seed: number) => {
    const h = createHash('sha256');
    for (const fy of NATIONAL_FISCAL_YEARS) digestFiscalYear(h, generateFiscalYear(fy, { scale, seed }));
    return h.digest('hex');
  };
  it('gives the same rows for the same scale and seed, other rows for another seed', () => {
    expect(digestOf(SCALE, SEED)).toBe(DIGEST);
    expect(digestOf(SCALE, SEED)).toBe(DIGEST);
    expect(digestOf(SCALE, SEED + 1)).not.toBe(DIGEST);
  });
  it('has every cluster every year, late payments, carry-over and returns', () => {
    const years = NATIONAL_FISCAL_YEARS.map((fy) => ({ fy, projects: generateFiscalYear(fy, { scale: 0.01, seed: 1 }) }));
    for (const { projects } of years) {
      expect(projects.length).toBe(100);
      expect(new Set(projects.filter((p) => p.ownerKind === 'cluster').map((p) => p.owner)).size).toBe(18);
    }
    const entries = years.flatMap(({ fy, projects }) => projects.flatMap((p) => p.entries.map((e) => ({ fy, ...e }))));
    const payments = entries.filter((e) => e.kind === 'disbursement' && e.amount > 0n);
    const lastQuarter = payments.filter((e) => e.date >= `${e.fy - 543}-07-01` && e.date <= `${e.fy - 543}-09-30`).length;
    const carryOver = payments.filter((e) => e.date > `${e.fy - 543}-09-30`).length;
    expect(lastQuarter / payments.length).toBeGreaterThan(0.35);
    expect(carryOver / payments.length).toBeGreaterThan(0.05);
    expect(entries.filter((e) => e.amount < 0n && e.kind === 'disbursement').length).toBeGreaterThan(500);
    const statuses = new Set(years.flatMap((y) => y.projects.map((p) => p.status)));
    expect([...statuses].sort()).toEqual(['cancelled', 'completed', 'in_progress', 'proposed', 'revising']);
  });
  it('refuses a bad scale and a database that holds projects', async () => {
    const db = await freshDb('pglite');
    await expect(loadNational(db, { scale: 0, seed: 1 })).rejects.toThrow('The scale must be above 0 and at most 10 (got 0)');
    await loadNational(db, { scale: 0.0001, seed: 1, fiscalYears: [2561] });
    await expect(loadNational(db, { scale: 0.0001, seed: 1 })).rejects.toThrow('The database already holds projects');
    await db.close();
  });
});

interface RankingEntry {
  rank: number | null;
  owner: string;
  projectCount: number;
  allocated: string;
  disbursed: string;
}

describeEachDb('national data set loaded', (kind) => {
  let s: TestServer;
  let r: NationalResult;
  beforeAll(async () => {
    s = await startServer(kind);
    r = await loadNational(s.db, { scale: SCALE, seed: SEED });
  }, 120_000);
  afterAll(() => s?.close());
  const one = async <T extends object>(sql: string, params: (string | number)[] = []) => (await s.db.query<T>(sql, params))[0]!;

  it('holds the counts and sums generated, the same on both databases', async () => {
    expect(r).toMatchObject({ projects: 200, ledgerEntries: LEDGER_ENTRIES, digest: DIGEST });
    const counts = await one<Record<string, bigint>>(`SELECT
      (SELECT count(*) FROM projects) AS projects,
      (SELECT count(*) FROM ledger_entries) AS entries,
      (SELECT count(*) FROM ledger_entries WHERE amount < 0 AND kind = 'disbursement') AS returns,
      (SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE kind = 'disbursement') AS disbursed,
      (SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE kind = 'adjustment') AS adjusted,
      (SELECT sum(budget)::bigint FROM projects) AS budget,
      (SELECT count(*) FROM project_status_history) AS status_changes,
      (SELECT count(*) FROM commitments) AS commitments,
      (SELECT count(*) FROM plan_versions) AS plans,
      (SELECT count(*) FROM audit_log WHERE entity_type = 'national_data_set') AS audit_records,
      (SELECT count(DISTINCT (fiscal_year, cluster_id)) FROM projects WHERE cluster_id IS NOT NULL) AS cluster_years`);
    expect(counts).toEqual(COUNTS);
    expect(counts.entries).toBe(BigInt(r.ledgerEntries));
    // Every project's version counts its status changes, as applyStatusChange would have.
    expect(
      await one(`SELECT count(*) AS n FROM projects p WHERE version <> (SELECT count(*) FROM project_status_history h WHERE h.project_id = p.id)`),
    ).toEqual({ n: 0n });
  });

  it('obeys the ledger rule on every date and in every category, and no entry follows a cancellation', async () => {
    const breaches = await one(`
      WITH lines AS (
        SELECT p.id AS project_id, coalesce(l.category, 'operating') AS category, coalesce(l.amount, p.budget) AS amount
          FROM projects p LEFT JOIN project_budget_lines l ON l.project_id = p.id),
      daily AS (
        SELECT project_id, category, entry_date,
               coalesce(sum(amount) FILTER (WHERE kind = 'adjustment'), 0) AS adj,
               coalesce(sum(amount) FILTER (WHERE kind = 'disbursement'), 0) AS dis
          FROM ledger_entries WHERE deleted_at IS NULL GROUP BY 1, 2, 3),
      running AS (
        SELECT d.project_id, l.amount + sum(d.adj) OVER w AS allocated, sum(d.dis) OVER w AS disbursed
          FROM daily d JOIN lines l USING (project_id, category)
        WINDOW w AS (PARTITION BY d.project_id, d.category ORDER BY d.entry_date))
      SELECT (SELECT count(*) FROM running WHERE allocated < 0 OR disbursed < 0 OR disbursed > allocated) AS breaches,
             (SELECT count(*) FROM daily d WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.project_id = d.project_id AND l.category = d.category)) AS orphans,
             (SELECT count(*) FROM running) AS checked`);
    expect(breaches).toMatchObject({ breaches: 0n, orphans: 0n });
    expect((breaches as { checked: bigint }).checked).toBeGreaterThan(5000n);
    expect(
      await one(`SELECT count(*) AS n FROM ledger_entries e JOIN project_status_history h ON h.project_id = e.project_id
                  WHERE h.to_status = 'cancelled' AND e.entry_date >= h.effective_date`),
    ).toEqual({ n: 0n });
    // Payments against a contract stay within it, and within the allocation with what is committed.
    expect(
      await one(`SELECT count(*) AS n FROM commitments c
                  WHERE (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.commitment_id = c.id) > c.amount`),
    ).toEqual({ n: 0n });
  });

  it('answers the ranking of the 18 clusters and a cluster dashboard with the sums of the ledger', async () => {
    const asOf = '2022-09-30';
    const ranking = await s.json<{ clusters: RankingEntry[] }>(`/api/v1/reports/ranking?fiscalYear=2565&asOf=${asOf}`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.clusters).toHaveLength(18);
    const expected = await s.db.query<{ slug: string; allocated: bigint; disbursed: bigint; n: bigint }>(
      `SELECT c.slug, count(*) AS n,
              sum(p.budget + coalesce((SELECT sum(amount) FROM ledger_entries e WHERE e.project_id = p.id AND e.kind = 'adjustment' AND e.entry_date <= $1), 0))::bigint AS allocated,
              sum(coalesce((SELECT sum(amount) FROM ledger_entries e WHERE e.project_id = p.id AND e.kind = 'disbursement' AND e.entry_date <= $1), 0))::bigint AS disbursed
         FROM projects p JOIN clusters c ON c.id = p.cluster_id
        WHERE p.fiscal_year = 2565 AND NOT EXISTS (SELECT 1 FROM project_status_history h WHERE h.project_id = p.id AND h.to_status = 'cancelled' AND h.effective_date <= $1)
        GROUP BY c.slug`,
      [asOf],
    );
    const baht = (v: bigint) => `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
    for (const e of expected) {
      const got = ranking.body.clusters.find((c) => c.owner === e.slug)!;
      expect({ owner: got.owner, allocated: got.allocated, disbursed: got.disbursed, n: got.projectCount }).toEqual({
        owner: e.slug,
        allocated: baht(e.allocated),
        disbursed: baht(e.disbursed),
        n: Number(e.n),
      });
    }
    // Every cluster with an allocation is ranked (one whose only project was cancelled has none at this scale).
    expect(ranking.body.clusters.filter((c) => c.rank !== null)).toHaveLength(ranking.body.clusters.filter((c) => c.allocated !== '0.00').length);
    const top = ranking.body.clusters[0]!;
    const dash = await s.json<{ disbursement: { disbursed: string; allocated: string }; monthly: { cumulative: string }[]; rank: { rank: number } }>(
      `/api/v1/reports/dashboard?owner=${top.owner}&fiscalYear=2565&asOf=${asOf}`,
    );
    expect(dash.status).toBe(200);
    expect(dash.body.disbursement).toMatchObject({ allocated: top.allocated, disbursed: top.disbursed });
    expect(dash.body.monthly.at(-1)!.cumulative).toBe(top.disbursed);
    expect(dash.body.rank.rank).toBe(1);
  });
});
