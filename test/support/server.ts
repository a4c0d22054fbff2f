/** A real PADME server on a loopback port, over a fresh database, for integration tests. */
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/db/db.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { loadDemo } from '../../src/features/demo/demo.load.ts';
import { freshDb, type DbKind } from './db.ts';

export interface TestServer {
  db: Db;
  app: App;
  url: string;
  /** fetch relative to the server: api('/api/v1/projects') */
  api(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startServer(kind: DbKind, opts: { demo?: boolean; webDir?: string | null } = {}): Promise<TestServer> {
  const db = await freshDb(kind);
  if (opts.demo) await loadDemo(db);
  const app = await buildApp({ db, webDir: opts.webDir ?? null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const api = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
  return {
    db,
    app,
    url,
    api,
    async json<T>(path: string, init?: RequestInit) {
      const res = await api(
        path,
        init?.body && typeof init.body === 'string' ? { ...init, headers: { 'content-type': 'application/json', ...init.headers } } : init,
      );
      return { status: res.status, body: (await res.json()) as T };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
