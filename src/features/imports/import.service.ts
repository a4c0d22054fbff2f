import type { Ctx } from '../../core/context.ts';
import { projectImport } from '../projects/project.import.ts';
import { disbursementImport } from '../budget/disbursement.import.ts';
import { planImport } from '../plans/plan.import.ts';
import { progressReportImport } from '../progress-reports/report.import.ts';
import { resultImport } from '../indicators/indicators.import.ts';
import { runImport, type ImportOptions, type ImportResult } from './importer.ts';
import { AppError } from '../../core/errors.ts';
import type { TableSource } from './tabular.ts';
import type { Actor } from '../../core/context.ts';
import { describeActor } from '../users/access.ts';

/** Roles that can write nothing of a kind are refused before the file is read; rows are then checked one by one. */
const IMPORTERS: Record<ImportKind, readonly Actor['role'][]> = {
  projects: ['system', 'admin', 'cluster_officer', 'province_officer'],
  disbursements: ['system', 'admin', 'cluster_officer', 'province_officer', 'agency_reporter'],
  plans: ['system', 'admin', 'cluster_officer', 'province_officer'],
  progress: ['system', 'admin', 'cluster_officer', 'province_officer', 'agency_reporter'],
  results: ['system', 'admin', 'cluster_officer', 'province_officer'],
};

function assertMayImport(actor: Actor, kind: ImportKind): void {
  if (!IMPORTERS[kind].includes(actor.role)) throw new AppError('forbidden', `${describeActor(actor)} may not import ${kind}`);
}

export const IMPORT_KINDS = ['projects', 'disbursements', 'plans', 'progress', 'results'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Imports one file of the given kind: the one path for the CLI, the API and the web UI. */
export function importFile(ctx: Ctx, kind: ImportKind, fileName: string, data: TableSource, opts: ImportOptions = {}): Promise<ImportResult> {
  assertMayImport(ctx.actor, kind);
  switch (kind) {
    case 'projects':
      return runImport(ctx, projectImport, fileName, data, opts);
    case 'disbursements':
      return runImport(ctx, disbursementImport, fileName, data, opts);
    case 'plans':
      return runImport(ctx, planImport, fileName, data, opts);
    case 'progress':
      return runImport(ctx, progressReportImport, fileName, data, opts);
    case 'results':
      return runImport(ctx, resultImport, fileName, data, opts);
  }
}
