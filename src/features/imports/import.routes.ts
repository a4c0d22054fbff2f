import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { IMPORT_KINDS, importFile } from './import.service.ts';

const ImportResult = z.object({
  kind: z.string(),
  rows: z.number().int(),
  added: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
});

export async function importRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV or XLSX file (multipart field "file"), whole or not at all. dryRun=true checks it and changes nothing.',
        params: z.object({ kind: z.enum(IMPORT_KINDS) }),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('validation', 'Send the file as multipart/form-data in the field "file"', { field: 'file' });
      const file = await req.file();
      if (!file) throw new AppError('validation', 'No file was sent: use the multipart field "file"', { field: 'file' });
      const data = await file.toBuffer();
      return importFile(ctxOf(deps, req), req.params.kind, file.filename, data, { dryRun: req.query.dryRun === 'true' });
    },
  );
}
