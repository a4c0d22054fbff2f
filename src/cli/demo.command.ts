import type { Command } from 'commander';
import { loadDemo } from '../features/demo/demo.load.ts';
import { withDb } from './with-db.ts';
import { printDemoUsers } from './demo-users.ts';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description("Load the seed's demo data (Upper Northern Cluster 1, FY 2558-2559) and demo accounts of every role into an empty database")
    .action(async (_opts: unknown, cmd: Command) => {
      const r = await withDb(cmd, loadDemo);
      process.stdout.write(`Demo data loaded: ${r.projects} projects, ${r.disbursements} disbursements (illustrative figures marked in the data).\n`);
      printDemoUsers(r);
    });
}
