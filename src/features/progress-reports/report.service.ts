/**
 * Monthly progress reports: saved or submitted by the agency reporter assigned to the project or
 * an officer who may write it; reviewed (accepted, or returned with a reason) by an officer who
 * may write the project and did not submit it. Every save and review is audited.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatPercent } from '../../core/percent.ts';
import { fiscalYearStart, todayIso } from '../../core/dates.ts';
import { audit } from '../audit/audit.service.ts';
import {
  assertCanReadOwner,
  assertCanReadProject,
  describeActor,
  mayReviewReports,
  projectReadFilter,
  projectReviewFilter,
} from '../users/access.ts';
import { lockProjectFor, requireProjectRow, targetOf } from '../projects/project.service.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { progressProjects } from '../progress/progress.queries.ts';
import { warningSettings } from '../progress/targets.service.ts';
import { dueMonths, overdueMonths, statusAfterReview, statusAfterSave, type ReportStatus } from './report.rules.ts';
import { queueRows, reportRows, reportsOf, toReport } from './report.queries.ts';
import { filesOfReports } from './report-files.queries.ts';
import type {
  MonthlyReport,
  OverdueQuery,
  OverdueReports,
  ProgressReportInput,
  ReviewInput,
  ReviewQueue,
  ReviewQueueQuery,
} from './report.schema.ts';

const keyOf = (code: string, month: string) => `${code}/${month}`;

/** Saves (as a draft) or submits the report of a month; a returned report may be resubmitted, an accepted one never changes. */
export async function saveProgressReport(ctx: Ctx, code: string, month: string, input: ProgressReportInput): Promise<MonthlyReport> {
  return ctx.db.transaction((tx) => saveProgressReportIn(tx, ctx.actor, code, month, input));
}

/** saveProgressReport inside the caller's transaction (the import of progress reports). */
export async function saveProgressReportIn(
  tx: Queryable,
  actor: Actor,
  code: string,
  month: string,
  input: ProgressReportInput,
): Promise<MonthlyReport> {
  const p = await lockProjectFor(tx, actor, code, 'report progress of');
  if (p.status === 'cancelled') throw new AppError('project_cancelled', `Project ${code} is cancelled: no progress report can be saved`);
  const first = fiscalYearStart(p.fiscal_year).slice(0, 7);
  if (month < first) throw new AppError('validation', `Month ${month} is before fiscal year ${p.fiscal_year} (from ${first})`, { field: 'month' });
  if (month > todayIso().slice(0, 7)) throw new AppError('validation', `Month ${month} has not begun: it cannot be reported yet`, { field: 'month' });
  const [row] = await reportRows(tx, p.id, month, true);
  const next = statusAfterSave(row?.status ?? null, input.submit);
  if (!next.ok)
    throw new AppError('invalid_transition', `The progress report of project ${code} for ${month} ${next.message}`, { status: row?.status });
  if (row && input.version !== undefined && input.version !== row.version) {
    throw new AppError(
      'conflict',
      `The progress report of project ${code} for ${month} changed meanwhile (version ${row.version}, not ${input.version}): reload it`,
      {
        field: 'version',
      },
    );
  }
  const by = actor.username;
  const values = [Number(input.percent), input.done, input.obstacles, input.solutions, input.helpRequested, next.status];
  const submitting = next.status === 'submitted';
  if (!row) {
    await tx.query(
      `INSERT INTO progress_reports (project_id, month, percent_hundredths, done, obstacles, solutions, help_requested, status, created_by, updated_by,
                                       submitted_at, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, ${submitting ? 'now()' : 'NULL'}, ${submitting ? '$9' : 'NULL'})`,
      [p.id, month, ...values, by],
    );
  } else {
    await tx.query(
      `UPDATE progress_reports SET percent_hundredths = $2, done = $3, obstacles = $4, solutions = $5, help_requested = $6, status = $7,
                version = version + 1, updated_at = now(), updated_by = $8
                ${submitting ? ', submitted_at = now(), submitted_by = $8' : ''}
          WHERE id = $1`,
      [row.id, ...values, by],
    );
  }
  const [after] = await reportRows(tx, p.id, month);
  const files = (await filesOfReports(tx, [after!.id])).get(after!.id);
  const out = toReport(code, after!, files);
  await audit(tx, actor, {
    action: submitting ? (row?.status === 'returned' ? 'resubmit' : 'submit') : row ? 'update' : 'create',
    entityType: 'progress_report',
    entityKey: keyOf(code, month),
    before: row ? toReport(code, row, files) : null,
    after: out,
  });
  return out;
}

/** Accepts a submitted report, or returns it with a reason; by an officer who may write the project, not its submitter. */
export async function reviewProgressReport(ctx: Ctx, code: string, month: string, input: ReviewInput): Promise<MonthlyReport> {
  return ctx.db.transaction((tx) => reviewProgressReportIn(tx, ctx.actor, code, month, input));
}

