/**
 * Helpers for the access-control, audit and hardening tests: one account of every role (with a
 * known password), sign-in with the session cookie, and the shapes of error bodies.
 */
import type { Role } from '../../src/core/context.ts';
import type { Client, NewUser, TestServer } from './server.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> & { issues?: { field: string; message: string }[] } };
}

/** Who makes a request in the role matrix: nobody, or a user of each role. */
export const WHO = ['anonymous', 'admin', 'cluster_officer', 'province_officer', 'agency_reporter', 'committee_member', 'viewer'] as const;
export type Who = (typeof WHO)[number];

/** A password every rule accepts (long, not common, not containing any of the usernames below). */
export const GOOD_PASSWORD = 'Velvet-Kraton-4417!';

/** The matrix's accounts: the scopes of the issue (cluster upper-north-1, province 50, project UN1-2559-01). */
export const MATRIX_USERS: Record<Exclude<Who, 'anonymous'>, NewUser & { role: Role }> = {
  admin: { username: 'm-admin', role: 'admin' },
  cluster_officer: { username: 'm-cluster', role: 'cluster_officer', scope: 'upper-north-1' },
  province_officer: { username: 'm-province', role: 'province_officer', scope: '50' },
  agency_reporter: { username: 'm-reporter', role: 'agency_reporter', projects: ['UN1-2559-01'] },
  committee_member: { username: 'm-committee', role: 'committee_member', scope: 'upper-north-1' },
  viewer: { username: 'm-viewer', role: 'viewer' },
};

/** A client per role (API tokens of new accounts with GOOD_PASSWORD), and the anonymous one. */
export async function roleClients(s: TestServer): Promise<Record<Who, Client>> {
  const out: Partial<Record<Who, Client>> = { anonymous: s.anonymous };
  for (const who of WHO) {
    if (who === 'anonymous') continue;
    out[who] = await s.as({ ...MATRIX_USERS[who], password: GOOD_PASSWORD });
  }
  return out as Record<Who, Client>;
}

export interface SignedIn {
  status: number;
  body: unknown;
  /** "padme_session=…", ready for a Cookie header (empty when the sign-in failed). */
  cookie: string;
  /** The raw Set-Cookie header. */
  setCookie: string | null;
  csrfToken: string | null;
}

export async function signIn(url: string, username: string, password: string): Promise<SignedIn> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  const setCookie = res.headers.get('set-cookie');
  return {
    status: res.status,
    body,
    setCookie,
    cookie: setCookie ? setCookie.split(';')[0]! : '',
    csrfToken: body.csrfToken ?? null,
  };
}

/** A client that sends a session cookie and, when given, an X-CSRF-Token header. */
export function cookieClient(url: string, cookie: string, csrf?: string | null): Client {
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (csrf) headers.set('x-csrf-token', csrf);
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

/** A multipart body with one file in the field "file". */
export function fileForm(name: string, content: string | Buffer): FormData {
  const fd = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  fd.append('file', new Blob([bytes]), name);
  return fd;
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csv = (rows: string[][]) => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** What a response must never show: a JavaScript stack frame or SQL. */
export const STACK_OR_SQL =
  /(\n\s+at\s+\S+\s+\(|node:internal|\.ts:\d+:\d+|\bSELECT\b.+\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bsyntax error at\b|\bviolates\b.*\bconstraint\b)/is;

/** The number of audit records. */
export async function auditCount(s: TestServer): Promise<number> {
  const [r] = await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
  return Number(r!.n);
}
