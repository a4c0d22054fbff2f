import type { Command } from 'commander';
import type { Queryable } from '../db/db.ts';
import type { Actor, Role } from '../core/context.ts';
import { AppError } from '../core/errors.ts';

/**
 * The user a CLI command acts as: --as USERNAME or $PADME_USER. Whoever runs the CLI holds the
 * database itself, so no password is asked; the role and scope of that user are enforced and
 * the audit trail records the change under that name.
 */
export async function cliActor(q: Queryable, cmd: Command, fallback?: string): Promise<Actor> {
  const username = cmd.optsWithGlobals<{ as?: string }>().as ?? process.env.PADME_USER ?? fallback;
  if (!username) throw new AppError('unauthorized', 'Name the acting user with --as USERNAME (or set PADME_USER)');
  const [u] = await q.query<{ id: bigint; username: string; role: Role; scope_code: string | null }>(
    'SELECT id, username, role, scope_code FROM users WHERE username = $1 AND deleted_at IS NULL',
    [username.toLowerCase()],
  );
  if (!u) throw new AppError('unauthorized', `No account ${username}: create it with padme user add`);
  return { username: u.username, role: u.role, scopeCode: u.scope_code, userId: u.id, via: 'cli' };
}
