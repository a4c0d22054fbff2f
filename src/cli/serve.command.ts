import type { Command } from 'commander';
import { chooseDatabase, openDatabase } from '../db/open.ts';
import { hasProjects, loadDemo } from '../features/demo/demo.load.ts';
import { buildWebIfStale, WEB_DIST } from './build-web.ts';
import { printDemoUsers } from './demo-users.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the API and the web UI on one port')
    .option('--port <n>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--build-web', 'build the web UI first if its sources changed')
    .option('--demo-if-empty', 'load the demo data when the database holds no project')
    .action(async (opts: { port?: string; host: string; buildWeb?: boolean; demoIfEmpty?: boolean }, cmd: Command) => {
      if (opts.buildWeb) await buildWebIfStale();
      const choice = chooseDatabase(cmd.optsWithGlobals<{ data?: string }>());
      const db = await openDatabase(choice, 'serve');
      if (opts.demoIfEmpty && !(await hasProjects(db))) {
        const r = await loadDemo(db);
        process.stdout.write(`Empty database: loaded the demo data (${r.projects} projects).\n`);
        printDemoUsers(r);
      }
      // Loaded here: the HTTP app is most of what the CLI would load, and no other command needs it.
      const { buildApp } = await import('../http/app.ts');
      const app = await buildApp({ db, webDir: WEB_DIST, logger: false, secureCookies: process.env.PADME_SECURE_COOKIES === '1' });
      const port = Number(opts.port ?? process.env.PORT ?? 3000);
      await app.listen({ port, host: opts.host });
      const where = choice.url ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${choice.dataDir}`;
      process.stdout.write(
        `PADME serving http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}/ (API docs at /api/docs), data: ${where}\n`,
      );
      const stop = async () => {
        await app.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
