/**
 * Monitoring and evaluation visits. A cluster or province officer plans a visit (the committee,
 * dates, provinces, projects) within its scope; the officer or a committee member of the cluster
 * records what each visit found: the day, findings, recommendations (a responsible person or
 * agency, a due date) followed up until closed, photos. Every change is one audited transaction.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearOf, todayIso } from '../../core/dates.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadOwnerRecords, assertCanWriteOwner, ownerWithinCluster, type OwnerAction } from '../users/access.ts';
import { resolveOwner, type Owner } from '../reference/reference.queries.ts';
import { followUpTransition, isOverdue, daysBetween, statusAsOf, type RecommendationStatus } from './monitoring.rules.ts';
import {
  followUpRows,
  ownerMatch,
  ownerValues,
  photoRow,
  provinceNames,
  recommendationContext,
  toPhoto,
  toRecommendation,
  toVisitSummary,
  visitedProjects,
  visitProjectRows,
  visitRow,
  visitRows,
  type VisitRow,
} from './monitoring.queries.ts';
import type {
  FollowUpInput,
  OverdueQuery,
  OverdueRecommendations,
  Photo,
  Recommendation,
  RecommendationInput,
  RecommendationUpdate,
  Visit,
  VisitedProject,
  VisitInput,
  VisitListQuery,
  VisitResultInput,
  VisitSummary,
  VisitUpdate,
} from './monitoring.schema.ts';
import { processPhoto } from './photo.ts';

const ownerOfRow = (r: VisitRow) => ({ kind: r.owner_kind, code: r.owner_code });

async function requireVisit(q: Queryable, id: string, forUpdate = false): Promise<VisitRow> {
  const r = await visitRow(q, id, forUpdate);
  if (!r) throw new AppError('not_found', `Monitoring visit ${id} not found`);
  return r;
}

/** Locks a visit for a change the actor must be allowed to make on its owner. */
async function lockVisitFor(q: Queryable, actor: Actor, id: string, action: OwnerAction): Promise<VisitRow> {
  const r = await requireVisit(q, id, true);
  await assertCanWriteOwner(q, actor, ownerOfRow(r), r.fiscal_year, action);
  return r;
}

/** The provinces of a visit must be the owner's: its own province, or the cluster's in the fiscal year. */
export async function checkProvinces(
  q: Queryable,
  owner: { kind: 'cluster' | 'province'; code: string },
  fiscalYear: number,
  codes: readonly string[],
) {
  const names = await provinceNames(q, codes);
  for (const [i, code] of codes.entries()) {
    if (!names.has(code)) throw new AppError('validation', `provinces.${i}: unknown province code ${code}`, { field: `provinces.${i}` });
    const within = owner.kind === 'province' ? code === owner.code : await ownerWithinCluster(q, owner.code, 'province', code, fiscalYear);
    if (!within)
      throw new AppError(
        'validation',
        `provinces.${i}: province ${code} (${names.get(code)}) is not within ${owner.code} in fiscal year ${fiscalYear}`,
        {
          field: `provinces.${i}`,
        },
      );
  }
}

/** The ids of the projects to visit; each must exist and be the owner's (or, for a cluster, one of its provinces'). */
async function projectIds(q: Queryable, owner: { kind: 'cluster' | 'province'; code: string }, codes: readonly string[]): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const [i, code] of codes.entries()) {
    const [p] = await q.query<{ id: bigint; fiscal_year: number; owner_kind: 'cluster' | 'province'; owner_code: string }>(
      `SELECT p.id, p.fiscal_year, p.owner_kind, coalesce(c.slug, p.province_code) AS owner_code
         FROM projects p LEFT JOIN clusters c ON c.id = p.cluster_id WHERE p.code = $1 AND p.deleted_at IS NULL`,
      [code],
    );
    if (!p) throw new AppError('validation', `projects.${i}: project ${code} not found`, { field: `projects.${i}` });
    const within =
      owner.kind === 'province'
        ? p.owner_kind === 'province' && p.owner_code === owner.code
        : await ownerWithinCluster(q, owner.code, p.owner_kind, p.owner_code, p.fiscal_year);
    if (!within)
      throw new AppError('validation', `projects.${i}: project ${code} (owner ${p.owner_code}) is not a project of ${owner.code}`, {
        field: `projects.${i}`,
      });
    ids.push(p.id);
  }
  return ids;
}

