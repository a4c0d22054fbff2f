/** SQL of indicators: agreements, versions with their components and targets, results, links, change requests, files. */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { AgreementStatus, Direction } from './indicators.rules.ts';
import type { FileRef } from './indicators.schema.ts';

export interface AgreementRow {
  id: bigint;
  owner_kind: 'cluster' | 'province';
  owner_code: string;
  fiscal_year: number;
}

export interface StatusRow {
  status: AgreementStatus;
  status_date: string;
  reason: string | null;
  changed_by: string;
}

export interface IndicatorRow {
  id: bigint;
  agreement_id: bigint;
  code: string;
  revision: number;
  owner_kind: 'cluster' | 'province';
  owner_code: string;
  fiscal_year: number;
}

export interface VersionRow {
  id: bigint;
  indicator_id: bigint;
  version: number;
  effective_from: string;
  removed: boolean;
  name_th: string;
  unit: string;
  direction: Direction;
  weight_e4: bigint;
  baseline_e4: bigint | null;
  data_source: string;
  level1_e4: bigint;
  level2_e4: bigint;
  level3_e4: bigint;
  level4_e4: bigint;
  level5_e4: bigint;
  below_score_e4: bigint;
  above_score_e4: bigint;
  change_request_id: bigint | null;
  created_by: string;
}

export interface ComponentRow {
  version_id: bigint;
  key: string;
  name_th: string;
}

export interface TargetRow {
  version_id: bigint;
  component: string;
  period: string;
  value_e4: bigint;
}

export interface ResultRow {
  id: bigint;
  indicator_id: bigint;
  component: string;
  period: string;
  value_e4: bigint;
  result_date: string;
  source: string;
  evidence_url: string | null;
  evidence_file_id: bigint | null;
  entered_at: Date;
  entered_by: string;
}

export interface LinkRow {
  indicator_id: bigint;
  component: string;
  project_id: bigint;
  project_code: string;
  project_name_th: string;
  project_budget: bigint;
  share_hundredths: number;
}

export interface ChangeRequestRow {
  id: bigint;
  indicator_id: bigint;
  indicator_code: string;
  kind: 'change' | 'remove';
  proposal: unknown;
  reason: string;
  requested_on: string;
  requested_by: string;
  file_id: bigint | null;
  decision: 'approved' | 'rejected' | null;
  decided_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
  version: number | null;
}

export async function findAgreement(q: Queryable, ownerCode: string, fiscalYear: number, forUpdate = false): Promise<AgreementRow | null> {
  const [r] = await q.query<AgreementRow>(
    `SELECT id, owner_kind, owner_code, fiscal_year FROM agreements WHERE owner_code = $1 AND fiscal_year = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [ownerCode, fiscalYear],
  );
  return r ?? null;
}

export async function statusHistoryOf(q: Queryable, agreementId: bigint): Promise<StatusRow[]> {
  return q.query<StatusRow>(
    'SELECT status, status_date, reason, changed_by FROM agreement_status_history WHERE agreement_id = $1 ORDER BY status_date, id',
    [agreementId],
  );
}

/** The status on a date: the last step dated on or before it (a draft before any step). */
export function statusOn(history: StatusRow[], date: IsoDate): AgreementStatus {
  let s: AgreementStatus = 'draft';
  for (const h of history) if (h.status_date <= date) s = h.status;
  return s;
}

const INDICATOR_SELECT = `SELECT i.id, i.agreement_id, i.code, i.revision, a.owner_kind, a.owner_code, a.fiscal_year
  FROM indicators i JOIN agreements a ON a.id = i.agreement_id`;

export async function findIndicator(q: Queryable, id: bigint, forUpdate = false): Promise<IndicatorRow | null> {
  const [r] = await q.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.id = $1 ${forUpdate ? 'FOR UPDATE OF i' : ''}`, [id]);
  return r ?? null;
}

export async function findIndicatorByCode(q: Queryable, ownerCode: string, fiscalYear: number, code: string): Promise<IndicatorRow | null> {
  const [r] = await q.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE a.owner_code = $1 AND a.fiscal_year = $2 AND i.code = $3 FOR UPDATE OF i`, [
    ownerCode,
    fiscalYear,
    code,
  ]);
  return r ?? null;
}

export async function indicatorsOf(q: Queryable, agreementId: bigint): Promise<IndicatorRow[]> {
  return q.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.agreement_id = $1 ORDER BY i.code`, [agreementId]);
}

const ids = (xs: bigint[]) => xs.map(String);

export async function versionsOf(q: Queryable, indicatorIds: bigint[]): Promise<VersionRow[]> {
  if (!indicatorIds.length) return [];
  return q.query<VersionRow>('SELECT * FROM indicator_versions WHERE indicator_id = ANY($1::bigint[]) ORDER BY indicator_id, version', [
    ids(indicatorIds),
  ]);
}

export async function componentsOf(q: Queryable, versionIds: bigint[]): Promise<ComponentRow[]> {
  if (!versionIds.length) return [];
  return q.query<ComponentRow>('SELECT version_id, key, name_th FROM indicator_components WHERE version_id = ANY($1::bigint[]) ORDER BY position', [
    ids(versionIds),
  ]);
}

