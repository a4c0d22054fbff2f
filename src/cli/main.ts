import { Command, Option } from 'commander';
import { describeError } from './output.ts';

/**
 * The modules defining each top-level command. Only the module of the command being run is loaded
 * (each pulls in its features: the HTTP app, PDF, DOCX, spreadsheets), so that `padme report …`
 * does not load the web server; all of them for the program's own help or an unknown command.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  demo: async () => (await import('./demo.command.ts')).demoCommand,
  import: async () => (await import('./import.command.ts')).importCommand,
  report: async () => (await import('./report.command.ts')).reportCommand,
  user: async () => (await import('./user.command.ts')).userCommand,
  audit: async () => (await import('./audit.command.ts')).auditCommand,
  backup: async () => (await import('./backup.command.ts')).backupCommand,
  db: async () => (await import('./db.command.ts')).dbCommand,
};
/** Commands defined in another command's module. */
const DEFINED_BY: Record<string, string> = { token: 'user', restore: 'backup' };
/** The global options that take a value (the command is the first word that is neither one nor its value). */
const GLOBAL_WITH_VALUE = new Set(['--data', '--as']);

function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

const program = new Command('padme')
  .description('PADME: plans, projects and budget disbursement of provincial clusters and provinces')
  .addOption(
    new Option('--data <dir>', 'PGlite data directory (default: $PADME_DATA or ./data); DATABASE_URL=postgres://… uses a PostgreSQL server instead'),
  )
  .addOption(new Option('--as <username>', 'the account a command acts as (default: $PADME_USER); its role and scope apply'))
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

const word = commandWord(process.argv.slice(2));
const only = word === undefined ? undefined : (DEFINED_BY[word] ?? word);
for (const [name, load] of Object.entries(COMMANDS)) {
  if (only === undefined || !(only in COMMANDS) || name === only) (await load())(program);
}

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