async function visitOut(q: Queryable, r: VisitRow): Promise<Visit> {
  return { ...toVisitSummary(r, await provinceNames(q, r.province_codes)), projects: await visitedProjects(q, r.id) };
}

/** What the audit trail keeps of a visit plan. */
const planSnapshot = (v: Visit) => ({
  owner: v.owner.code,
  fiscalYear: v.fiscalYear,
  committee: v.committee,
  title: v.title,
  startDate: v.startDate,
  endDate: v.endDate,
  provinces: v.provinces.map((p) => p.code),
  projects: v.projects.map((p) => p.project),
  version: v.version,
});

export async function createVisit(ctx: Ctx, input: VisitInput): Promise<Visit> {
  return ctx.db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, input.owner, input.fiscalYear);
    await assertCanWriteOwner(tx, ctx.actor, owner, input.fiscalYear, 'plan monitoring visits of');
    await checkProvinces(tx, owner, input.fiscalYear, input.provinces);
    const ids = await projectIds(tx, owner, input.projects);
    const by = ctx.actor.username;
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO monitoring_visits (owner_kind, cluster_id, province_code, fiscal_year, committee, title, start_date, end_date, province_codes,
                                      created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $10) RETURNING id`,
      [...ownerValues(owner), input.fiscalYear, input.committee, input.title, input.startDate, input.endDate, input.provinces, by],
    );
    for (const [i, pid] of ids.entries()) {
      await tx.query('INSERT INTO monitoring_visit_projects (visit_id, project_id, position, updated_by) VALUES ($1, $2, $3, $4)', [
        row!.id,
        pid,
        i + 1,
        by,
      ]);
    }
    const out = await visitOut(tx, await requireVisit(tx, String(row!.id)));
    await audit(tx, ctx.actor, { action: 'create', entityType: 'monitoring_visit', entityKey: out.id, after: planSnapshot(out) });
    return out;
  });
}

export async function updateVisit(ctx: Ctx, id: string, input: VisitUpdate): Promise<Visit> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockVisitFor(tx, ctx.actor, id, 'plan monitoring visits of');
    if (r.version !== input.version)
      throw new AppError('conflict', `Monitoring visit ${id} changed meanwhile (version ${r.version}, not ${input.version}): reload it`, {
        field: 'version',
      });
    const before = await visitOut(tx, r);
    const owner = ownerOfRow(r);
    const startDate = input.startDate ?? r.start_date;
    const endDate = input.endDate ?? r.end_date;
    if (endDate < startDate) throw new AppError('validation', `endDate: ${endDate} is before the start date ${startDate}`, { field: 'endDate' });
    for (const p of before.projects) {
      if (p.visitedOn !== null && (p.visitedOn < startDate || p.visitedOn > endDate))
        throw new AppError('validation', `Project ${p.project} was visited on ${p.visitedOn}, outside ${startDate} – ${endDate}`, {
          field: 'startDate',
        });
    }
    const provinces = input.provinces ?? r.province_codes;
    if (input.provinces) await checkProvinces(tx, owner, r.fiscal_year, input.provinces);
    const by = ctx.actor.username;
    if (input.projects) {
      const ids = await projectIds(tx, owner, input.projects);
      const current = await visitProjectRows(tx, r.id);
      for (const vp of current) {
        if (ids.includes(vp.project_id)) continue;
        const result = before.projects.find((p) => p.project === vp.code)!;
        if (result.visitedOn !== null || result.recommendations.length || result.photos.length)
          throw new AppError('conflict', `Project ${vp.code} has results recorded on visit ${id}: it cannot leave the plan`, { field: 'projects' });
        await tx.query('DELETE FROM monitoring_visit_projects WHERE id = $1', [vp.id]);
      }
      for (const [i, pid] of ids.entries()) {
        await tx.query(
          `INSERT INTO monitoring_visit_projects (visit_id, project_id, position, updated_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (visit_id, project_id) DO UPDATE SET position = EXCLUDED.position`,
          [r.id, pid, i + 1, by],
        );
      }
    }
    await tx.query(
      `UPDATE monitoring_visits SET committee = $2, title = $3, start_date = $4, end_date = $5, province_codes = $6::text[],
              version = version + 1, updated_at = now(), updated_by = $7 WHERE id = $1`,
      [r.id, input.committee ?? r.committee, input.title ?? r.title, startDate, endDate, provinces, by],
    );
    const out = await visitOut(tx, await requireVisit(tx, id));
    await audit(tx, ctx.actor, {
      action: 'update',
      entityType: 'monitoring_visit',
      entityKey: id,
      before: planSnapshot(before),
      after: planSnapshot(out),
    });
    return out;
  });
}

/** Deletes a visit plan (soft: the audit trail and a backup keep it), with a reason. */
export async function deleteVisit(ctx: Ctx, id: string, reason: string): Promise<VisitSummary> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockVisitFor(tx, ctx.actor, id, 'plan monitoring visits of');
    const before = await visitOut(tx, r);
    await tx.query('UPDATE monitoring_visits SET deleted_at = now(), version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [
      r.id,
      ctx.actor.username,
    ]);
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'monitoring_visit', entityKey: id, before: planSnapshot(before), reason });
    const { projects: _projects, ...summary } = before;
    return { ...summary, version: before.version + 1 };
  });
}

export async function getVisit(q: Queryable, actor: Actor, id: string): Promise<Visit> {
  const r = await requireVisit(q, id);
  await assertCanReadOwnerRecords(q, actor, ownerOfRow(r), r.fiscal_year, 'monitoring visits');
  return visitOut(q, r);
}

/** An owner's visits (exactly that owner's), overlapping from–to when given, of a fiscal year when given. */
export async function listVisits(q: Queryable, actor: Actor, query: VisitListQuery): Promise<VisitSummary[]> {
  const fy = query.fiscalYear ?? fiscalYearOf(query.from ?? query.to ?? todayIso());
  const owner = await resolveOwner(q, query.owner, fy);
  await assertCanReadOwnerRecords(q, actor, owner, fy, 'monitoring visits');
  const rows = await visitRows(q, owner.code, query);
  const names = await provinceNames(q, [...new Set(rows.flatMap((r) => r.province_codes))]);
  return rows.map((r) => toVisitSummary(r, names));
}

async function requireVisitProject(q: Queryable, r: VisitRow, code: string, forUpdate = false) {
  const [vp] = await visitProjectRows(q, r.id, code, forUpdate);
  if (!vp) throw new AppError('not_found', `Project ${code} is not in the plan of monitoring visit ${r.id}: add it to the plan first`);
  return vp;
}

async function visitedProjectOut(q: Queryable, r: VisitRow, code: string): Promise<VisitedProject> {
  return (await visitedProjects(q, r.id, code))[0]!;
}

/** Records (or corrects) the day a planned project was visited and what the visit found. */
export async function recordVisitResult(ctx: Ctx, id: string, code: string, input: VisitResultInput): Promise<VisitedProject> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockVisitFor(tx, ctx.actor, id, 'record monitoring results of');
    const vp = await requireVisitProject(tx, r, code, true);
    if (input.version !== undefined && input.version !== vp.version)
      throw new AppError(
        'conflict',
        `The results of project ${code} on visit ${id} changed meanwhile (version ${vp.version}, not ${input.version}): reload them`,
        {
          field: 'version',
        },
      );
    if (input.visitedOn < r.start_date || input.visitedOn > r.end_date)
      throw new AppError('validation', `visitedOn: ${input.visitedOn} is outside the visit's dates ${r.start_date} – ${r.end_date}`, {
        field: 'visitedOn',
      });
    if (input.visitedOn > todayIso()) throw new AppError('validation', `visitedOn: ${input.visitedOn} is in the future`, { field: 'visitedOn' });
    const before = await visitedProjectOut(tx, r, code);
    const [{ earliest } = { earliest: null }] = await tx.query<{ earliest: string | null }>(
      `SELECT least((SELECT min(due_date) FROM monitoring_recommendations WHERE visit_project_id = $1),
                    (SELECT min(f.noted_on) FROM monitoring_follow_ups f JOIN monitoring_recommendations m ON m.id = f.recommendation_id
                      WHERE m.visit_project_id = $1))::text AS earliest`,
      [vp.id],
    );
    if (earliest !== null && input.visitedOn > earliest)
      throw new AppError('validation', `visitedOn: ${input.visitedOn} is after ${earliest}, a due date or follow-up of its recommendations`, {
        field: 'visitedOn',
      });
    await tx.query(
      'UPDATE monitoring_visit_projects SET visited_on = $2, findings = $3::text[], version = version + 1, updated_at = now(), updated_by = $4 WHERE id = $1',
      [vp.id, input.visitedOn, input.findings, ctx.actor.username],
    );
    const out = await visitedProjectOut(tx, r, code);
    await audit(tx, ctx.actor, {
      action: before.visitedOn === null ? 'record' : 'update',
      entityType: 'monitoring_result',
      entityKey: `${id}/${code}`,
      before: before.visitedOn === null ? null : { visitedOn: before.visitedOn, findings: before.findings },
      after: { visitedOn: out.visitedOn, findings: out.findings },
    });
    return out;
  });
}

