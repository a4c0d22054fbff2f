/**
 * Photos and documents attached to a monthly progress report. They change with the report: only
 * while it is a draft or returned (so never under review, never once accepted), by whoever may save
 * it; anyone who may read the project reads them. A removal keeps the content (removed_at) and,
 * like every upload, is audited (entity progress_report, key CODE/YYYY-MM).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanReadProject } from '../users/access.ts';
import { lockProjectFor, requireProjectRow, targetOf } from '../projects/project.service.ts';
import { reportRows, toReport, type ReportRow } from './report.queries.ts';
import { fileRow, filesOfReports, insertFile, markFileRemoved, toReportFile } from './report-files.queries.ts';
import {
  emptyFileMessage,
  INLINE_MEDIA_TYPES,
  MAX_FILE_BYTES,
  MAX_FILES_PER_REPORT,
  refusedTypeMessage,
  sniffMediaType,
  storedFileName,
  tooLargeMessage,
  type FileMediaType,
} from './report-files.rules.ts';
import type { MonthlyReport, ReportFile } from './report.schema.ts';

const keyOf = (code: string, month: string) => `${code}/${month}`;

/** The report of a month, locked, whose files the actor may change now; refuses otherwise. */
async function changeableReport(tx: Queryable, actor: Actor, code: string, month: string): Promise<ReportRow> {
  const p = await lockProjectFor(tx, actor, code, 'report progress of');
  if (p.status === 'cancelled') throw new AppError('project_cancelled', `Project ${code} is cancelled: no progress report can change`);
  const [row] = await reportRows(tx, p.id, month, true);
  if (!row)
    throw new AppError('not_found', `The progress report of project ${code} for ${month} not found: save it as a draft first`, { field: 'month' });
  if (row.status === 'accepted')
    throw new AppError('invalid_transition', `The progress report of project ${code} for ${month} is accepted: its files can no longer change`, {
      status: row.status,
    });
  if (row.status === 'submitted')
    throw new AppError(
      'invalid_transition',
      `The progress report of project ${code} for ${month} is submitted and awaiting review: its files can change only once returned`,
      { status: row.status },
    );
  return row;
}

/** Attaches a photo (JPEG, PNG, WebP) or a PDF to the report of a month: at most 10 MB, at most 20 files a report. */
export async function addReportFile(
  ctx: Ctx,
  code: string,
  month: string,
  file: { name: string | null | undefined; data: Buffer },
): Promise<ReportFile> {
  return ctx.db.transaction(async (tx) => {
    const row = await changeableReport(tx, ctx.actor, code, month);
    const name = storedFileName(file.name);
    if (file.data.length === 0) throw new AppError('validation', emptyFileMessage(name), { field: 'file' });
    if (file.data.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', tooLargeMessage(name), { field: 'file', limit: MAX_FILE_BYTES });
    const mediaType = sniffMediaType(file.data);
    if (!mediaType) throw new AppError('validation', refusedTypeMessage(name), { field: 'file' });
    const held = (await filesOfReports(tx, [row.id])).get(row.id)?.length ?? 0;
    if (held >= MAX_FILES_PER_REPORT)
      throw new AppError(
        'validation',
        `The progress report of project ${code} for ${month} holds ${held} files already: at most ${MAX_FILES_PER_REPORT} a report (remove one first)`,
        { field: 'file' },
      );
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const out = toReportFile(await insertFile(tx, { reportId: row.id, name, mediaType, sha256, content: file.data, by: ctx.actor.username }));
    await audit(tx, ctx.actor, { action: 'add_file', entityType: 'progress_report', entityKey: keyOf(code, month), before: null, after: out });
    return out;
  });
}

/** Removes a file from the report of a month (its content is kept, out of sight); the report as it is then. */
export async function removeReportFile(ctx: Ctx, code: string, month: string, id: string): Promise<MonthlyReport> {
  return ctx.db.transaction(async (tx) => {
    const row = await changeableReport(tx, ctx.actor, code, month);
    const f = await fileRow(tx, row.id, id);
    if (!f) throw new AppError('not_found', `File ${id} of the progress report of project ${code} for ${month} not found`, { field: 'id' });
    await markFileRemoved(tx, f.id, ctx.actor.username);
    await audit(tx, ctx.actor, {
      action: 'remove_file',
      entityType: 'progress_report',
      entityKey: keyOf(code, month),
      before: toReportFile(f),
      after: null,
    });
    return toReport(code, row, (await filesOfReports(tx, [row.id])).get(row.id));
  });
}

export interface FileContent {
  name: string;
  mediaType: FileMediaType;
  /** Served inline (an image the browser shows) rather than as a download. */
  inline: boolean;
  sha256: string;
  data: Buffer;
}

/** The content of a file of a report, for whoever may read the project. */
export async function readReportFile(q: Queryable, actor: Actor, code: string, month: string, id: string): Promise<FileContent> {
  const p = await requireProjectRow(q, code);
  await assertCanReadProject(q, actor, targetOf(p));
  const [row] = await reportRows(q, p.id, month);
  const f = row ? await fileRow(q, row.id, id, true) : undefined;
  if (!f?.content) throw new AppError('not_found', `File ${id} of the progress report of project ${code} for ${month} not found`, { field: 'id' });
  return {
    name: f.name,
    mediaType: f.media_type,
    inline: INLINE_MEDIA_TYPES.includes(f.media_type),
    sha256: f.sha256,
    data: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
  };
}
