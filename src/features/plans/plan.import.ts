/**
 * Import of spending plans: one row per project, month and category, and rows of milestones
 * (key, name, planned dates, optionally actual dates; a row may carry both). The rows of a project
 * make one new version of its plan (a revision needs a reason); without milestone rows the version
 * keeps the milestones of the latest one. The same plan again adds nothing; actual dates that
 * differ are recorded (audited) without a new version.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { BE_OFFSET } from '../../core/dates.ts';
import { Amount, FlexibleDate } from '../../core/schemas.ts';
import { thaiMonthNumber, toArabicDigits } from '../../core/thai.ts';
import type { ImportSpec } from '../imports/importer.ts';
import { CATEGORIES, CATEGORY_LABEL_TH, type Category } from '../budget/category.ts';
import { requireProjectRow } from '../projects/project.service.ts';
import { PercentInput } from './plan.schema.ts';
import { loadPlans } from './plan.queries.ts';
import { insertPlan, milestoneActuals, setMilestoneActualIn } from './plan.service.ts';
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';

const categoryByLabel = new Map<string, Category>(
  CATEGORIES.flatMap((c) => [[c, c] as [string, Category], [CATEGORY_LABEL_TH[c], c] as [string, Category]]),
);

/** YYYY-MM, m/yyyy with a B.E. year (1/2559), or a Thai month name (long or short) and a B.E. year (ม.ค. 2559, มกราคม 2559). */
export const MonthText = z.string().transform((s, ctx) => {
  const t = toArabicDigits(s.trim());
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 2400) {
    return `${Number(m[2]) - BE_OFFSET}-${m[1]!.padStart(2, '0')}`;
  }
  m = /^(\D+?)\s*(\d{4})$/.exec(t);
  const named = m ? thaiMonthNumber(m[1]!) : null;
  if (m && named !== null && Number(m[2]) >= 2400) return `${Number(m[2]) - BE_OFFSET}-${String(named).padStart(2, '0')}`;
  ctx.addIssue({
    code: 'custom',
    message: `${t || '(empty)'} is not a month: use YYYY-MM, m/yyyy in B.E. (e.g. 1/2559) or a Thai month and B.E. year (e.g. ม.ค. 2559)`,
  });
  return z.NEVER;
});

const PlanRow = z
  .object({
    project_code: z.string({ error: 'project_code is required' }).trim().min(1).max(64, 'project_code is longer than 64 characters'),
    month: z.string().pipe(MonthText).optional(),
    amount: z
      .string()
      .pipe(Amount)
      .refine((v) => v >= 0n, 'a planned amount cannot be negative')
      .optional(),
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
    milestone: z.string().trim().min(1).max(64).optional(),
    milestone_name: z.string().trim().min(1).max(500).optional(),
    planned_start: z.string().pipe(FlexibleDate).optional(),
    planned_end: z.string().pipe(FlexibleDate).optional(),
    actual_start: z.string().pipe(FlexibleDate).optional(),
    actual_end: z.string().pipe(FlexibleDate).optional(),
  })
  .superRefine((r, ctx) => {
    const missing = (path: string, message = `${path} is required`) => ctx.addIssue({ code: 'custom', path: [path], message });
    // A row plans a month (month and amount), a milestone (its key, name and planned dates), or both.
    if (r.month === undefined && r.milestone === undefined) missing('month', 'month is required (or a milestone)');
    if (r.month !== undefined && r.amount === undefined) missing('amount');
    if (
      r.month === undefined &&
      r.milestone !== undefined &&
      (r.amount !== undefined || r.category !== undefined || r.physical_percent !== undefined)
    )
      missing('month');
    if (r.milestone === undefined) {
      for (const k of ['milestone_name', 'planned_start', 'planned_end', 'actual_start', 'actual_end'] as const)
        if (r[k] !== undefined) missing('milestone', `milestone is required with ${k}`);
    } else {
      for (const k of ['milestone_name', 'planned_start', 'planned_end'] as const)
        if (r[k] === undefined) missing(k, `${k} is required with a milestone`);
    }
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
    if (r.physical_percent === undefined || r.month === undefined) continue;
    const prev = physical.get(r.month);
    if (prev !== undefined && prev !== r.physical_percent) {
      throw new AppError('validation', `Project ${code}: month ${r.month} has two physical percentages`, { field: 'physical_percent' });
    }
    physical.set(r.month, r.physical_percent);
  }
  const p = await requireProjectRow(tx, code);
  const versions = (await loadPlans(tx, [p.id])).get(p.id) ?? [];
  const latest = versions[versions.length - 1];
  const monthRows = rows.flatMap((r) => (r.month !== undefined && r.amount !== undefined ? [{ ...r, month: r.month, amount: r.amount }] : []));
  const milestoneRows = rows.filter((r) => r.milestone !== undefined);
  // Without milestone rows, a new version keeps the milestones of the latest one.
  const milestones = milestoneRows.length
    ? milestoneRows.map((r) => ({ key: r.milestone!, name: r.milestone_name!, plannedStart: r.planned_start!, plannedEnd: r.planned_end! }))
    : (latest?.milestones ?? []).map(({ key, name, plannedStart, plannedEnd }) => ({ key, name, plannedStart, plannedEnd }));
  const input = {
    effectiveFrom,
    reason,
    months: monthRows
      .filter((r) => r.amount > 0n || r.category !== undefined)
      .map((r) => ({ month: r.month, category: r.category, amount: r.amount })),
    physical: [...physical].map(([month, percent]) => ({ month, percent })),
    milestones,
  };
  const actuals = await actualsToRecord(tx, code, milestoneRows);
  // The same plan as the latest version: nothing to add (but the actual dates given).
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
    const milestoneKey = (ms: { key: string; name: string; plannedStart: string; plannedEnd: string }[]) =>
      ms
        .map((m) => `${m.key}/${m.name}/${m.plannedStart}/${m.plannedEnd}`)
        .sort()
        .join(';');
    if (key(latest.months) === key(incoming) && samePhysical && milestoneKey(latest.milestones) === milestoneKey(milestones)) {
      if (!actuals.length) return 'unchanged' as const;
      await recordActuals(tx, actor, code, actuals);
      return 'added' as const;
    }
  }
  await insertPlan(tx, actor, code, input, 'import');
  await recordActuals(tx, actor, code, actuals);
  return 'added' as const;
}

