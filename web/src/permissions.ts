/**
 * What the signed-in user may do, mirroring src/features/users/access.ts, so that the UI offers only
 * what the server will accept. The server stays the authority: its 403 messages are still shown.
 */
import { useEffect, useState } from 'react';
import { fiscalYearEnd } from '../../src/core/dates.ts';
import type { ImportKind, Me, Project } from './api.ts';
import { loadReference, type Reference } from './reference.ts';

export type Role = Me['role'];

const WRITERS: readonly Role[] = ['admin', 'cluster_officer', 'province_officer'];

/** Creating projects (by form or import). */
export const canCreateProjects = (me: Me | null) => !!me && WRITERS.includes(me.role);

/** Importing a kind of data: disbursements and progress reports also by agency reporters (on their own projects). */
export function canImport(me: Me | null, kind: ImportKind): boolean {
  if (!me) return false;
  return WRITERS.includes(me.role) || ((kind === 'disbursements' || kind === 'progress') && me.role === 'agency_reporter');
}

export const isAdmin = (me: Me | null) => me?.role === 'admin';

/** The dashboard's figures: every role but agency reporters (who read only their projects). */
export const canReadReports = (me: Me | null) => me?.role !== 'agency_reporter';

/** Reviewing progress reports (the review queue): administrators and officers, on the projects they write. */
export const canReviewReports = (me: Me | null) => !!me && WRITERS.includes(me.role);

export interface ProjectRights {
  /** Record disbursements; save and submit progress reports (and their files). */
  disburse: boolean;
  /** Change status, delete; review progress reports (not those one submitted). */
  manage: boolean;
  /** Restore a deleted project. */
  restore: boolean;
}

const NONE: ProjectRights = { disburse: false, manage: false, restore: false };

/**
 * Rights on one project. A cluster officer writes the projects its cluster owns and those of the
 * provinces that are members of the cluster at the end of the project's fiscal year; an agency
 * reporter reads only its assigned projects, so a project it can read is one it may record on.
 */
export async function projectRights(me: Me | null, p: Project): Promise<ProjectRights> {
  if (!me) return NONE;
  switch (me.role) {
    case 'admin':
      return { disburse: true, manage: true, restore: true };
    case 'cluster_officer': {
      let within = p.owner.kind === 'cluster' && p.owner.code === me.scope;
      if (!within && p.owner.kind === 'province' && me.scope) {
        const ref = await loadReference(fiscalYearEnd(p.fiscalYear));
        within = !!ref.clusters.find((c) => c.code === me.scope)?.provinceCodes.includes(p.owner.code);
      }
      return { disburse: within, manage: within, restore: false };
    }
    case 'province_officer': {
      const own = p.owner.kind === 'province' && p.owner.code === me.scope;
      return { disburse: own, manage: own, restore: false };
    }
    case 'agency_reporter':
      return { disburse: true, manage: false, restore: false };
    default:
      return NONE;
  }
}

/** projectRights as a hook: null while the reference data loads. */
export function useProjectRights(me: Me | null, p: Project | null): ProjectRights | null {
  const [rights, setRights] = useState<{ key: string; value: ProjectRights } | null>(null);
  const key = p ? `${me?.username}|${me?.role}|${me?.scope}|${p.code}|${p.owner.kind}:${p.owner.code}|${p.fiscalYear}` : '';
  useEffect(() => {
    if (!p) return;
    let live = true;
    projectRights(me, p)
      .then((value) => live && setRights({ key, value }))
      .catch(() => live && setRights({ key, value: NONE }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return rights?.key === key ? rights.value : null;
}

export interface OwnerRights {
  /** Plan monitoring visits and record events (assertCanWriteOwner's 'plan monitoring visits of', 'record events of'). */
  plan: boolean;
  /** Record what visits found: results, recommendations, follow-ups, photos ('record monitoring results of'). */
  record: boolean;
}

/**
 * Rights on an owner's visits and events in a fiscal year, as assertCanWriteOwner decides: a cluster
 * officer within its cluster (and the provinces members at the fiscal year's end), a province officer
 * its province; a committee member of the cluster records results but does not plan.
 */
export async function ownerRights(me: Me | null, owner: { kind: 'cluster' | 'province'; code: string }, fiscalYear: number): Promise<OwnerRights> {
  if (!me) return { plan: false, record: false };
  if (me.role === 'admin') return { plan: true, record: true };
  if (me.role === 'province_officer') {
    const own = owner.kind === 'province' && owner.code === me.scope;
    return { plan: own, record: own };
  }
  if (me.role !== 'cluster_officer' && me.role !== 'committee_member') return { plan: false, record: false };
  let within = owner.kind === 'cluster' && owner.code === me.scope;
  if (!within && owner.kind === 'province' && me.scope) {
    const ref = await loadReference(fiscalYearEnd(fiscalYear));
    within = !!ref.clusters.find((c) => c.code === me.scope)?.provinceCodes.includes(owner.code);
  }
  return { plan: within && me.role === 'cluster_officer', record: within };
}

/** ownerRights as a hook: null while the reference data loads. */
export function useOwnerRights(
  me: Me | null,
  owner: { kind: 'cluster' | 'province'; code: string } | null,
  fiscalYear: number | null,
): OwnerRights | null {
  const [rights, setRights] = useState<{ key: string; value: OwnerRights } | null>(null);
  const key = owner && fiscalYear ? `${me?.username}|${me?.role}|${me?.scope}|${owner.kind}:${owner.code}|${fiscalYear}` : '';
  useEffect(() => {
    if (!owner || !fiscalYear) return;
    let live = true;
    ownerRights(me, owner, fiscalYear)
      .then((value) => live && setRights({ key, value }))
      .catch(() => live && setRights({ key, value: { plan: false, record: false } }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return rights?.key === key ? rights.value : null;
}

/** Whether the menu offers visits, events and the calendar: every role but agency reporters reads them. */
export const canReadMonitoring = (me: Me | null) => !!me && me.role !== 'agency_reporter';

/** Whether the user may plan visits or record events of some owner (the forms are offered; the owner is checked on saving). */
export const canPlanSomewhere = (me: Me | null) => !!me && WRITERS.includes(me.role);
/**
 * Whether the user may write an owner's indicators (create and edit drafts, enter results, link
 * projects, request changes), mirroring assertCanWriteOwner of src/features/users/access.ts: an
 * administrator; a cluster officer for its cluster and the provinces in it (`ref`: the reference
 * at the fiscal year's end); a province officer for its province.
 */
export function canWriteIndicators(me: Me | null, owner: string, ref: Reference | null): boolean {
  if (!me) return false;
  if (me.role === 'admin') return true;
  if (me.role === 'cluster_officer')
    return owner === me.scope || !!ref?.clusters.find((c) => c.code === me.scope)?.provinceCodes.includes(owner.replace(/^TH-/, ''));
  if (me.role === 'province_officer') return owner.replace(/^TH-/, '') === me.scope;
  return false;
}

/** Deciding change requests and moving the agreement: administrators (acting for the OPDC). */
export const canDecideIndicators = (me: Me | null) => me?.role === 'admin';

/** Reading indicators: every role but agency reporters. */
export const canReadIndicators = (me: Me | null) => !!me && me.role !== 'agency_reporter';

/**
 * Whether the menu offers meetings: every role but agency reporters reads an owner's meetings
 * (assertCanReadOwnerRecords; a committee member its cluster's). Writing them is ownerRights' plan
 * (assertCanWriteOwner's 'hold meetings of': administrators and the owner's officers).
 */
export const canReadMeetings = (me: Me | null) => !!me && me.role !== 'agency_reporter';