async function recommendationOut(q: Queryable, id: bigint): Promise<Recommendation> {
  const r = await recommendationContext(q, String(id));
  return toRecommendation(r!, (await followUpRows(q, [id])).get(id) ?? []);
}

const recSnapshot = (r: Recommendation) => ({ text: r.text, responsible: r.responsible, dueDate: r.dueDate, status: r.status, version: r.version });

export async function addRecommendation(ctx: Ctx, id: string, code: string, input: RecommendationInput): Promise<Recommendation> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockVisitFor(tx, ctx.actor, id, 'record monitoring results of');
    const vp = await requireVisitProject(tx, r, code, true);
    if (vp.visited_on === null)
      throw new AppError('conflict', `Project ${code} has not been recorded as visited on visit ${id}: record the visit (its day) first`);
    if (input.dueDate < vp.visited_on)
      throw new AppError('validation', `dueDate: ${input.dueDate} is before the visit of ${vp.visited_on}`, { field: 'dueDate' });
    const by = ctx.actor.username;
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO monitoring_recommendations (visit_project_id, text, responsible, due_date, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [vp.id, input.text, input.responsible, input.dueDate, by],
    );
    const out = await recommendationOut(tx, row!.id);
    await audit(tx, ctx.actor, {
      action: 'create',
      entityType: 'recommendation',
      entityKey: out.id,
      after: { visit: id, project: code, ...recSnapshot(out) },
    });
    return out;
  });
}

