import fs from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { systemActor } from '../core/context.ts';
import { restoreBackup, writeBackup } from '../features/backup/backup.service.ts';
import { hasAdmin } from '../features/users/user.service.ts';
import { assertAdmin } from '../features/users/access.ts';
import { withDb } from './with-db.ts';
import { cliActor } from './actor.ts';

export function backupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('Write a backup of the whole database (PGlite or PostgreSQL) to FILE (gzipped JSON lines)')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const tmp = `${file}.partial`;
      const r = await withDb(cmd, async (db) => {
        const actor = await cliActor(db, cmd);
        assertAdmin(actor, 'back up the database');
        const out = fs.createWriteStream(tmp);
        try {
          return await writeBackup(db, actor, out);
        } catch (e) {
          out.destroy();
          await once(out, 'close').catch(() => {});
          fs.rmSync(tmp, { force: true });
          throw e;
        }
      });
      fs.renameSync(tmp, file);
      process.stdout.write(`Backup written to ${file}: ${r.tables} tables, ${r.rows} rows\n`);
    });
  program
    .command('restore <file>')
    .description('Restore a backup into an empty database (a new --data directory or an empty PostgreSQL database)')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const r = await withDb(cmd, async (db) => {
        // An empty database has no accounts yet: the restore then runs as the program itself.
        const actor = (await hasAdmin(db)) ? await cliActor(db, cmd) : systemActor('cli:restore');
        return restoreBackup(db, actor, fs.createReadStream(file));
      });
      process.stdout.write(`Restored ${file}: ${r.tables} tables, ${r.rows} rows\n`);
    });
}
