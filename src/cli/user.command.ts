import type { Command } from 'commander';
import { Option } from 'commander';
import { ROLES, systemActor } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { CreateUserInput } from '../features/users/user.schema.ts';
import { createUser, hasAdmin, listUsers } from '../features/users/user.service.ts';
import { createToken } from '../features/users/auth.service.ts';
import { withDb } from './with-db.ts';
import { cliActor } from './actor.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new AppError('validation', 'Pipe the password on standard input, e.g. printf %s "$PASSWORD" | padme user add … --password-stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function userCommand(program: Command): void {
  const user = program.command('user').description('Accounts');
  user
    .command('add')
    .description('Create an account (the first administrator needs no --as; later accounts are created by an administrator)')
    .requiredOption('--username <name>', 'a-z, 0-9, dot, dash, underscore; 3 to 64 characters')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--scope <code>', 'cluster code (cluster_officer, committee_member) or province code (province_officer)')
    .option('--project <code...>', 'projects an agency_reporter reports on')
    .option('--display-name <name>', 'the name shown in the UI')
    .requiredOption('--password-stdin', 'read the password from standard input (never from the command line)')
    .action(async (opts: { username: string; role: string; scope?: string; project?: string[]; displayName?: string }, cmd: Command) => {
      const password = await readStdin();
      const input = CreateUserInput.parse({
        username: opts.username,
        role: opts.role,
        scope: opts.scope,
        projects: opts.project,
        displayName: opts.displayName,
        password,
      });
      const created = await withDb(cmd, async (db) => {
        const bootstrap = !(await hasAdmin(db)) && input.role === 'admin' && !cmd.optsWithGlobals<{ as?: string }>().as;
        const actor = bootstrap ? systemActor('cli:setup') : await cliActor(db, cmd);
        return createUser({ db, actor }, input);
      });
      process.stdout.write(`Created ${created.username} (${created.role}${created.scope ? ` of ${created.scope}` : ''})\n`);
    });
  user
    .command('list')
    .description('List accounts (administrators)')
    .action(async (_o: unknown, cmd: Command) => {
      const users = await withDb(cmd, async (db) => listUsers(db, await cliActor(db, cmd)));
      for (const u of users) process.stdout.write(`${u.username}\t${u.role}\t${u.scope ?? ''}\t${u.deleted ? 'deleted' : ''}\n`);
    });

  program
    .command('token')
    .description('Personal API tokens')
    .command('create')
    .description(
      'Create an API token and print it (shown once; only its hash is stored). Acts as the user itself unless --as names an administrator.',
    )
    .requiredOption('--username <name>', 'whose token')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (opts: { username: string; name: string }, cmd: Command) => {
      const token = await withDb(cmd, async (db) => createToken({ db, actor: await cliActor(db, cmd, opts.username) }, opts.username, opts.name));
      process.stdout.write(`${token.token}\n`);
    });
}
