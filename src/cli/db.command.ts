import type { Command } from 'commander';
import { partitionLedger } from '../db/optional/partition-ledger.ts';
import { withDb } from './with-db.ts';
import { cliActor } from './actor.ts';

export function dbCommand(program: Command): void {
  const db = program.command('db').description('Operations on the database itself');
  db.command('partition-ledger')
    .description(
      'Partition the ledger by the fiscal year of its project, for a server at 10x the national data set (docs/partitioning.md); run again to add the partitions of new fiscal years',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const r = await withDb(cmd, async (d) => partitionLedger(d, await cliActor(d, cmd)));
      const years = r.partitions.filter((p) => p.fiscalYear !== null);
      const other = r.partitions.find((p) => p.fiscalYear === null);
      process.stdout.write(
        `${r.converted ? 'The ledger is now partitioned by fiscal year' : 'The ledger was already partitioned by fiscal year'}: ` +
          `${years.length} partitions (FY ${years[0]?.fiscalYear}-${years.at(-1)?.fiscalYear}), ` +
          `${r.partitions.reduce((n, p) => n + p.entries, 0)} entries, ${other?.entries ?? 0} in the default partition.\n`,
      );
    });
}
