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
export async function ownerWithinCluster(q: Queryable, cluster: string, ownerKind: 'cluster' | 'province', ownerCode: string, fiscalYear: number) {
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

/** What is written on an owner (a cluster or a province) rather than on one project: monitoring visits, events, indicators, its own disbursement targets. */
export type OwnerAction =
  | 'plan monitoring visits of'
  | 'record monitoring results of'
  | 'record events of'
  | 'hold meetings of'
  | 'edit the indicators of'
  | 'enter indicator results of'
  | 'link projects to the indicators of'
  | 'request changes to the indicators of'
  | 'set the disbursement targets of';

/**
 * Checks a write on an owner's monitoring visits, events or indicators. Officers write within their scope (a
 * cluster officer: the cluster and its provinces; a province officer: its province). A committee
 * member (the cluster's monitoring sub-committee) records what its visits found: findings,
 * recommendations and their follow-up, photos; it does not plan visits or record events.
 */
export async function assertCanWriteOwner(
  q: Queryable,
  actor: Actor,
  owner: { kind: 'cluster' | 'province'; code: string },
  fiscalYear: number,
  action: OwnerAction,
): Promise<void> {
  switch (actor.role) {
    case 'system':
    case 'admin':
      return;
    case 'cluster_officer':
      if (actor.scopeCode && (await ownerWithinCluster(q, actor.scopeCode, owner.kind, owner.code, fiscalYear))) return;
      break;
    case 'province_officer':
      if (owner.kind === 'province' && owner.code === actor.scopeCode) return;
      break;
    case 'committee_member':
      if (
        action === 'record monitoring results of' &&
        actor.scopeCode &&
        (await ownerWithinCluster(q, actor.scopeCode, owner.kind, owner.code, fiscalYear))
      )
        return;
      break;
    default:
      break;
  }
  throw forbidden(actor, `${action} ${owner.code} (fiscal year ${fiscalYear})`);
}

/** Checks that the actor may read an owner's monitoring visits or events: as its figures, but named. */
export async function assertCanReadOwnerRecords(
  q: Queryable,
  actor: Actor,
  owner: { kind: 'cluster' | 'province'; code: string },
  fiscalYear: number,
  what: string,
): Promise<void> {
  if (actor.role !== 'agency_reporter' && (await canReadOwner(q, actor, owner.kind, owner.code, fiscalYear))) return;
  throw forbidden(actor, `read the ${what} of ${owner.code}`);
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
  if (actor.role === 'committee_member') return { sql: withinClusterSql, value: actor.scopeCode ?? '' };
  return null;
}

/** SQL: the project (alias p, clusters c) is owned by the cluster of the parameter or by one of its provinces at the end of its fiscal year. */
const withinClusterSql = (n: string) => `(c.slug = ${n} OR p.province_code IN (
        SELECT m.province_code FROM cluster_memberships m JOIN clusters mc ON mc.id = m.cluster_id
         WHERE mc.slug = ${n} AND m.valid_from <= make_date(p.fiscal_year - 543, 9, 30)
           AND (m.valid_to IS NULL OR m.valid_to > make_date(p.fiscal_year - 543, 9, 30))))`;

/** Whether the role may review progress reports at all (of the projects it may write). */
export const mayReviewReports = (actor: Actor) => isAdmin(actor) || actor.role === 'cluster_officer' || actor.role === 'province_officer';

/**
 * SQL restricting a project list (alias p, clusters c) to the projects whose progress reports the
 * actor may review (those it may write, as assertCanWriteProject 'review progress reports of'),
 * with its parameter; null: every project. Only for actors that mayReviewReports.
 */
export function projectReviewFilter(actor: Actor): { sql: (param: string) => string; value: string } | null {
  if (actor.role === 'cluster_officer') return { sql: withinClusterSql, value: actor.scopeCode ?? '' };
  if (actor.role === 'province_officer') return { sql: (n) => `p.province_code = ${n}`, value: actor.scopeCode ?? '' };
  if (isAdmin(actor)) return null;
  throw forbidden(actor, 'review progress reports');
}
