import type { Queryable } from '../../db/db.ts';
import type { Owner } from '../reference/reference.queries.ts';
import { weekdayOf } from '../events/events.rules.ts';
import type { RecommendationStatus } from './monitoring.rules.ts';
import type { FollowUp, Photo, Recommendation, VisitSummary, VisitedProject } from './monitoring.schema.ts';
import { pushTo } from '../../core/collections.ts';

const iso = (d: Date) => new Date(d).toISOString();

/** The owner columns of a row of a cluster or a province (as projects have them). */
export const ownerValues = (o: Owner): [string, number | null, string | null] =>
  o.kind === 'cluster' ? ['cluster', o.clusterId, null] : ['province', null, o.code];

/** SQL matching rows (alias a, clusters c) of an owner code: a cluster slug (any scheme) or a province code. */
export const ownerMatch = (alias: string, param: string) =>
  `((${alias}.owner_kind = 'cluster' AND c.slug = ${param}) OR (${alias}.owner_kind = 'province' AND ${alias}.province_code = ${param}))`;

/** The owner columns every select of visits or events adds, and its FROM clause. */
export const ownerSelect = (table: string, alias: string) =>
  `coalesce(c.slug, ${alias}.province_code) AS owner_code, coalesce(c.name_th, pr.name_th) AS owner_name_th
  FROM ${table} ${alias} LEFT JOIN clusters c ON c.id = ${alias}.cluster_id LEFT JOIN provinces pr ON pr.code = ${alias}.province_code`;

/** Thai names of provinces by code. */
export async function provinceNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await q.query<{ code: string; name_th: string }>('SELECT code, name_th FROM provinces WHERE code = ANY($1::text[])', [[...codes]]);
  return new Map(rows.map((r) => [r.code, r.name_th]));
}

export interface VisitRow {
  id: bigint;
  owner_kind: 'cluster' | 'province';
  cluster_id: number | null;
  province_code: string | null;
  owner_code: string;
  owner_name_th: string;
  fiscal_year: number;
  committee: string;
  title: string;
  start_date: string;
  end_date: string;
  province_codes: string[];
  version: number;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  project_count: number;
  visited_count: number;
}

const VISIT_SELECT = `SELECT v.id, v.owner_kind, v.cluster_id, v.province_code, v.fiscal_year, v.committee, v.title, v.start_date, v.end_date,
       v.province_codes, v.version, v.created_by, v.updated_at, v.updated_by,
       (SELECT count(*)::int FROM monitoring_visit_projects vp WHERE vp.visit_id = v.id) AS project_count,
       (SELECT count(*)::int FROM monitoring_visit_projects vp WHERE vp.visit_id = v.id AND vp.visited_on IS NOT NULL) AS visited_count,
       ${ownerSelect('monitoring_visits', 'v')}`;

export async function visitRow(q: Queryable, id: string, forUpdate = false): Promise<VisitRow | undefined> {
  if (forUpdate) await q.query('SELECT id FROM monitoring_visits WHERE id = $1::bigint AND deleted_at IS NULL FOR UPDATE', [id]);
  const [r] = await q.query<VisitRow>(`${VISIT_SELECT} WHERE v.id = $1::bigint AND v.deleted_at IS NULL`, [id]);
  return r;
}

/** An owner's visits overlapping a date range (either end open), of a fiscal year if given; by start date. */
export async function visitRows(q: Queryable, ownerCode: string, f: { fiscalYear?: number; from?: string; to?: string }): Promise<VisitRow[]> {
  return q.query<VisitRow>(
    `${VISIT_SELECT}
      WHERE v.deleted_at IS NULL AND ${ownerMatch('v', '$1')}
        AND ($2::int IS NULL OR v.fiscal_year = $2::int)
        AND ($3::date IS NULL OR v.end_date >= $3::date)
        AND ($4::date IS NULL OR v.start_date <= $4::date)
      ORDER BY v.start_date, v.end_date, v.id`,
    [ownerCode, f.fiscalYear ?? null, f.from ?? null, f.to ?? null],
  );
}