/** Locks a recommendation and its visit for a change by the actor. */
async function lockRecommendationFor(q: Queryable, actor: Actor, id: string) {
  const rec = await recommendationContext(q, id);
  if (!rec) throw new AppError('not_found', `Recommendation ${id} not found`);
  await lockVisitFor(q, actor, String(rec.visit_id), 'record monitoring results of');
  return (await recommendationContext(q, id, true))!;
}

export async function updateRecommendation(ctx: Ctx, id: string, input: RecommendationUpdate): Promise<Recommendation> {
  return ctx.db.transaction(async (tx) => {
    const rec = await lockRecommendationFor(tx, ctx.actor, id);
    if (rec.version !== input.version)
      throw new AppError('conflict', `Recommendation ${id} changed meanwhile (version ${rec.version}, not ${input.version}): reload it`, {
        field: 'version',
      });
    if (rec.status === 'closed')
      throw new AppError('invalid_transition', `Recommendation ${id} is closed: it can no longer change`, { status: rec.status });
    const dueDate = input.dueDate ?? rec.due_date;
    if (dueDate < rec.visited_on)
      throw new AppError('validation', `dueDate: ${dueDate} is before the visit of ${rec.visited_on}`, { field: 'dueDate' });
    const before = await recommendationOut(tx, rec.id);
    await tx.query(
      `UPDATE monitoring_recommendations SET text = $2, responsible = $3, due_date = $4, version = version + 1, updated_at = now(), updated_by = $5
        WHERE id = $1`,
      [rec.id, input.text ?? rec.text, input.responsible ?? rec.responsible, dueDate, ctx.actor.username],
    );
    const out = await recommendationOut(tx, rec.id);
    await audit(tx, ctx.actor, {
      action: 'update',
      entityType: 'recommendation',
      entityKey: id,
      before: recSnapshot(before),
      after: recSnapshot(out),
    });
    return out;
  });
}

