/**
 * The cost of the partitioned ledger, measured (docs/partitioning.md): the ranking, a cluster
 * dashboard and a project's ledger through PADME's domain functions, and a year's disbursements
 * summed on the partition key, on two copies of one PostgreSQL database (as loaded, and
 * partitioned), in turns so that the load of a shared machine falls on both alike.
 *
 *   npx tsx src/db/optional/partition-ledger.measure.ts postgres://…/plain postgres://…/partitioned [runs]
 */
import { systemActor } from '../../core/context.ts';
import { dashboard, ranking } from '../../features/reports/report.service.ts';
import { listLedger } from '../../features/budget/ledger.service.ts';
import { readSnapshot, type Db } from '../db.ts';
import { openPostgres } from '../postgres.ts';
import { timeInTurns } from '../../../bench/lib/measure.ts';

const [plainUrl, partitionedUrl, runsArg] = process.argv.slice(2);
if (!plainUrl || !partitionedUrl) throw new Error('usage: partition-ledger.measure.ts PLAIN_URL PARTITIONED_URL [runs]');
const runs = Number(runsArg ?? 30);
const actor = systemActor('measure');
const FY = 2565;
const AS_OF = '2022-09-30';

const dbs = [await openPostgres(plainUrl), await openPostgres(partitionedUrl)];
const [{ code }] = (await dbs[0]!.query<{ code: string }>(
  `SELECT p.code FROM projects p JOIN ledger_entries e ON e.project_id = p.id WHERE p.fiscal_year = $1 GROUP BY p.code ORDER BY count(*) DESC, p.code LIMIT 1`,
  [FY],
)) as [{ code: string }];
const yearSum = (db: Db, partitioned: boolean) =>
  db.query(
    partitioned
      ? `SELECT sum(amount) FROM ledger_entry_rows WHERE fiscal_year = $1 AND kind = 'disbursement' AND entry_date <= $2 AND deleted_at IS NULL`
      : `SELECT sum(e.amount) FROM ledger_entries e JOIN projects p ON p.id = e.project_id WHERE p.fiscal_year = $1 AND e.kind = 'disbursement' AND e.entry_date <= $2 AND e.deleted_at IS NULL`,
    [FY, AS_OF],
  );
const cases = {
  ranking: (db: Db) => readSnapshot(db, (q) => ranking(q, actor, { fiscalYear: FY, asOf: AS_OF, level: 'cluster' })),
  dashboard: (db: Db) => readSnapshot(db, (q) => dashboard(q, actor, { owner: 'upper-north-1', fiscalYear: FY, asOf: AS_OF })),
  ledger: (db: Db) => listLedger(db, actor, code),
  yearSum: (db: Db, i: number) => yearSum(db, i === 1),
};
const counts = await dbs[0]!.query<{ projects: bigint; entries: bigint }>(
  `SELECT (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM ledger_entries) AS entries`,
);
process.stdout.write(`${counts[0]!.projects} projects, ${counts[0]!.entries} ledger entries; ${runs} runs each, median (min-max) ms\n`);
for (const [name, fn] of Object.entries(cases)) {
  const [plain, part] = await timeInTurns(
    dbs.map((db, i) => ({ fn: () => fn(db, i) })),
    runs,
    2,
  );
  const f = (t: typeof plain) => `${t!.medianMs.toFixed(2)} (${t!.minMs.toFixed(2)}-${t!.maxMs.toFixed(2)})`;
  process.stdout.write(`${name.padEnd(10)} plain ${f(plain)}  partitioned ${f(part)}  ratio ${(part!.medianMs / plain!.medianMs).toFixed(2)}\n`);
}
for (const db of dbs) await db.close();
