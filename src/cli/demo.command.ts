import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadDemo } from '../features/demo/demo.load.ts';
import { loadNational } from '../features/national/national.load.ts';
import { withDb } from './with-db.ts';
import { printDemoUsers } from './demo-users.ts';

const positiveNumber = (v: string) => {
  const n = Number(v);
  if (!(n > 0 && n <= 10)) throw new InvalidArgumentError('a number above 0 and at most 10');
  return n;
};
const wholeNumber = (v: string) => {
  if (!/^\d{1,15}$/.test(v)) throw new InvalidArgumentError('a whole number');
  return Number(v);
};

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description("Load the seed's demo data (Upper Northern Cluster 1, FY 2558-2559) and demo accounts of every role into an empty database")
    .option(
      '--national',
      'load instead the national data set: 18 clusters, their provinces, FY 2559-2568, ~100,000 projects and ~5,000,000 ledger entries at scale 1',
    )
    .option('--scale <s>', 'with --national: size relative to the national data set (0.1 = 10,000 projects)', positiveNumber, 1)
    .option('--seed <n>', 'with --national: the seed; the same scale and seed give the same data', wholeNumber, 1)
    .action(async (opts: { national?: boolean; scale: number; seed: number }, cmd: Command) => {
      if (opts.national) {
        const started = Date.now();
        const r = await withDb(cmd, (db) =>
          loadNational(db, {
            scale: opts.scale,
            seed: opts.seed,
            onYear: (fy, c) => process.stderr.write(`FY ${fy}: ${c.projects} projects, ${c.ledgerEntries} ledger entries\n`),
          }),
        );
        process.stdout.write(
          `National data set loaded (scale ${r.scale}, seed ${r.seed}): ${r.projects} projects, ${r.ledgerEntries} ledger entries, FY ${r.fiscalYears[0]}-${r.fiscalYears.at(-1)}, in ${((Date.now() - started) / 1000).toFixed(1)} s.\nDigest of the data set: ${r.digest}\n`,
        );
        return;
      }
      const r = await withDb(cmd, loadDemo);
      process.stdout.write(`Demo data loaded: ${r.projects} projects, ${r.disbursements} disbursements (illustrative figures marked in the data).\n`);
      printDemoUsers(r);
    });
}
