/**
 * PADME's app in the bench's own process, on the recording database (bench/lib/recording-db.ts),
 * listening on loopback: requests are timed over real HTTP with the bench's API token.
 */
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/db/db.ts';
import { buildApp } from '../../src/http/app.ts';
import { recordingDb, type RecordingDb } from './recording-db.ts';

export interface BenchApp {
  rec: RecordingDb;
  /** GET with the token; the body read whole (text, or bytes for a binary answer); throws unless 200 */
  get(path: string): Promise<string | ArrayBuffer>;
  /** a JSON request with the token; the status and parsed body */
  send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

const TEXTUAL = /^(application\/json|text\/)/;

export async function startBenchApp(db: Db, token: string): Promise<BenchApp> {
  const rec = recordingDb(db);
  const app = await buildApp({ db: rec, rateLimitPerMinute: 1_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const authorization = `Bearer ${token}`;
  return {
    rec,
    async get(path) {
      const res = await fetch(`${base}${path}`, { headers: { authorization } });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return TEXTUAL.test(res.headers.get('content-type') ?? '') ? res.text() : res.arrayBuffer();
    },
    async send<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    close: () => app.close(),
  };
}
