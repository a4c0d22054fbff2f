/**
 * Who may do what. Every domain function that reads scoped data or writes calls these checks,
 * so that the HTTP API, the CLI and the web UI enforce the same rules.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearEnd } from '../../core/dates.ts';
import { schemeForFiscalYear } from '../reference/reference.queries.ts';

export interface ProjectTarget {
  id: bigint;
  code: string;
  fiscalYear: number;
  ownerKind: 'cluster' | 'province';
  ownerCode: string;
}

export type ProjectAction =
  | 'create'
  | 'update'
  | 'change status of'
  | 'adjust the budget of'
  | 'record disbursements on'
  | 'record commitments on'
  | 'plan'
  | 'report progress of'
  | 'review progress reports of'
  | 'delete'
  | 'restore';

const ROLE_NAME: Record<Actor['role'], string> = {
  admin: 'administrator',
  cluster_officer: 'cluster officer',
  province_officer: 'province officer',
  agency_reporter: 'agency reporter',
  committee_member: 'committee member',
  viewer: 'viewer',
  system: 'system',
};

export function describeActor(a: Actor): string {
  return `${a.username} (${ROLE_NAME[a.role]}${a.scopeCode ? ` of ${a.scopeCode}` : ''})`;
}

const forbidden = (actor: Actor, what: string) => new AppError('forbidden', `${describeActor(actor)} may not ${what}`);

export const isAdmin = (a: Actor) => a.role === 'admin' || a.role === 'system';

export function assertAdmin(actor: Actor, what: string): void {
  if (!isAdmin(actor)) throw forbidden(actor, what);
}

/** Whether a province belongs to a cluster in the composition of a fiscal year. */
async function provinceInCluster(q: Queryable, provinceCode: string, clusterSlug: string, fiscalYear: number): Promise<boolean> {
  const scheme = await schemeForFiscalYear(q, fiscalYear);
  const rows = await q.query(
    `SELECT 1 FROM cluster_memberships m JOIN clusters c ON c.id = m.cluster_id
      WHERE m.province_code = $1 AND c.slug = $2 AND c.scheme = $3 AND m.valid_from <= $4 AND (m.valid_to IS NULL OR m.valid_to > $4)`,
    [provinceCode, clusterSlug, scheme, fiscalYearEnd(fiscalYear)],
  );
  return rows.length > 0;
}

/** Whether an owner (cluster or province) lies within a cluster-scoped actor's cluster. */
async function ownerWithinCluster(q: Queryable, cluster: string, ownerKind: 'cluster' | 'province', ownerCode: string, fiscalYear: number) {
  return ownerKind === 'cluster' ? ownerCode === cluster : provinceInCluster(q, ownerCode, cluster, fiscalYear);
}

async function isAssigned(q: Queryable, actor: Actor, projectId: bigint): Promise<boolean> {
  if (actor.userId === null) return false;
  const rows = await q.query('SELECT 1 FROM user_projects WHERE user_id = $1 AND project_id = $2', [actor.userId, projectId]);
  return rows.length > 0;
}

/** Checks a write on a project (or, for 'create', on a new project of that owner). */
export async function assertCanWriteProject(
  q: Queryable,
  actor: Actor,
  p: Omit<ProjectTarget, 'id'> & { id: bigint | null },
  action: ProjectAction,
): Promise<void> {
  const what = `${action} project ${p.code} (owner ${p.ownerCode})`;
  switch (actor.role) {
    case 'system':
    case 'admin':
      return;
    case 'cluster_officer':
      if (action !== 'restore' && actor.scopeCode && (await ownerWithinCluster(q, actor.scopeCode, p.ownerKind, p.ownerCode, p.fiscalYear))) return;
      break;
    case 'province_officer':
      if (action !== 'restore' && p.ownerKind === 'province' && p.ownerCode === actor.scopeCode) return;
      break;
    case 'agency_reporter':
      if ((action === 'record disbursements on' || action === 'report progress of') && p.id !== null && (await isAssigned(q, actor, p.id))) return;
      break;
    default:
      break;
  }
  throw forbidden(actor, what);
}

/**
 * Checks that the actor may set an owner's own disbursement targets: an administrator, or a
 * cluster officer for its cluster and the cluster's provinces, or a province officer for its
 * province. The cabinet's targets (no owner) are the administrators' alone (assertAdmin).
 */
export async function assertCanSetOwnerTargets(
  q: Queryable,
  actor: Actor,
  ownerKind: 'cluster' | 'province',
  ownerCode: string,
  fiscalYear: number,
): Promise<void> {
  if (isAdmin(actor)) return;
  if (actor.role === 'cluster_officer' && actor.scopeCode && (await ownerWithinCluster(q, actor.scopeCode, ownerKind, ownerCode, fiscalYear))) return;
  if (actor.role === 'province_officer' && ownerKind === 'province' && ownerCode === actor.scopeCode) return;
  throw forbidden(actor, `set the disbursement targets of ${ownerCode} for fiscal year ${fiscalYear}`);
}

/** Checks that the actor may read one project. */
export async function assertCanReadProject(q: Queryable, actor: Actor, p: ProjectTarget): Promise<void> {
  if (await canReadOwner(q, actor, p.ownerKind, p.ownerCode, p.fiscalYear, p.id)) return;
  throw forbidden(actor, `read project ${p.code}`);
}

/** Read scope: most roles read everything; a committee member reads its cluster; an agency reporter its projects. */
export async function canReadOwner(
  q: Queryable,
  actor: Actor,
  ownerKind: 'cluster' | 'province',
  ownerCode: string,
  fiscalYear: number,
  projectId?: bigint,
) {
  if (actor.role === 'committee_member') return !!actor.scopeCode && ownerWithinCluster(q, actor.scopeCode, ownerKind, ownerCode, fiscalYear);
  if (actor.role === 'agency_reporter') return projectId !== undefined && isAssigned(q, actor, projectId);
  return true;
}

export async function assertCanReadOwner(
  q: Queryable,
  actor: Actor,
  ownerKind: 'cluster' | 'province',
  ownerCode: string,
  fiscalYear: number,
): Promise<void> {
  if (actor.role === 'agency_reporter') throw forbidden(actor, `read the figures of ${ownerCode}`);
  if (!(await canReadOwner(q, actor, ownerKind, ownerCode, fiscalYear))) throw forbidden(actor, `read the figures of ${ownerCode}`);
}

/**
 * SQL restricting a project list (alias p, clusters c) to what the actor may read, with its parameter.
 * The parameter's placeholder is given by the caller.
 */
export function projectReadFilter(actor: Actor): { sql: (param: string) => string; value: string } | null {
  if (actor.role === 'agency_reporter') {
    return { sql: (n) => `p.id IN (SELECT up.project_id FROM user_projects up WHERE up.user_id = ${n}::bigint)`, value: String(actor.userId ?? -1) };
  }
  if (actor.role === 'committee_member') {
    return {
      sql: (n) => `(c.slug = ${n} OR p.province_code IN (
        SELECT m.province_code FROM cluster_memberships m JOIN clusters mc ON mc.id = m.cluster_id
         WHERE mc.slug = ${n} AND m.valid_from <= make_date(p.fiscal_year - 543, 9, 30)
           AND (m.valid_to IS NULL OR m.valid_to > make_date(p.fiscal_year - 543, 9, 30))))`,
      value: actor.scopeCode ?? '',
    };
  }
  return null;
}
