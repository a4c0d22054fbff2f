/**
 * The ledger partitioned by fiscal year (partition-ledger.sql) on the national data set at its
 * smallest size: the reports and a project's ledger answer exactly as before, writes through the
 * API (a carry-over disbursement, a correction, an import) land in their project's year, a
 * project's year corrected moves its entries, and EXPLAIN shows which partitions a query reads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../core/context.ts';
import { loadNational } from '../../features/national/national.load.ts';
import { describeEachDb } from '../../../test/support/db.ts';
import { fileForm } from '../../../test/support/roles.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { isLedgerPartitioned, ledgerPartitions, partitionLedger } from './partition-ledger.ts';

const AS_OF = '2022-09-30';
const FY = 2565;

describeEachDb('the ledger partitioned by fiscal year', (kind) => {
  let s: TestServer;
  let code: string;
  let before: { ranking: unknown; dashboard: unknown; ledger: unknown; byYear: Map<number, number> };
  const get = async (path: string) => {
    const r = await s.json(path);
    expect(r.status, path).toBe(200);
    return r.body;
  };
  const answers = async (owner: string) => ({
    ranking: await get(`/api/v1/reports/ranking?fiscalYear=${FY}&asOf=${AS_OF}`),
    dashboard: await get(`/api/v1/reports/dashboard?owner=${owner}&fiscalYear=${FY}&asOf=${AS_OF}`),
    ledger: await get(`/api/v1/projects/${code}/ledger`),
  });
  let owner: string;

  beforeAll(async () => {
    s = await startServer(kind);
    await loadNational(s.db, { scale: 0.0001, seed: 7 });
    // Writes go to a FY 2568 project still in progress (no commitment, one budget line), after its
    // last entry of 28 March 2026: carry-over, six months after its fiscal year ended.
    const [p] = await s.db.query<{ code: string }>(
      `SELECT p.code FROM projects p
        WHERE p.fiscal_year = 2568 AND p.status = 'in_progress' AND NOT EXISTS (SELECT 1 FROM commitments m WHERE m.project_id = p.id)
          AND (SELECT count(*) FROM project_budget_lines l WHERE l.project_id = p.id) <= 1
        ORDER BY p.code LIMIT 1`,
    );
    code = p!.code;
    expect(code).toBe('N2568-lower-central-1-0001');
    owner = 'upper-north-1';
    const byYear = await s.db.query<{ fy: number; n: bigint }>(
      `SELECT p.fiscal_year AS fy, count(*) AS n FROM ledger_entries e JOIN projects p ON p.id = e.project_id GROUP BY 1 ORDER BY 1`,
    );
    before = { ...(await answers(owner)), byYear: new Map(byYear.map((r) => [r.fy, Number(r.n)])) };
    expect(await isLedgerPartitioned(s.db)).toBe(false);
    const r = await partitionLedger(s.db, systemActor('test'));
    expect(r.converted).toBe(true);
  }, 180_000);
  afterAll(() => s?.close());

  it('holds every entry in its project fiscal year partition, two empty years ahead and an empty default partition', async () => {
    expect(await isLedgerPartitioned(s.db)).toBe(true);
    const parts = await ledgerPartitions(s.db);
    expect(parts.map((p) => [p.fiscalYear, p.entries])).toEqual([...[...before.byYear].map(([fy, n]) => [fy, n]), [2569, 0], [2570, 0], [null, 0]]);
    expect([...before.byYear.keys()]).toEqual([2559, 2560, 2561, 2562, 2563, 2564, 2565, 2566, 2567, 2568]);
    expect(parts.reduce((n, p) => n + p.entries, 0)).toBe(8976);
    // Carry-over payments (after 30 September of their year) are in their project's partition.
    expect(await s.db.query(`SELECT count(*) AS n FROM ledger_entry_rows_2565 WHERE entry_date > '2022-09-30'`)).not.toEqual([{ n: 0n }]);
    expect(await s.db.query(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'ledger_partitioning'`)).toEqual([{ n: 1n }]);
  });

  it('answers the ranking, a dashboard and a project ledger exactly as before', async () => {
    expect(await answers(owner)).toEqual({ ranking: before.ranking, dashboard: before.dashboard, ledger: before.ledger });
  });

  it('takes a carry-over disbursement, a correction and an import into the project year partition', async () => {
    const last = await s.db.query(`SELECT max(entry_date) AS d FROM ledger_entries e JOIN projects p ON p.id = e.project_id WHERE p.code = $1`, [
      code,
    ]);
    expect(last).toEqual([{ d: '2026-03-28' }]);
    const paid = await s.json(`/api/v1/projects/${code}/disbursements`, {
      method: 'POST',
      body: JSON.stringify({ date: '2026-04-01', amount: '100.00', ref: 'PART-1' }),
    });
    expect(paid.status).toBe(201);
    // The same ref again is the same entry (the unique index holds on the partitioned table).
    expect(
      (
        await s.json(`/api/v1/projects/${code}/disbursements`, {
          method: 'POST',
          body: JSON.stringify({ date: '2026-04-01', amount: '100.00', ref: 'PART-1' }),
        })
      ).status,
    ).toBe(200);
    const [entry] = await s.db.query<{ id: bigint; version: number }>(`SELECT id, version FROM ledger_entries WHERE ref = 'PART-1'`);
    const fixed = await s.json(`/api/v1/projects/${code}/ledger/${entry!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: entry!.version, amount: '150.00', date: '2026-04-02', reason: 'the receipt says 150' }),
    });
    expect(fixed.status).toBe(200);
    const imported = await s.api('/api/v1/imports/disbursements', {
      method: 'POST',
      body: fileForm('d.csv', `project_code,date,amount,ref\n${code},2026-04-03,10.00,PART-2\n${code},2026-04-04,20.00,PART-3\n`),
    });
    expect(imported.status).toBe(200);
    expect(
      await s.db.query(
        `SELECT tableoid::regclass::text AS part, ref, entry_date, amount, version FROM ledger_entry_rows WHERE ref LIKE 'PART-%' ORDER BY ref`,
      ),
    ).toEqual([
      { part: 'ledger_entry_rows_2568', ref: 'PART-1', entry_date: '2026-04-02', amount: 15000n, version: 2 },
      { part: 'ledger_entry_rows_2568', ref: 'PART-2', entry_date: '2026-04-03', amount: 1000n, version: 1 },
      { part: 'ledger_entry_rows_2568', ref: 'PART-3', entry_date: '2026-04-04', amount: 2000n, version: 1 },
    ]);
    const ledger = (await get(`/api/v1/projects/${code}/ledger`)) as { ref: string; amount: string }[];
    expect(ledger.filter((e) => e.ref.startsWith('PART-')).map((e) => [e.ref, e.amount])).toEqual([
      ['PART-1', '150.00'],
      ['PART-2', '10.00'],
      ['PART-3', '20.00'],
    ]);
  });

  it("moves a project's entries when its fiscal year is corrected", async () => {
    const [p] = await s.db.query<{ id: bigint; n: bigint }>(
      `SELECT p.id, count(*) AS n FROM projects p JOIN ledger_entries e ON e.project_id = p.id WHERE p.fiscal_year = 2559 GROUP BY p.id ORDER BY p.id LIMIT 1`,
    );
    const where = `SELECT tableoid::regclass::text AS part, count(*) AS n FROM ledger_entry_rows WHERE project_id = $1 GROUP BY 1`;
    // Checked inside a transaction that is then rolled back (the data set stays as loaded).
    const moved = s.db.transaction(async (tx) => {
      await tx.query(`UPDATE projects SET fiscal_year = 2569 WHERE id = $1`, [p!.id]);
      expect(await tx.query(where, [p!.id])).toEqual([{ part: 'ledger_entry_rows_2569', n: p!.n }]);
      throw new Error('rolled back');
    });
    await expect(moved).rejects.toThrow('rolled back');
    expect(await s.db.query(where, [p!.id])).toEqual([{ part: 'ledger_entry_rows_2559', n: p!.n }]);
  });

  it('adds the partitions of new fiscal years when run again, moving their rows out of the default partition', async () => {
    const [p] = await s.db.query<{ id: bigint }>(`SELECT id FROM projects WHERE code = $1`, [code]);
    await s.db.transaction(async (tx) => {
      // A project of FY 2575 (no partition yet) and an entry of it: kept in the default partition.
      await tx.query(
        `INSERT INTO projects (code, fiscal_year, owner_kind, cluster_id, name_th, budget, status, created_by, updated_by)
         SELECT 'PART-2575', 2575, owner_kind, cluster_id, name_th, budget, status, created_by, updated_by FROM projects WHERE id = $1`,
        [p!.id],
      );
      await tx.query(
        `INSERT INTO ledger_entries (project_id, kind, entry_date, amount, ref, created_by)
         SELECT id, 'adjustment', '2031-10-01', 100, 'PART-ADJ', 'test' FROM projects WHERE code = 'PART-2575'`,
      );
    });
    expect(await s.db.query(`SELECT tableoid::regclass::text AS part FROM ledger_entry_rows WHERE ref = 'PART-ADJ'`)).toEqual([
      { part: 'ledger_entry_rows_other' },
    ]);
    const again = await partitionLedger(s.db, systemActor('test'));
    expect(again.converted).toBe(false);
    expect(again.partitions.filter((x) => (x.fiscalYear ?? 0) >= 2569).map((x) => [x.fiscalYear, x.entries])).toEqual([
      [2569, 0],
      [2570, 0],
      [2575, 1],
      [2576, 0],
      [2577, 0],
    ]);
    expect(again.partitions.at(-1)).toEqual({ fiscalYear: null, name: 'ledger_entry_rows_other', entries: 0 });
  });

  it("EXPLAIN: a query on the fiscal year reads only its partition; the reports' per-project sums read every partition's index", async () => {
    const plan = async (sql: string) =>
      (await s.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`)).map((r) => r['QUERY PLAN']).join('\n');
    const parts = (text: string) => [...new Set([...text.matchAll(/ on (ledger_entry_rows_(?:\d+|other))\b(?!_)/g)].map((m) => m[1]))].sort();
    const keyed = await plan(
      `SELECT sum(amount) FROM ledger_entry_rows WHERE fiscal_year = ${FY} AND kind = 'disbursement' AND entry_date <= '${AS_OF}' AND deleted_at IS NULL`,
    );
    expect(parts(keyed)).toEqual(['ledger_entry_rows_2565']);
    const joined = await plan(
      `SELECT p.cluster_id, sum(e.amount) FROM projects p JOIN ledger_entry_rows e ON e.project_id = p.id AND e.fiscal_year = p.fiscal_year
        WHERE p.fiscal_year = ${FY} AND e.kind = 'disbursement' AND e.entry_date <= '${AS_OF}' AND e.deleted_at IS NULL GROUP BY 1`,
    );
    expect(parts(joined)).toEqual(['ledger_entry_rows_2565']);
    // The reports' SQL (src/features/reports/figures.queries.ts) sums each project's entries by
    // project_id alone through the view: nothing tells the planner the year (docs/partitioning.md).
    const asReports = await plan(
      `SELECT p.id, (SELECT sum(e.amount) FROM ledger_entries e WHERE e.project_id = p.id AND e.kind = 'disbursement' AND e.entry_date <= '${AS_OF}' AND e.deleted_at IS NULL)
         FROM projects p WHERE p.fiscal_year = ${FY}`,
    );
    expect(parts(asReports)).toEqual((await ledgerPartitions(s.db)).map((x) => x.name).sort());
    expect(parts(asReports)).toHaveLength(16);
  });
});
