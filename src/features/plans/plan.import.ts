/**
 * Import of spending plans: one row per project, month and category. The rows of a project make
 * one new version of its plan (a revision needs a reason); the same plan again adds nothing.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { BE_OFFSET } from '../../core/dates.ts';
import { Amount, FlexibleDate } from '../../core/schemas.ts';
import { toArabicDigits } from '../../core/thai.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { CATEGORIES, CATEGORY_LABEL_TH, type Category } from '../budget/category.ts';
import { requireProjectRow } from '../projects/project.service.ts';
import { PercentInput } from './plan.schema.ts';
import { loadPlans } from './plan.queries.ts';
import { insertPlan } from './plan.service.ts';

const categoryByLabel = new Map<string, Category>(
  CATEGORIES.flatMap((c) => [[c, c] as [string, Category], [CATEGORY_LABEL_TH[c], c] as [string, Category]]),
);

/** YYYY-MM, or m/yyyy with a B.E. year (1/2559). */
const MonthText = z.string().transform((s, ctx) => {
  const t = toArabicDigits(s.trim());
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 2400) {
    return `${Number(m[2]) - BE_OFFSET}-${m[1]!.padStart(2, '0')}`;
  }
  ctx.addIssue({ code: 'custom', message: `${t || '(empty)'} is not a month: use YYYY-MM or m/yyyy in B.E. (e.g. 1/2559)` });
  return z.NEVER;
});

const PlanRow = z.object({
  project_code: z.string({ error: 'project_code is required' }).trim().min(1).max(64, 'project_code is longer than 64 characters'),
  month: z.string({ error: 'month is required' }).pipe(MonthText),
  amount: z
    .string({ error: 'amount is required' })
    .pipe(Amount)
    .refine((v) => v >= 0n, 'a planned amount cannot be negative'),
  category: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const c = categoryByLabel.get(s.trim().toLowerCase()) ?? categoryByLabel.get(s.trim());
      if (!c) {
        ctx.addIssue({
          code: 'custom',
          message: `"${s}" is not a budget category: use ${CATEGORIES.join(', ')} or ${Object.values(CATEGORY_LABEL_TH).join(', ')}`,
        });
        return z.NEVER;
      }
      return c;
    }),
  physical_percent: z.string().pipe(PercentInput).optional(),
  effective_from: z.string().pipe(FlexibleDate).optional(),
  reason: z.string().trim().max(2000).optional(),
});
type PlanRow = z.infer<typeof PlanRow>;

async function applyPlan(tx: Parameters<ImportSpec<PlanRow>['apply']>[0], rows: PlanRow[], actor: Parameters<ImportSpec<PlanRow>['apply']>[2]) {
  const code = rows[0]!.project_code;
  const one = <K extends 'effective_from' | 'reason'>(k: K): PlanRow[K] => {
    const values = [...new Set(rows.map((r) => r[k]).filter((v) => v !== undefined))];
    if (values.length > 1)
      throw new AppError('validation', `Project ${code}: its rows give several values of ${k} (${values.join(', ')})`, { field: k });
    return values[0] as PlanRow[K];
  };
  const effectiveFrom = one('effective_from');
  const reason = one('reason');
  const physical = new Map<string, bigint>();
  for (const r of rows) {
    if (r.physical_percent === undefined) continue;
    const prev = physical.get(r.month);
    if (prev !== undefined && prev !== r.physical_percent) {
      throw new AppError('validation', `Project ${code}: month ${r.month} has two physical percentages`, { field: 'physical_percent' });
    }
    physical.set(r.month, r.physical_percent);
  }
  const input = {
    effectiveFrom,
    reason,
    months: rows.filter((r) => r.amount > 0n || r.category !== undefined).map((r) => ({ month: r.month, category: r.category, amount: r.amount })),
    physical: [...physical].map(([month, percent]) => ({ month, percent })),
    milestones: [],
  };
  // The same plan as the latest version: nothing to add.
  const p = await requireProjectRow(tx, code);
  const versions = (await loadPlans(tx, [p.id])).get(p.id) ?? [];
  const latest = versions[versions.length - 1];
  if (latest && (effectiveFrom === undefined || effectiveFrom === latest.effectiveFrom)) {
    const key = (ms: { month: string; category?: string | undefined; amount: bigint }[]) =>
      ms
        .filter((m) => m.amount > 0n)
        .map((m) => `${m.month}/${m.category ?? '?'}/${m.amount}`)
        .sort()
        .join(';');
    const onlyCategory = new Set(latest.months.map((m) => m.category)).size <= 1 ? latest.months[0]?.category : undefined;
    const incoming = input.months.map((m) => ({ ...m, category: m.category ?? onlyCategory }));
    const samePhysical =
      latest.physical.map((x) => `${x.month}/${x.percent}`).join(';') ===
      [...input.physical]
        .sort((a, b) => (a.month < b.month ? -1 : 1))
        .map((x) => `${x.month}/${x.percent}`)
        .join(';');
    if (key(latest.months) === key(incoming) && samePhysical) return 'unchanged' as const;
  }
  await insertPlan(tx, actor, code, input, 'import');
  return 'added' as const;
}

export const planImport: ImportSpec<PlanRow> = {
  kind: 'plans',
  columns: [
    { name: 'project_code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'month', aliases: ['เดือน'], required: true },
    { name: 'amount', aliases: ['แผนการเบิกจ่าย', 'จำนวนเงิน'], required: true },
    { name: 'category', aliases: ['หมวดงบประมาณ', 'ประเภทงบ'], required: false },
    { name: 'physical_percent', aliases: ['ร้อยละความก้าวหน้า', 'แผนความก้าวหน้า'], required: false },
    { name: 'effective_from', aliases: ['วันที่มีผล'], required: false },
    { name: 'reason', aliases: ['เหตุผล'], required: false },
  ],
  row: PlanRow,
  key: { of: (r) => `${r.project_code} ${r.month} ${r.category ?? ''}`, field: 'month' },
  apply: (tx, r, actor) => applyPlan(tx, [r], actor),
  group: { of: (r) => r.project_code, apply: applyPlan },
};
