import { Command, Option } from 'commander';
import { describeError } from './output.ts';
import { serveCommand } from './serve.command.ts';
import { demoCommand } from './demo.command.ts';
import { importCommand } from './import.command.ts';
import { reportCommand } from './report.command.ts';

const program = new Command('padme')
  .description('PADME: plans, projects and budget disbursement of provincial clusters and provinces')
  .addOption(
    new Option('--data <dir>', 'PGlite data directory (default: $PADME_DATA or ./data); DATABASE_URL=postgres://… uses a PostgreSQL server instead'),
  )
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

serveCommand(program);
demoCommand(program);
importCommand(program);
reportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`${describeError(e)}\n`);
  process.exitCode = 1;
}
