import { AppError } from '../../core/errors.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { FileParams, MonthlyReport, MonthParams, ReportFile } from './report.schema.ts';
import { addReportFile, readReportFile, removeReportFile } from './report-files.service.ts';
import { contentDisposition, MAX_FILE_BYTES, storedFileName, tooLargeMessage } from './report-files.rules.ts';

export async function progressReportFileRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.post(
    '/projects/:code/progress-reports/:month/files',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          'Attach a photo (JPEG, PNG, WebP) or a PDF to the progress report of a month (multipart field "file", one file, at most 10 MB, at most 20 a report). The report must exist and be a draft or returned; by whoever may save it.',
        params: MonthParams,
        consumes: ['multipart/form-data'],
        response: { 201: ReportFile },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('validation', 'Send the file as multipart/form-data in the field "file"', { field: 'file' });
      const file = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (!file) throw new AppError('validation', 'No file was sent: use the multipart field "file"', { field: 'file' });
      const tooLarge = () =>
        new AppError('payload_too_large', tooLargeMessage(storedFileName(file.filename)), { field: 'file', limit: MAX_FILE_BYTES });
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw e;
      }
      // The stream stops at the limit, and may end without an error: a truncated file is never kept.
      if (file.file.truncated) throw tooLarge();
      const out = await addReportFile(ctxOf(deps, req), req.params.code, req.params.month, { name: file.filename, data });
      return reply.code(201).send(out);
    },
  );
  api.get(
    '/projects/:code/progress-reports/:month/files/:id',
    {
      schema: {
        tags: ['progress reports'],
        summary: 'The content of a file of a progress report: images inline, PDF documents as a download. For whoever may read the project.',
        params: FileParams,
        produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      },
    },
    async (req, reply) => {
      const f = await readReportFile(deps.db, actorOf(req), req.params.code, req.params.month, req.params.id);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.name, f.inline))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${f.sha256}"`)
        .send(f.data);
    },
  );
  api.post(
    '/projects/:code/progress-reports/:month/files/:id/delete',
    {
      schema: {
        tags: ['progress reports'],
        summary:
          'Remove a file from the progress report of a month while it is a draft or returned (its content is kept out of sight; the removal is audited). By whoever may save the report.',
        params: FileParams,
        response: { 200: MonthlyReport },
      },
    },
    async (req) => removeReportFile(ctxOf(deps, req), req.params.code, req.params.month, req.params.id),
  );
}
