import type { Command } from 'commander';
import { Option } from 'commander';
import { AuditQuery } from '../features/audit/audit.schema.ts';
import { auditCsv, listAudit } from '../features/audit/audit.queries.ts';
import { withDb } from './with-db.ts';
import { cliActor } from './actor.ts';

export function auditCommand(program: Command): void {
  program
    .command('audit')
    .description('Export the audit trail (administrators)')
    .option('--entity <type[:key]>', 'e.g. project or project:UN1-2559-01, ledger_entry, user')
    .option('--since <date>', 'YYYY-MM-DD')
    .option('--limit <n>', 'at most this many records', '100000')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .action(async (opts: { entity?: string; since?: string; limit: string; format: string }, cmd: Command) => {
      const [entityType, ...key] = (opts.entity ?? '').split(':');
      const query = AuditQuery.parse({
        entityType: entityType || undefined,
        entityKey: key.length ? key.join(':') : undefined,
        since: opts.since,
        limit: opts.limit,
      });
      const records = await withDb(cmd, async (db) => listAudit(db, await cliActor(db, cmd), query));
      process.stdout.write(opts.format === 'csv' ? auditCsv(records) : `${JSON.stringify(records, null, 2)}\n`);
    });
}
