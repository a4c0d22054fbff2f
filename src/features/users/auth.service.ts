/** Sign-in with throttling, cookie sessions, and personal API tokens (shown once, stored hashed). */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.ts';
import type { Actor, Ctx, Role } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { audit } from '../audit/audit.service.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export interface SignInPolicy {
  /** Failed attempts after which the username is locked. */
  lockAfter: number;
  lockMinutes: number;
  /** Extra wait per failed attempt so far, in ms (slows guessing before the lock). */
  delayPerFailureMs: number;
  sessionHours: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { lockAfter: 5, lockMinutes: 15, delayPerFailureMs: 400, sessionHours: 12 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AuthUserRow {
  id: bigint;
  username: string;
  display_name: string;
  role: Role;
  scope_code: string | null;
  password_hash: string;
}

const BAD_CREDENTIALS = 'The username or password is wrong';

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
  displayName: string;
}

export async function signIn(db: Db, username: string, password: string, policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY): Promise<Session> {
  const [throttle] = await db.query<{ failures: number; locked_until: Date | null }>(
    'SELECT failures, locked_until FROM login_throttle WHERE username = $1',
    [username],
  );
  if (throttle?.locked_until && new Date(throttle.locked_until) > new Date()) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins for this username: try again after ${new Date(throttle.locked_until).toISOString()}`,
    );
  }
  const [user] = await db.query<AuthUserRow>(
    'SELECT id, username, display_name, role, scope_code, password_hash FROM users WHERE username = $1 AND deleted_at IS NULL',
    [username],
  );
  // The same work and the same answer whether the username exists or not.
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    const failures = (throttle?.failures ?? 0) + 1;
    const lock = failures >= policy.lockAfter;
    await db.query(
      `INSERT INTO login_throttle (username, failures, last_failure_at, locked_until) VALUES ($1, $2, now(), $3)
       ON CONFLICT (username) DO UPDATE SET failures = $2, last_failure_at = now(), locked_until = $3`,
      [username, lock ? 0 : failures, lock ? new Date(Date.now() + policy.lockMinutes * 60_000) : null],
    );
    await sleep(policy.delayPerFailureMs * failures);
    throw new AppError('unauthorized', BAD_CREDENTIALS);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(18).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionHours * 3_600_000);
  const actor: Actor = { username: user.username, role: user.role, scopeCode: user.scope_code, userId: user.id, via: 'session' };
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM login_throttle WHERE username = $1', [username]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [user.id]);
    await tx.query('INSERT INTO sessions (token_hash, csrf_token, user_id, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      csrfToken,
      user.id,
      expiresAt,
    ]);
    await audit(tx, actor, { action: 'sign_in', entityType: 'user', entityKey: user.username });
  });
  return { token, csrfToken, expiresAt, actor, displayName: user.display_name };
}

export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(sessionToken)]);
}

/** The actor of a session cookie, with its CSRF token; null when unknown or expired. */
export async function actorOfSession(q: Queryable, sessionToken: string): Promise<{ actor: Actor; csrfToken: string; displayName: string } | null> {
  const [row] = await q.query<AuthUserRow & { csrf_token: string }>(
    `SELECT u.id, u.username, u.display_name, u.role, u.scope_code, u.password_hash, s.csrf_token
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.deleted_at IS NULL`,
    [sha256(sessionToken)],
  );
  if (!row) return null;
  return {
    actor: { username: row.username, role: row.role, scopeCode: row.scope_code, userId: row.id, via: 'session' },
    csrfToken: row.csrf_token,
    displayName: row.display_name,
  };
}

/** The actor of an API token; null when unknown or revoked. */
export async function actorOfToken(q: Queryable, token: string): Promise<Actor | null> {
  const [row] = await q.query<AuthUserRow & { token_id: bigint; name: string; last_used_at: Date | null }>(
    `SELECT u.id, u.username, u.display_name, u.role, u.scope_code, u.password_hash, t.id AS token_id, t.name, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.deleted_at IS NULL`,
    [sha256(token)],
  );
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  }
  return { username: row.username, role: row.role, scopeCode: row.scope_code, userId: row.id, via: 'token', tokenName: row.name };
}

interface TokenRow {
  id: bigint;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toToken = (r: TokenRow) => ({
  id: String(r.id),
  name: r.name,
  prefix: r.prefix,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});
export type TokenInfo = ReturnType<typeof toToken>;

async function userIdOf(q: Queryable, username: string): Promise<bigint> {
  const [u] = await q.query<{ id: bigint }>('SELECT id FROM users WHERE username = $1 AND deleted_at IS NULL', [username]);
  if (!u) throw notFound(`User ${username}`, 'username');
  return u.id;
}

function assertOwnOrAdmin(actor: Actor, username: string): void {
  if (actor.username !== username && actor.role !== 'admin' && actor.role !== 'system') {
    throw new AppError('forbidden', `${actor.username} may not manage the tokens of ${username}`);
  }
}

/** Creates a token for a user (oneself, or anyone for an admin). The token is returned once and stored hashed. */
export async function createToken(ctx: Ctx, username: string, name: string): Promise<TokenInfo & { token: string }> {
  assertOwnOrAdmin(ctx.actor, username);
  return ctx.db.transaction(async (tx) => {
    const userId = await userIdOf(tx, username);
    const prefix = randomBytes(4).toString('hex');
    const token = `padme_${prefix}_${randomBytes(24).toString('base64url')}`;
    const [row] = await tx.query<TokenRow>(
      'INSERT INTO api_tokens (user_id, name, prefix, token_hash) VALUES ($1, $2, $3, $4) RETURNING id, name, prefix, created_at, last_used_at, revoked_at',
      [userId, name, prefix, sha256(token)],
    );
    const info = toToken(row!);
    await audit(tx, ctx.actor, { action: 'create', entityType: 'api_token', entityKey: `${username}/${info.id}`, after: info });
    return { ...info, token };
  });
}

export async function listTokens(q: Queryable, actor: Actor, username: string): Promise<TokenInfo[]> {
  assertOwnOrAdmin(actor, username);
  const userId = await userIdOf(q, username);
  return (
    await q.query<TokenRow>('SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id', [userId])
  ).map(toToken);
}

export async function revokeToken(ctx: Ctx, username: string, id: string): Promise<TokenInfo> {
  assertOwnOrAdmin(ctx.actor, username);
  return ctx.db.transaction(async (tx) => {
    const userId = await userIdOf(tx, username);
    const [before] = await tx.query<TokenRow>(
      'SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = $1 AND user_id = $2',
      [/^\d+$/.test(id) ? id : '-1', userId],
    );
    if (!before) throw notFound(`Token ${id} of ${username}`);
    if (before.revoked_at) return toToken(before);
    const [row] = await tx.query<TokenRow>(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 RETURNING id, name, prefix, created_at, last_used_at, revoked_at',
      [before.id],
    );
    const info = toToken(row!);
    await audit(tx, ctx.actor, { action: 'revoke', entityType: 'api_token', entityKey: `${username}/${id}`, before: toToken(before), after: info });
    return info;
  });
}
