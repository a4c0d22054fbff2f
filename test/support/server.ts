/** A real PADME server on a loopback port, over a fresh database, for integration tests. */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/db.ts';
import { systemActor, type Role } from '../../src/core/context.ts';
import { buildApp, type App, type AppOptions } from '../../src/http/app.ts';
import type { DemoResult } from '../../src/features/demo/demo.load.ts';
import { insertUser } from '../../src/features/users/user.service.ts';
import { createToken } from '../../src/features/users/auth.service.ts';
import type { PostgresLimits } from '../../src/db/postgres.ts';
import { freshDb, freshDemoDb, type DbKind } from './db.ts';

export interface Client {
  /** fetch relative to the server: api('/api/v1/projects'), authenticated as this client */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** JSON request and response; a string body is sent as application/json */
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
}

export interface NewUser {
  username: string;
  role: Role;
  scope?: string;
  projects?: string[];
  password?: string;
}

export interface TestServer extends Client {
  db: Db;
  app: App;
  url: string;
  /** The demo accounts with their passwords, when started with demoUsers. */
  demoUsers: DemoResult['users'];
  /** A client authenticated with an API token of a new user of that role. */
  as(user: NewUser): Promise<Client>;
  /** A client sending no credentials. */
  anonymous: Client;
  close(): Promise<void>;
}

function client(url: string, token: string | null): Client {
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${url}${path}`, { ...init, headers });
  };
  return {
    api,
    async json<T>(path: string, init?: RequestInit) {
      const headers = new Headers(init?.headers);
      if (typeof init?.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const res = await api(path, { ...init, headers });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/** Creates an account and an API token for it, directly through the domain functions. */
export async function createUserToken(db: Db, u: NewUser): Promise<string> {
  const password = u.password ?? `pw-${randomBytes(12).toString('hex')}`;
  await db.transaction((tx) =>
    insertUser(tx, systemActor('test'), { username: u.username, role: u.role, scope: u.scope, projects: u.projects, password }),
  );
  return (await createToken({ db, actor: systemActor('test') }, u.username, 'test')).token;
}

/**
 * Starts a server on a fresh database. Requests made through the returned client carry the
 * API token of an administrator ("test-admin") unless they set their own Authorization header
 * (or the server was started with admin: false).
 */
export async function startServer(
  kind: DbKind,
  opts: {
    demo?: boolean;
    demoUsers?: boolean;
    webDir?: string | null;
    app?: Partial<AppOptions>;
    admin?: boolean;
    /** The pool's limits on PostgreSQL (statement and pool timeouts). */
    postgres?: PostgresLimits;
  } = {},
): Promise<TestServer> {
  // The demo data comes from a copy of a database it was loaded into once per run (db.ts).
  const limits = opts.postgres ? { postgres: opts.postgres } : {};
  const { db, demo } = opts.demo
    ? await freshDemoDb(kind, { users: !!opts.demoUsers, ...limits })
    : { db: await freshDb(kind, limits), demo: null };
  // Without the administrator (admin: false) the one-time setup stays open.
  const adminToken = opts.admin === false ? null : await createUserToken(db, { username: 'test-admin', role: 'admin' });
  const app = await buildApp({ db, webDir: opts.webDir ?? null, ...opts.app });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    db,
    app,
    url,
    demoUsers: demo?.users ?? [],
    ...client(url, adminToken),
    anonymous: client(url, null),
    async as(user: NewUser) {
      return client(url, await createUserToken(db, user));
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
