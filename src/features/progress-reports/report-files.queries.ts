import type { Queryable } from '../../db/db.ts';
import type { FileMediaType } from './report-files.rules.ts';
import type { ReportFile } from './report.schema.ts';
import { pushTo } from '../../core/collections.ts';

export interface FileRow {
  id: bigint;
  report_id: bigint;
  name: string;
  media_type: FileMediaType;
  size: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
}

const COLUMNS = 'id, report_id, name, media_type, size, sha256, uploaded_at, uploaded_by';

/** The files (not removed) of reports, oldest first, by report id. */
export async function filesOfReports(q: Queryable, reportIds: bigint[]): Promise<Map<bigint, FileRow[]>> {
  const m = new Map<bigint, FileRow[]>();
  if (!reportIds.length) return m;
  for (const r of await q.query<FileRow>(
    `SELECT ${COLUMNS} FROM progress_report_files WHERE report_id = ANY($1::bigint[]) AND removed_at IS NULL ORDER BY id`,
    [reportIds.map(String)],
  )) {
    pushTo(m, r.report_id, r);
  }
  return m;
}

/** One file (not removed) of a report, with or without its content. */
export async function fileRow(
  q: Queryable,
  reportId: bigint,
  id: string,
  withContent = false,
): Promise<(FileRow & { content?: Uint8Array }) | undefined> {
  const [r] = await q.query<FileRow & { content?: Uint8Array }>(
    `SELECT ${COLUMNS}${withContent ? ', content' : ''} FROM progress_report_files WHERE report_id = $1 AND id = $2::bigint AND removed_at IS NULL`,
    [reportId, id],
  );
  return r;
}

export async function insertFile(
  q: Queryable,
  f: { reportId: bigint; name: string; mediaType: FileMediaType; sha256: string; content: Buffer; by: string },
): Promise<FileRow> {
  const [r] = await q.query<FileRow>(
    `INSERT INTO progress_report_files (report_id, name, media_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7) RETURNING ${COLUMNS}`,
    [f.reportId, f.name, f.mediaType, f.content.length, f.sha256, f.content.toString('base64'), f.by],
  );
  return r!;
}

export async function markFileRemoved(q: Queryable, id: bigint, by: string): Promise<void> {
  await q.query('UPDATE progress_report_files SET removed_at = now(), removed_by = $2 WHERE id = $1', [id, by]);
}

export const toReportFile = (r: FileRow): ReportFile => ({
  id: String(r.id),
  name: r.name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
  uploadedBy: r.uploaded_by,
});