/** A dated follow-up note, moving the status forward (or keeping it) until closed. */
export async function addFollowUp(ctx: Ctx, id: string, input: FollowUpInput): Promise<Recommendation> {
  return ctx.db.transaction(async (tx) => {
    const rec = await lockRecommendationFor(tx, ctx.actor, id);
    const status: RecommendationStatus = input.status ?? rec.status;
    const t = followUpTransition(rec.status, status);
    if (!t.ok) throw new AppError('invalid_transition', `Recommendation ${id} ${t.message}`, { status: rec.status });
    const previous = (await followUpRows(tx, [rec.id])).get(rec.id) ?? [];
    const last = previous[previous.length - 1]?.noted_on;
    if (input.date < rec.visited_on)
      throw new AppError('validation', `date: ${input.date} is before the visit of ${rec.visited_on}`, { field: 'date' });
    if (last && input.date < last)
      throw new AppError('validation', `date: ${input.date} is before the previous follow-up of ${last}`, { field: 'date' });
    if (input.date > todayIso()) throw new AppError('validation', `date: ${input.date} is in the future`, { field: 'date' });
    const before = await recommendationOut(tx, rec.id);
    const by = ctx.actor.username;
    await tx.query('INSERT INTO monitoring_follow_ups (recommendation_id, noted_on, note, status, created_by) VALUES ($1, $2, $3, $4, $5)', [
      rec.id,
      input.date,
      input.note,
      status,
      by,
    ]);
    await tx.query('UPDATE monitoring_recommendations SET status = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1', [
      rec.id,
      status,
      by,
    ]);
    const out = await recommendationOut(tx, rec.id);
    await audit(tx, ctx.actor, {
      action: status === 'closed' ? 'close' : 'follow_up',
      entityType: 'recommendation',
      entityKey: id,
      before: recSnapshot(before),
      after: { ...recSnapshot(out), followUp: { date: input.date, note: input.note, status } },
    });
    return out;
  });
}

/** Recommendations of an owner's visits overdue as of a date (due before it, not closed as of it), the longest overdue first. */
export async function overdueRecommendations(q: Queryable, actor: Actor, query: OverdueQuery): Promise<OverdueRecommendations> {
  const owner = await resolveOwner(q, query.owner, fiscalYearOf(query.asOf));
  await assertCanReadOwnerRecords(q, actor, owner, fiscalYearOf(query.asOf), 'monitoring visits');
  const rows = await q.query<{
    id: bigint;
    visit_id: bigint;
    committee: string;
    code: string;
    name_th: string;
    visited_on: string;
    text: string;
    responsible: string;
    due_date: string;
  }>(
    `SELECT r.id, v.id AS visit_id, v.committee, p.code, p.name_th, vp.visited_on, r.text, r.responsible, r.due_date
       FROM monitoring_recommendations r
       JOIN monitoring_visit_projects vp ON vp.id = r.visit_project_id
       JOIN monitoring_visits v ON v.id = vp.visit_id AND v.deleted_at IS NULL
       JOIN projects p ON p.id = vp.project_id
       LEFT JOIN clusters c ON c.id = v.cluster_id
      WHERE ${ownerMatch('v', '$1')}
        AND r.due_date < $2::date AND vp.visited_on <= $2::date
      ORDER BY r.due_date, r.id`,
    [owner.code, query.asOf],
  );
  const fus = await followUpRows(
    q,
    rows.map((r) => r.id),
  );
  const items: OverdueRecommendations['items'] = [];
  for (const r of rows) {
    const followUps = (fus.get(r.id) ?? []).map((f) => ({ date: f.noted_on, status: f.status }));
    if (!isOverdue({ visitedOn: r.visited_on, dueDate: r.due_date, followUps }, query.asOf)) continue;
    items.push({
      id: String(r.id),
      visitId: String(r.visit_id),
      committee: r.committee,
      project: r.code,
      nameTh: r.name_th,
      visitedOn: r.visited_on,
      text: r.text,
      responsible: r.responsible,
      dueDate: r.due_date,
      daysOverdue: daysBetween(r.due_date, query.asOf),
      status: statusAsOf(followUps, query.asOf),
    });
  }
  return { owner: owner.code, asOf: query.asOf, count: items.length, items };
}