export function toVisitSummary(r: VisitRow, names: ReadonlyMap<string, string>): VisitSummary {
  return {
    id: String(r.id),
    owner: { kind: r.owner_kind, code: r.owner_code, nameTh: r.owner_name_th },
    fiscalYear: r.fiscal_year,
    committee: r.committee,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
    startWeekday: weekdayOf(r.start_date),
    endWeekday: weekdayOf(r.end_date),
    provinces: r.province_codes.map((code) => ({ code, nameTh: names.get(code) ?? code })),
    projectCount: r.project_count,
    visitedCount: r.visited_count,
    version: r.version,
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export interface VisitProjectRow {
  id: bigint;
  visit_id: bigint;
  project_id: bigint;
  position: number;
  code: string;
  name_th: string;
  project_owner: string;
  visited_on: string | null;
  findings: string[];
  version: number;
}

export async function visitProjectRows(q: Queryable, visitId: bigint, code?: string, forUpdate = false): Promise<VisitProjectRow[]> {
  if (forUpdate && code !== undefined)
    await q.query(
      'SELECT vp.id FROM monitoring_visit_projects vp JOIN projects p ON p.id = vp.project_id WHERE vp.visit_id = $1 AND p.code = $2 FOR UPDATE OF vp',
      [visitId, code],
    );
  return q.query<VisitProjectRow>(
    `SELECT vp.id, vp.visit_id, vp.project_id, vp.position, p.code, p.name_th, coalesce(c.slug, p.province_code) AS project_owner,
            vp.visited_on, vp.findings, vp.version
       FROM monitoring_visit_projects vp JOIN projects p ON p.id = vp.project_id LEFT JOIN clusters c ON c.id = p.cluster_id
      WHERE vp.visit_id = $1 ${code === undefined ? '' : 'AND p.code = $2'}
      ORDER BY vp.position, vp.id`,
    code === undefined ? [visitId] : [visitId, code],
  );
}

export interface RecommendationRow {
  id: bigint;
  visit_project_id: bigint;
  text: string;
  responsible: string;
  due_date: string;
  status: RecommendationStatus;
  version: number;
  created_by: string;
}

export interface FollowUpRow {
  id: bigint;
  recommendation_id: bigint;
  noted_on: string;
  note: string;
  status: RecommendationStatus;
  created_by: string;
  created_at: Date;
}

export async function recommendationRows(q: Queryable, visitProjectIds: readonly bigint[]): Promise<RecommendationRow[]> {
  if (!visitProjectIds.length) return [];
  return q.query<RecommendationRow>(
    `SELECT id, visit_project_id, text, responsible, due_date, status, version, created_by FROM monitoring_recommendations
      WHERE visit_project_id = ANY($1::bigint[]) ORDER BY id`,
    [visitProjectIds.map(String)],
  );
}

export async function followUpRows(q: Queryable, recommendationIds: readonly bigint[]): Promise<Map<bigint, FollowUpRow[]>> {
  const m = new Map<bigint, FollowUpRow[]>();
  if (!recommendationIds.length) return m;
  for (const f of await q.query<FollowUpRow>(
    `SELECT id, recommendation_id, noted_on, note, status, created_by, created_at FROM monitoring_follow_ups
      WHERE recommendation_id = ANY($1::bigint[]) ORDER BY noted_on, id`,
    [recommendationIds.map(String)],
  )) {
    pushTo(m, f.recommendation_id, f);
  }
  return m;
}

const toFollowUp = (f: FollowUpRow): FollowUp => ({
  id: String(f.id),
  date: f.noted_on,
  note: f.note,
  status: f.status,
  createdBy: f.created_by,
  createdAt: iso(f.created_at),
});

export function toRecommendation(r: RecommendationRow, followUps: readonly FollowUpRow[]): Recommendation {
  const closing = r.status === 'closed' ? [...followUps].reverse().find((f) => f.status === 'closed') : undefined;
  return {
    id: String(r.id),
    text: r.text,
    responsible: r.responsible,
    dueDate: r.due_date,
    status: r.status,
    closedOn: closing?.noted_on ?? null,
    followUps: followUps.map(toFollowUp),
    version: r.version,
    createdBy: r.created_by,
  };
}

export interface PhotoRow {
  id: bigint;
  visit_project_id: bigint;
  file_name: string;
  media_type: 'image/jpeg' | 'image/png';
  byte_size: number;
  sha256: string;
  width: number;
  height: number;
  thumbnail_width: number;
  thumbnail_height: number;
  latitude: number | null;
  longitude: number | null;
  taken_at: string | null;
  taken_offset: string | null;
  caption: string;
  created_by: string;
  created_at: Date;
}

const PHOTO_COLUMNS = `id, visit_project_id, file_name, media_type, byte_size, sha256, width, height, thumbnail_width, thumbnail_height,
  latitude, longitude, taken_at, taken_offset, caption, created_by, created_at`;

export async function photoRows(q: Queryable, visitProjectIds: readonly bigint[]): Promise<PhotoRow[]> {
  if (!visitProjectIds.length) return [];
  return q.query<PhotoRow>(
    `SELECT ${PHOTO_COLUMNS} FROM monitoring_photos WHERE visit_project_id = ANY($1::bigint[]) AND deleted_at IS NULL ORDER BY id`,
    [visitProjectIds.map(String)],
  );
}

export async function photoRow(q: Queryable, id: string): Promise<(PhotoRow & { visit_id: bigint; code: string }) | undefined> {
  const [r] = await q.query<PhotoRow & { visit_id: bigint; code: string }>(
    `SELECT ${PHOTO_COLUMNS.replace(/(\w+)/g, 'ph.$1')}, vp.visit_id, p.code
       FROM monitoring_photos ph JOIN monitoring_visit_projects vp ON vp.id = ph.visit_project_id JOIN projects p ON p.id = vp.project_id
      WHERE ph.id = $1::bigint AND ph.deleted_at IS NULL`,
    [id],
  );
  return r;
}

export function toPhoto(r: PhotoRow): Photo {
  return {
    id: String(r.id),
    fileName: r.file_name,
    mediaType: r.media_type,
    byteSize: r.byte_size,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    thumbnailWidth: r.thumbnail_width,
    thumbnailHeight: r.thumbnail_height,
    latitude: r.latitude,
    longitude: r.longitude,
    takenAt: r.taken_at,
    takenOffset: r.taken_offset,
    caption: r.caption,
    url: `/api/v1/monitoring/photos/${r.id}/image`,
    thumbnailUrl: `/api/v1/monitoring/photos/${r.id}/thumbnail`,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

/** The projects of a visit with their findings, recommendations (and follow-ups) and photos. */
export async function visitedProjects(q: Queryable, visitId: bigint, code?: string): Promise<VisitedProject[]> {
  const vps = await visitProjectRows(q, visitId, code);
  const ids = vps.map((v) => v.id);
  const recs = await recommendationRows(q, ids);
  const fus = await followUpRows(
    q,
    recs.map((r) => r.id),
  );
  const photos = await photoRows(q, ids);
  return vps.map((vp) => ({
    project: vp.code,
    nameTh: vp.name_th,
    owner: vp.project_owner,
    visitedOn: vp.visited_on,
    visitedWeekday: vp.visited_on === null ? null : weekdayOf(vp.visited_on),
    findings: vp.findings,
    version: vp.version,
    recommendations: recs.filter((r) => r.visit_project_id === vp.id).map((r) => toRecommendation(r, fus.get(r.id) ?? [])),
    photos: photos.filter((p) => p.visit_project_id === vp.id).map(toPhoto),
  }));
}

/** A recommendation with its visit and project, for a change. */
export interface RecommendationContext extends RecommendationRow {
  visit_id: bigint;
  code: string;
  visited_on: string;
}

export async function recommendationContext(q: Queryable, id: string, forUpdate = false): Promise<RecommendationContext | undefined> {
  const [r] = await q.query<RecommendationContext>(
    `SELECT r.id, r.visit_project_id, r.text, r.responsible, r.due_date, r.status, r.version, r.created_by, vp.visit_id, p.code, vp.visited_on
       FROM monitoring_recommendations r
       JOIN monitoring_visit_projects vp ON vp.id = r.visit_project_id
       JOIN monitoring_visits v ON v.id = vp.visit_id AND v.deleted_at IS NULL
       JOIN projects p ON p.id = vp.project_id
      WHERE r.id = $1::bigint ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [id],
  );
  return r;
}
