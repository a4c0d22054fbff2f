import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { Amount, FiscalYearText } from '../../core/schemas.ts';
import { OwnerCode } from '../reference/reference.schema.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { insertProject } from './project.service.ts';
import { PROJECT_STATUSES, STATUS_LABEL_TH, type ProjectStatus } from './project.status.ts';
import type { CreateProjectInput } from './project.schema.ts';

const statusByLabel = new Map<string, ProjectStatus>(
  PROJECT_STATUSES.flatMap(
    (s) =>
      [
        [s, s],
        [STATUS_LABEL_TH[s], s],
      ] as [string, ProjectStatus][],
  ),
);

const ImportStatus = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined) return 'proposed' as const;
    const status = statusByLabel.get(s.trim().toLowerCase()) ?? statusByLabel.get(s.trim());
    if (!status) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a status: use one of ${PROJECT_STATUSES.join(', ')}` });
      return z.NEVER;
    }
    return status;
  });

const ProjectRow = z
  .object({
    code: z.string({ error: 'code is required' }).trim().min(1).max(64, 'code is longer than 64 characters'),
    fiscal_year: z.string({ error: 'fiscal_year is required' }).pipe(FiscalYearText),
    owner: z.string({ error: 'owner is required' }).pipe(OwnerCode),
    name: z.string({ error: 'name is required' }).trim().min(1).max(1000, 'name is longer than 1000 characters'),
    budget: z
      .string({ error: 'budget is required' })
      .pipe(Amount)
      .refine((v) => v >= 0n, 'budget cannot be negative'),
    status: ImportStatus,
    agency: z.string().trim().max(300).optional(),
  })
  .transform((r): CreateProjectInput => ({
    code: r.code,
    fiscalYear: r.fiscal_year,
    owner: r.owner,
    nameTh: r.name,
    budget: r.budget,
    status: r.status,
    agency: r.agency,
  }));

export const projectImport: ImportSpec<CreateProjectInput> = {
  kind: 'projects',
  columns: [
    { name: 'code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'fiscal_year', aliases: ['ปีงบประมาณ'], required: true },
    { name: 'owner', aliases: ['เจ้าของ', 'เจ้าของโครงการ'], required: true },
    { name: 'name', aliases: ['ชื่อโครงการ'], required: true },
    { name: 'budget', aliases: ['งบประมาณ'], required: true },
    { name: 'status', aliases: ['สถานะ'], required: true },
    { name: 'agency', aliases: ['หน่วยงาน', 'หน่วยงานรับผิดชอบ'], required: false },
  ],
  row: ProjectRow,
  key: { of: (p) => p.code, field: 'code' },
  async apply(tx, p, actor) {
    const [existing] = await tx.query<{ fiscal_year: number; name_th: string; budget: bigint; status: string; agency: string | null; owner: string }>(
      `SELECT p.fiscal_year, p.name_th, p.budget, p.status, p.agency, coalesce(c.slug, p.province_code) AS owner
         FROM projects p LEFT JOIN clusters c ON c.id = p.cluster_id WHERE p.code = $1`,
      [p.code],
    );
    if (existing) {
      const same =
        existing.fiscal_year === p.fiscalYear &&
        existing.name_th === p.nameTh &&
        existing.budget === p.budget &&
        existing.status === p.status &&
        existing.owner === p.owner &&
        (existing.agency ?? '') === (p.agency ?? '');
      if (same) return 'unchanged';
      throw new AppError('conflict', `project ${p.code} already exists with other values; change it through the project page or the API`, {
        field: 'code',
      });
    }
    await insertProject(tx, p, actor, 'import');
    return 'added';
  },
};
