import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx, Role } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin } from './access.ts';
import { hashPassword } from './password.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { SCOPE_OF_ROLE, type CreateUserInput, type UpdateUserInput, type User } from './user.schema.ts';

interface UserRow {
  id: bigint;
  username: string;
  display_name: string;
  role: Role;
  scope_code: string | null;
  version: number;
  created_at: Date;
  deleted_at: Date | null;
  projects: string[];
}

const SELECT_USERS = `
  SELECT u.id, u.username, u.display_name, u.role, u.scope_code, u.version, u.created_at, u.deleted_at,
         coalesce((SELECT array_agg(p.code ORDER BY p.code) FROM user_projects up JOIN projects p ON p.id = up.project_id WHERE up.user_id = u.id), '{}') AS projects
    FROM users u`;

function toUser(r: UserRow): User {
  return {
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scope: r.scope_code,
    projects: r.projects,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    deleted: r.deleted_at !== null,
  };
}

async function findUser(q: Queryable, username: string): Promise<UserRow> {
  const [row] = await q.query<UserRow>(`${SELECT_USERS} WHERE u.username = $1`, [username]);
  if (!row) throw notFound(`User ${username}`, 'username');
  return row;
}

/** Checks a role's scope exists: a cluster slug, a province code, or nothing. */
async function checkScope(q: Queryable, role: Role, scope: string | null | undefined): Promise<string | null> {
  const kind = SCOPE_OF_ROLE[role];
  if (kind === null || kind === 'projects') {
    if (scope) throw new AppError('validation', `The role ${role} takes no scope`, { field: 'scope' });
    return null;
  }
  if (!scope) throw new AppError('validation', `The role ${role} needs a scope: a ${kind} code`, { field: 'scope' });
  const code = kind === 'province' ? scope.replace(/^TH-/i, '') : scope.toLowerCase();
  const rows =
    kind === 'cluster'
      ? await q.query('SELECT 1 FROM clusters WHERE slug = $1', [code])
      : await q.query('SELECT 1 FROM provinces WHERE code = $1', [code]);
  if (!rows.length) throw new AppError('validation', `Unknown ${kind} ${scope}`, { field: 'scope' });
  return code;
}

async function setProjects(q: Queryable, userId: bigint, codes: string[]): Promise<void> {
  await q.query('DELETE FROM user_projects WHERE user_id = $1', [userId]);
  for (const code of codes) {
    const [p] = await q.query<{ id: bigint }>('SELECT id FROM projects WHERE code = $1', [code]);
    if (!p) throw new AppError('validation', `Unknown project ${code}`, { field: 'projects' });
    await q.query('INSERT INTO user_projects (user_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, p.id]);
  }
}

export async function hasAdmin(q: Queryable): Promise<boolean> {
  return (await q.query("SELECT 1 FROM users WHERE role = 'admin' AND deleted_at IS NULL LIMIT 1")).length > 0;
}

/** Creates an account inside the caller's transaction. */
export async function insertUser(q: Queryable, actor: Actor, input: CreateUserInput): Promise<User> {
  assertAdmin(actor, 'create accounts');
  assertPasswordAcceptable(input.password, input.username);
  if ((await q.query('SELECT 1 FROM users WHERE username = $1', [input.username])).length) {
    throw new AppError('conflict', `The username ${input.username} is taken`, { field: 'username' });
  }
  const scope = await checkScope(q, input.role, input.scope);
  if (input.projects?.length && input.role !== 'agency_reporter')
    throw new AppError('validation', 'Only agency reporters are assigned projects', { field: 'projects' });
  const [row] = await q.query<{ id: bigint }>(
    'INSERT INTO users (username, display_name, role, scope_code, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [input.username, input.displayName ?? input.username, input.role, scope, await hashPassword(input.password)],
  );
  if (input.projects) await setProjects(q, row!.id, input.projects);
  const user = toUser(await findUser(q, input.username));
  await audit(q, actor, { action: 'create', entityType: 'user', entityKey: input.username, after: user });
  return user;
}

export function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  return ctx.db.transaction((tx) => insertUser(tx, ctx.actor, input));
}

/** The first administrator: allowed only while no administrator exists. */
export function createFirstAdmin(ctx: Ctx, input: Omit<CreateUserInput, 'role' | 'scope' | 'projects'>): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    // Two setups at once: the second waits for the first, then finds its administrator.
    await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    if (await hasAdmin(tx)) throw new AppError('forbidden', 'An administrator exists already: sign in as one to create accounts');
    return insertUser(tx, ctx.actor, { ...input, role: 'admin' });
  });
}

export async function listUsers(q: Queryable, actor: Actor): Promise<User[]> {
  assertAdmin(actor, 'list accounts');
  return (await q.query<UserRow>(`${SELECT_USERS} ORDER BY u.username`)).map(toUser);
}

export async function updateUser(ctx: Ctx, username: string, input: UpdateUserInput): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    assertAdmin(ctx.actor, 'change accounts');
    const row = await findUser(tx, username);
    if (row.version !== input.version) {
      throw new AppError('conflict', `User ${username} was changed since you read it (your version ${input.version}, now ${row.version})`, {
        currentVersion: row.version,
      });
    }
    const before = toUser(row);
    const role = input.role ?? row.role;
    const scope = await checkScope(tx, role, input.scope === undefined ? row.scope_code : input.scope);
    if (input.password) assertPasswordAcceptable(input.password, username);
    await tx.query(
      `UPDATE users SET display_name = $2, role = $3, scope_code = $4, password_hash = coalesce($5, password_hash), version = version + 1, updated_at = now() WHERE id = $1`,
      [row.id, input.displayName ?? row.display_name, role, scope, input.password ? await hashPassword(input.password) : null],
    );
    if (input.projects) await setProjects(tx, row.id, role === 'agency_reporter' ? input.projects : []);
    if (input.password) await tx.query('DELETE FROM sessions WHERE user_id = $1', [row.id]);
    const after = toUser(await findUser(tx, username));
    await audit(tx, ctx.actor, {
      action: 'update',
      entityType: 'user',
      entityKey: username,
      before,
      after: { ...after, ...(input.password ? { password: 'changed' } : {}) },
    });
    return after;
  });
}

/** Soft-deletes an account: it can no longer sign in, its tokens stop working, and an admin can restore it. */
export async function setUserDeleted(ctx: Ctx, username: string, deleted: boolean, reason: string): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    assertAdmin(ctx.actor, deleted ? 'delete accounts' : 'restore accounts');
    const row = await findUser(tx, username);
    if (deleted && ctx.actor.username === username) throw new AppError('validation', 'You cannot delete your own account');
    const before = toUser(row);
    await tx.query(`UPDATE users SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE id = $1`, [row.id]);
    if (deleted) await tx.query('DELETE FROM sessions WHERE user_id = $1', [row.id]);
    const after = toUser(await findUser(tx, username));
    await audit(tx, ctx.actor, { action: deleted ? 'delete' : 'restore', entityType: 'user', entityKey: username, before, after, reason });
    return after;
  });
}

/** The codes of the projects assigned to an agency reporter (empty for other roles). */
export async function assignedProjects(q: Queryable, actor: Actor): Promise<string[]> {
  if (actor.role !== 'agency_reporter' || actor.userId === null) return [];
  const rows = await q.query<{ code: string }>(
    'SELECT p.code FROM user_projects up JOIN projects p ON p.id = up.project_id WHERE up.user_id = $1 AND p.deleted_at IS NULL ORDER BY p.code',
    [actor.userId],
  );
  return rows.map((r) => r.code);
}
