import { Command, Option } from 'commander';
import { describeError } from './output.ts';
import { serveCommand } from './serve.command.ts';
import { demoCommand } from './demo.command.ts';
import { importCommand } from './import.command.ts';
import { reportCommand } from './report.command.ts';
import { userCommand } from './user.command.ts';
import { auditCommand } from './audit.command.ts';
import { backupCommand } from './backup.command.ts';
import { dbCommand } from './db.command.ts';

const program = new Command('padme')
  .description('PADME: plans, projects and budget disbursement of provincial clusters and provinces')
  .addOption(
    new Option('--data <dir>', 'PGlite data directory (default: $PADME_DATA or ./data); DATABASE_URL=postgres://… uses a PostgreSQL server instead'),
  )
  .addOption(new Option('--as <username>', 'the account a command acts as (default: $PADME_USER); its role and scope apply'))
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

serveCommand(program);
demoCommand(program);
importCommand(program);
reportCommand(program);
userCommand(program);
auditCommand(program);
backupCommand(program);
dbCommand(program);

// A reader that closes the pipe early (padme audit | head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`${describeError(e)}\n`);
  process.exitCode = 1;
}
