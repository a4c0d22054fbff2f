import type { Ctx } from '../../core/context.ts';
import { projectImport } from '../projects/project.import.ts';
import { disbursementImport } from '../budget/disbursement.import.ts';
import { runImport, type ImportOptions, type ImportResult } from './importer.ts';

export const IMPORT_KINDS = ['projects', 'disbursements'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Imports one file of the given kind: the one path for the CLI, the API and the web UI. */
export function importFile(ctx: Ctx, kind: ImportKind, fileName: string, data: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  switch (kind) {
    case 'projects':
      return runImport(ctx, projectImport, fileName, data, opts);
    case 'disbursements':
      return runImport(ctx, disbursementImport, fileName, data, opts);
  }
}