/** reviewProgressReport inside the caller's transaction (the demo data). */
export async function reviewProgressReportIn(tx: Queryable, actor: Actor, code: string, month: string, input: ReviewInput): Promise<MonthlyReport> {
  const p = await lockProjectFor(tx, actor, code, 'review progress reports of');
  const [row] = await reportRows(tx, p.id, month, true);
  if (!row) throw new AppError('not_found', `The progress report of project ${code} for ${month} not found`);
  const by = actor.username;
  if (row.submitted_by === by) {
    throw new AppError('forbidden', `${describeActor(actor)} may not review the progress report of project ${code} for ${month}: they submitted it`);
  }
  const next = statusAfterReview(row.status, input.decision);
  if (!next.ok)
    throw new AppError('invalid_transition', `The progress report of project ${code} for ${month} ${next.message}`, { status: row.status });
  await tx.query(
    `UPDATE progress_reports SET status = $2, version = version + 1, reviewed_at = now(), reviewed_by = $3,
              return_reason = CASE WHEN $2 = 'returned' THEN $4 ELSE return_reason END
        WHERE id = $1`,
    [row.id, next.status, by, input.reason ?? null],
  );
  const [after] = await reportRows(tx, p.id, month);
  const files = (await filesOfReports(tx, [row.id])).get(row.id);
  const out = toReport(code, after!, files);
  await audit(tx, actor, {
    action: input.decision,
    entityType: 'progress_report',
    entityKey: keyOf(code, month),
    before: toReport(code, row, files),
    after: out,
    reason: input.reason ?? null,
  });
  return out;
}

/** A project's monthly progress reports, oldest month first. */
export async function listProgressReports(q: Queryable, actor: Actor, code: string): Promise<MonthlyReport[]> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  const rows = await reportRows(q, p.id);
  const files = await filesOfReports(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toReport(code, r, files.get(r.id)));
}

/** The months ended by asOf without a submitted or accepted report, of an owner's approved or in-progress projects. */
export async function overdueReports(q: Queryable, actor: Actor, query: OverdueQuery): Promise<OverdueReports> {
  const owner = await resolveOwner(q, query.owner, query.fiscalYear);
  await assertCanReadOwner(q, actor, owner.kind, owner.code, query.fiscalYear);
  const settings = await warningSettings(q);
  const rows = await progressProjects(q, query.fiscalYear, query.asOf, owner);
  const reports = await reportsOf(
    q,
    rows.map((r) => r.id),
  );
  const items: OverdueReports['items'] = [];
  for (const r of rows) {
    const byMonth = new Map<string, ReportStatus>((reports.get(r.id) ?? []).map((x) => [x.month, x.status]));
    for (const month of overdueMonths(dueMonths(r.status, r.approved_on, query.asOf, settings.reportsDueFrom), byMonth)) {
      const s = byMonth.get(month);
      items.push({ project: r.code, nameTh: r.name_th, status: r.status, month, reportStatus: s === 'draft' || s === 'returned' ? s : null });
    }
  }
  return { owner: owner.code, fiscalYear: query.fiscalYear, asOf: query.asOf, reportsDueFrom: settings.reportsDueFrom, count: items.length, items };
}

/**
 * The review queue: reports of a status (default submitted), by month then project. An officer
 * (or an administrator) sees the reports of the projects it may review; any other role those of
 * the projects it may read. Optionally of one owner's own projects of a fiscal year, or of a fiscal year.
 */
export async function reviewQueue(q: Queryable, actor: Actor, query: ReviewQueueQuery): Promise<ReviewQueue> {
  const filters: { sql: (param: string) => string; value: string | number }[] = [];
  if (query.owner !== undefined && query.fiscalYear !== undefined) {
    const owner = await resolveOwner(q, query.owner, query.fiscalYear);
    // An agency reporter reads no owner's figures, but its own projects' reports of that owner.
    if (actor.role !== 'agency_reporter') await assertCanReadOwner(q, actor, owner.kind, owner.code, query.fiscalYear);
    if (owner.kind === 'cluster') filters.push({ sql: (n) => `p.cluster_id = ${n}::int`, value: owner.clusterId });
    else filters.push({ sql: (n) => `p.province_code = ${n}`, value: owner.code });
  }
  if (query.fiscalYear !== undefined) filters.push({ sql: (n) => `p.fiscal_year = ${n}::int`, value: query.fiscalYear });
  const reviewer = mayReviewReports(actor);
  const scope = reviewer ? projectReviewFilter(actor) : projectReadFilter(actor);
  if (scope) filters.push(scope);
  const rows = await queueRows(q, query.status, filters);
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  const items = rows.map((r) => ({
    project: r.code,
    nameTh: r.name_th,
    owner: r.owner_code,
    fiscalYear: r.fiscal_year,
    month: r.month,
    percent: formatPercent(BigInt(r.percent_hundredths)),
    status: r.status,
    version: r.version,
    submittedAt: iso(r.submitted_at),
    submittedBy: r.submitted_by,
    reviewedAt: iso(r.reviewed_at),
    reviewedBy: r.reviewed_by,
    returnReason: r.return_reason,
    fileCount: r.file_count,
    mayReview: reviewer && r.status === 'submitted' && r.submitted_by !== actor.username,
  }));
  return { status: query.status, count: items.length, items };
}
