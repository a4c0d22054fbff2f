import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityKey: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** JSON for the audit trail: bigints become decimal strings, Dates ISO strings. */
function toJson(value: object | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function actorLabel(actor: Actor): string {
  return actor.via === 'token' && actor.tokenName ? `${actor.username} (token ${actor.tokenName})` : actor.username;
}

/** Writes one audit record inside the caller's transaction, so that it exists exactly when the change does. */
export async function audit(q: Queryable, actor: Actor, e: AuditEvent): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor, action, entity_type, entity_key, before, after, reason) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
    [actorLabel(actor), e.action, e.entityType, e.entityKey, toJson(e.before), toJson(e.after), e.reason ?? null],
  );
}
