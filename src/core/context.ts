import type { Db } from '../db/db.ts';

export const ROLES = ['admin', 'cluster_officer', 'province_officer', 'agency_reporter', 'committee_member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. Every write records it and every domain function checks its role and scope.
 * `system` is the program itself (migrations, demo data), never a signed-in person.
 */
export interface Actor {
  username: string;
  role: Role | 'system';
  /** A cluster slug (cluster officer, committee member) or a province code (province officer). */
  scopeCode: string | null;
  userId: bigint | null;
  /** How the request was authenticated; recorded in the audit trail for token writes. */
  via: 'session' | 'token' | 'cli' | 'system' | 'public';
  tokenName?: string;
}

export const systemActor = (username: string): Actor => ({ username, role: 'system', scopeCode: null, userId: null, via: 'system' });

/** What every domain function that writes receives: the database and the actor. */
export interface Ctx {
  db: Db;
  actor: Actor;
}