/** The milestone rows whose actual dates differ from those recorded (or whose milestone is new). */
async function actualsToRecord(tx: Queryable, code: string, rows: PlanRow[]): Promise<PlanRow[]> {
  const out: PlanRow[] = [];
  for (const r of rows) {
    if (r.actual_start === undefined && r.actual_end === undefined) continue;
    const current = await milestoneActuals(tx, code, r.milestone!);
    const same =
      current &&
      (r.actual_start === undefined || r.actual_start === current.actualStart) &&
      (r.actual_end === undefined || r.actual_end === current.actualEnd);
    if (!same) out.push(r);
  }
  return out;
}

/** Records the actual dates through the same function as the API (POST …/milestones/{key}/actual). */
async function recordActuals(tx: Queryable, actor: Actor, code: string, rows: PlanRow[]): Promise<void> {
  for (const r of rows) await setMilestoneActualIn(tx, actor, code, r.milestone!, { actualStart: r.actual_start, actualEnd: r.actual_end }, 'import');
}

export const planImport: ImportSpec<PlanRow> = {
  kind: 'plans',
  columns: [
    { name: 'project_code', aliases: ['รหัสโครงการ'], required: true },
    { name: 'month', aliases: ['เดือน'], required: false },
    { name: 'amount', aliases: ['แผนการเบิกจ่าย', 'จำนวนเงิน'], required: false },
    { name: 'category', aliases: ['หมวดงบประมาณ', 'ประเภทงบ'], required: false },
    { name: 'physical_percent', aliases: ['ร้อยละความก้าวหน้า', 'แผนความก้าวหน้า'], required: false },
    { name: 'effective_from', aliases: ['วันที่มีผล'], required: false },
    { name: 'reason', aliases: ['เหตุผล'], required: false },
    { name: 'milestone', aliases: ['รหัสกิจกรรม'], required: false },
    { name: 'milestone_name', aliases: ['กิจกรรม'], required: false },
    { name: 'planned_start', aliases: ['เริ่มตามแผน'], required: false },
    { name: 'planned_end', aliases: ['สิ้นสุดตามแผน'], required: false },
    { name: 'actual_start', aliases: ['เริ่มจริง'], required: false },
    { name: 'actual_end', aliases: ['สิ้นสุดจริง'], required: false },
  ],
  row: PlanRow,
  key: { of: (r) => [r.project_code, r.month ?? '', r.category ?? '', r.milestone ?? ''].join(' ').trim(), field: 'month' },
  apply: (tx, r, actor) => applyPlan(tx, [r], actor),
  group: { of: (r) => r.project_code, apply: applyPlan },
};