/** Adds a photo of a visited project: checked, its thumbnail made, its EXIF GPS position and time read. */
export async function addPhoto(ctx: Ctx, id: string, code: string, file: { fileName: string; data: Buffer; caption: string }): Promise<Photo> {
  // Who may add it is checked first; the image work then happens before the transaction opens, so that no lock waits on it.
  const visit = await requireVisit(ctx.db, id);
  await assertCanWriteOwner(ctx.db, ctx.actor, ownerOfRow(visit), visit.fiscal_year, 'record monitoring results of');
  const processed = await processPhoto(file.fileName, file.data);
  return ctx.db.transaction(async (tx) => {
    const r = await lockVisitFor(tx, ctx.actor, id, 'record monitoring results of');
    const vp = await requireVisitProject(tx, r, code, true);
    if (vp.visited_on === null)
      throw new AppError('conflict', `Project ${code} has not been recorded as visited on visit ${id}: record the visit (its day) first`);
    const [row] = await tx.query<{ id: bigint }>(
      `INSERT INTO monitoring_photos (visit_project_id, file_name, media_type, byte_size, sha256, width, height, data, thumbnail,
                                      thumbnail_width, thumbnail_height, latitude, longitude, taken_at, taken_offset, caption, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'base64'), decode($9, 'base64'), $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        vp.id,
        file.fileName,
        processed.mediaType,
        processed.byteSize,
        processed.sha256,
        processed.width,
        processed.height,
        file.data.toString('base64'),
        processed.thumbnail.toString('base64'),
        processed.thumbnailWidth,
        processed.thumbnailHeight,
        processed.exif.latitude,
        processed.exif.longitude,
        processed.exif.takenAt,
        processed.exif.takenOffset,
        file.caption,
        ctx.actor.username,
      ],
    );
    const out = toPhoto((await photoRow(tx, String(row!.id)))!);
    const { url: _u, thumbnailUrl: _t, ...meta } = out;
    await audit(tx, ctx.actor, { action: 'create', entityType: 'monitoring_photo', entityKey: out.id, after: { visit: id, project: code, ...meta } });
    return out;
  });
}

/** A photo's bytes (the file as uploaded, or its JPEG thumbnail), for a reader of its visit. */
export async function photoBytes(
  q: Queryable,
  actor: Actor,
  photoId: string,
  which: 'image' | 'thumbnail',
): Promise<{ mediaType: string; fileName: string; data: Buffer }> {
  const p = await photoRow(q, photoId);
  if (!p) throw new AppError('not_found', `Photo ${photoId} not found`);
  const r = await requireVisit(q, String(p.visit_id));
  await assertCanReadOwnerRecords(q, actor, ownerOfRow(r), r.fiscal_year, 'monitoring visits');
  const [b] = await q.query<{ b64: string }>(
    `SELECT encode(${which === 'image' ? 'data' : 'thumbnail'}, 'base64') AS b64 FROM monitoring_photos WHERE id = $1::bigint`,
    [photoId],
  );
  return {
    mediaType: which === 'image' ? p.media_type : 'image/jpeg',
    fileName: which === 'image' ? p.file_name : `thumbnail-${p.id}.jpg`,
    data: Buffer.from(b!.b64, 'base64'),
  };
}

export async function deletePhoto(ctx: Ctx, photoId: string, reason: string): Promise<Photo> {
  return ctx.db.transaction(async (tx) => {
    const p = await photoRow(tx, photoId);
    if (!p) throw new AppError('not_found', `Photo ${photoId} not found`);
    await lockVisitFor(tx, ctx.actor, String(p.visit_id), 'record monitoring results of');
    await tx.query('UPDATE monitoring_photos SET deleted_at = now(), deleted_by = $2 WHERE id = $1::bigint AND deleted_at IS NULL', [
      photoId,
      ctx.actor.username,
    ]);
    const out = toPhoto(p);
    const { url: _u, thumbnailUrl: _t, ...meta } = out;
    await audit(tx, ctx.actor, { action: 'delete', entityType: 'monitoring_photo', entityKey: photoId, before: meta, reason });
    return out;
  });
}

/** For the events report: an owner's visits overlapping a range with their provinces' names. */
export async function visitsInRange(q: Queryable, owner: Owner, from: string, to: string) {
  const rows = await visitRows(q, owner.code, { from, to });
  const names = await provinceNames(q, [...new Set(rows.flatMap((r) => r.province_codes))]);
  return rows.map((r) => toVisitSummary(r, names));
}
