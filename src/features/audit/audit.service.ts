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

/** Writes many audit records in one statement inside the caller's transaction (the same rows audit would write one by one). */
export async function auditMany(q: Queryable, actor: Actor, events: readonly AuditEvent[]): Promise<void> {
  if (!events.length) return;
  await q.query(
    `INSERT INTO audit_log (actor, action, entity_type, entity_key, before, after, reason)
     SELECT $1, u.action, u.entity_type, u.entity_key, u.before::jsonb, u.after::jsonb, u.reason
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(action, entity_type, entity_key, before, after, reason)`,
    [
      actorLabel(actor),
      events.map((e) => e.action),
      events.map((e) => e.entityType),
      events.map((e) => e.entityKey),
      events.map((e) => toJson(e.before)) as string[],
      events.map((e) => toJson(e.after)) as string[],
      events.map((e) => e.reason ?? null) as string[],
    ],
  );
}