export async function targetsOf(q: Queryable, versionIds: bigint[]): Promise<TargetRow[]> {
  if (!versionIds.length) return [];
  return q.query<TargetRow>('SELECT version_id, component, period, value_e4 FROM indicator_targets WHERE version_id = ANY($1::bigint[])', [
    ids(versionIds),
  ]);
}

export async function resultsOf(q: Queryable, indicatorIds: bigint[]): Promise<ResultRow[]> {
  if (!indicatorIds.length) return [];
  return q.query<ResultRow>('SELECT * FROM indicator_results WHERE indicator_id = ANY($1::bigint[]) ORDER BY indicator_id, component, period', [
    ids(indicatorIds),
  ]);
}

/** Links to projects not deleted. */
export async function linksOf(q: Queryable, indicatorIds: bigint[]): Promise<LinkRow[]> {
  if (!indicatorIds.length) return [];
  return q.query<LinkRow>(
    `SELECT l.indicator_id, l.component, l.project_id, p.code AS project_code, p.name_th AS project_name_th, p.budget AS project_budget, l.share_hundredths
       FROM indicator_links l JOIN projects p ON p.id = l.project_id
      WHERE l.indicator_id = ANY($1::bigint[]) AND p.deleted_at IS NULL
      ORDER BY l.indicator_id, l.component, p.code`,
    [ids(indicatorIds)],
  );
}

export async function changeRequestsOf(q: Queryable, indicatorIds: bigint[]): Promise<ChangeRequestRow[]> {
  if (!indicatorIds.length) return [];
  return q.query<ChangeRequestRow>(
    `SELECT r.id, r.indicator_id, i.code AS indicator_code, r.kind, r.proposal, r.reason, r.requested_on, r.requested_by, r.file_id,
            r.decision, r.decided_on, r.decided_by, r.decision_note, v.version
       FROM indicator_change_requests r JOIN indicators i ON i.id = r.indicator_id
       LEFT JOIN indicator_versions v ON v.change_request_id = r.id
      WHERE r.indicator_id = ANY($1::bigint[]) ORDER BY r.id`,
    [ids(indicatorIds)],
  );
}

export async function findChangeRequest(q: Queryable, id: bigint, forUpdate = false): Promise<ChangeRequestRow | null> {
  const [r] = await q.query<ChangeRequestRow>(
    `SELECT r.id, r.indicator_id, i.code AS indicator_code, r.kind, r.proposal, r.reason, r.requested_on, r.requested_by, r.file_id,
            r.decision, r.decided_on, r.decided_by, r.decision_note,
            (SELECT v.version FROM indicator_versions v WHERE v.change_request_id = r.id) AS version
       FROM indicator_change_requests r JOIN indicators i ON i.id = r.indicator_id
      WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [id],
  );
  return r ?? null;
}

interface FileRow {
  id: bigint;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}

export async function fileRefs(q: Queryable, fileIds: bigint[]): Promise<Map<bigint, FileRef>> {
  const m = new Map<bigint, FileRef>();
  if (!fileIds.length) return m;
  for (const f of await q.query<FileRow>('SELECT id, name, media_type, size, sha256 FROM indicator_files WHERE id = ANY($1::bigint[])', [
    ids(fileIds),
  ])) {
    m.set(f.id, { id: String(f.id), name: f.name, mediaType: f.media_type, size: f.size, sha256: f.sha256 });
  }
  return m;
}

/** Stores a file's bytes in the database (so that backups carry it); its reference. */
export async function insertFile(q: Queryable, by: string, file: { name: string; mediaType: string; data: Buffer }): Promise<FileRef> {
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const [r] = await q.query<{ id: bigint }>(
    `INSERT INTO indicator_files (name, media_type, size, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, decode($5, 'base64'), $6) RETURNING id`,
    [file.name, file.mediaType, file.data.length, sha256, file.data.toString('base64'), by],
  );
  return { id: String(r!.id), name: file.name, mediaType: file.mediaType, size: file.data.length, sha256 };
}

/** A file with its bytes, and the indicator it belongs to (through a result or a change request). */
export async function fileWithOwner(q: Queryable, id: bigint): Promise<{ ref: FileRef; data: Buffer; indicatorId: bigint | null } | null> {
  const [f] = await q.query<FileRow & { content: string; indicator_id: bigint | null }>(
    `SELECT f.id, f.name, f.media_type, f.size, f.sha256, encode(f.content, 'base64') AS content,
            coalesce((SELECT r.indicator_id FROM indicator_results r WHERE r.evidence_file_id = f.id LIMIT 1),
                     (SELECT c.indicator_id FROM indicator_change_requests c WHERE c.file_id = f.id LIMIT 1)) AS indicator_id
       FROM indicator_files f WHERE f.id = $1`,
    [id],
  );
  if (!f) return null;
  return {
    ref: { id: String(f.id), name: f.name, mediaType: f.media_type, size: f.size, sha256: f.sha256 },
    data: Buffer.from(f.content, 'base64'),
    indicatorId: f.indicator_id,
  };
}
