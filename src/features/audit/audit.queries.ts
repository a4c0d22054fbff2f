import type { Queryable, SqlParam } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { toCsv } from '../reports/report.format.ts';
import { assertAdmin } from '../users/access.ts';
import type { AuditQuery, AuditRecord } from './audit.schema.ts';

interface AuditRow {
  id: bigint;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_key: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const toRecord = (r: AuditRow): AuditRecord => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  entityType: r.entity_type,
  entityKey: r.entity_key,
  before: r.before ?? null,
  after: r.after ?? null,
  reason: r.reason,
});

async function selectAudit(q: Queryable, where: string[], params: SqlParam[], limit: number): Promise<AuditRecord[]> {
  const rows = await q.query<AuditRow>(
    `SELECT id, at, actor, action, entity_type, entity_key, before, after, reason FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${limit}`,
    params,
  );
  return rows.map(toRecord);
}

/** The audit trail, filtered: for administrators. */
export async function listAudit(q: Queryable, actor: Actor, f: AuditQuery): Promise<AuditRecord[]> {
  assertAdmin(actor, 'read the audit trail');
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (f.entityType) {
    params.push(f.entityType);
    where.push(`entity_type = $${params.length}`);
  }
  if (f.entityKey) {
    params.push(f.entityKey);
    where.push(`entity_key = $${params.length}`);
  }
  if (f.since) {
    params.push(f.since);
    where.push(`at >= $${params.length}::date`);
  }
  return selectAudit(q, where, params, f.limit);
}

/** The history of one project: its own records and those of its ledger entries. */
export function projectAudit(q: Queryable, code: string): Promise<AuditRecord[]> {
  return selectAudit(
    q,
    ["((entity_type = 'project' AND entity_key = $1) OR (entity_type = 'ledger_entry' AND starts_with(entity_key, $2)))"],
    [code, `${code}/`],
    10000,
  );
}

export function auditCsv(records: AuditRecord[]): string {
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return toCsv(
    ['id', 'at', 'actor', 'action', 'entity_type', 'entity_key', 'before', 'after', 'reason'],
    records.map((r) => [r.id, r.at, r.actor, r.action, r.entityType, r.entityKey, json(r.before), json(r.after), r.reason ?? '']),
  );
}
