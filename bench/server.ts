/**
 * The server of the HTTP benchmark, in a process of its own (its RSS is the server's): PADME's
 * app on the database the environment names (DATABASE_URL, or the PGlite data dir PADME_DATA),
 * as `padme serve` runs it, with the per-client rate limit raised (the load comes from one
 * address). Prints "listening <port>" once ready; stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { chooseDatabase, openDatabase } from '../src/db/open.ts';
import { buildApp } from '../src/http/app.ts';

const db = await openDatabase(chooseDatabase({}));
const app = await buildApp({ db, rateLimitPerMinute: 100_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  await db.close();
  process.exit(0);
});
