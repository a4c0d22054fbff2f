/**
 * Plan against actual for an owner's projects as of a date, by budget category, against the
 * quarterly targets, with warnings and forecasts. Reads only: every figure is derived from the
 * ledger, the commitments and the plan version in force on the date.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { fiscalYearEnd, type IsoDate } from '../../core/dates.ts';
import { formatAmount, sumSatang, type Satang } from '../../core/money.ts';
import { formatPercent, percentHundredths, type Hundredths } from '../../core/percent.ts';
import { thaiDate, thaiMonth } from '../../core/thai.ts';

/** Thai messages carry Arabic digits; the text format writes them in Thai digits when asked (withDigits). */
const ARABIC = { thaiDigits: false };
import { assertCanReadOwner } from '../users/access.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { CATEGORIES, CATEGORY_LABEL_TH, effectiveLines, type BudgetLine, type Category } from '../budget/category.ts';
import { commitmentFigures } from '../commitments/commitment.rules.ts';
import { loadPlans } from '../plans/plan.queries.ts';
import { planInForce, plannedCumulative, plannedPhysical, type PlanMonth } from '../plans/plan.rules.ts';
import { commitmentsOf, entriesOf, linesOf, progressProjects, type EntryFact } from './progress.queries.ts';
import {
  daysBetween,
  forecast,
  sumForecasts,
  type Forecast,
  hasNoCommitmentTooLong,
  isBehindPlan,
  isBelowTarget,
  lastEndedQuarter,
  quarterEnd,
  quarterOf,
  weightedPhysical,
  type WarningSettings,
} from './progress.rules.ts';
import { settingsOutput, targetsFor, warningSettings } from './targets.service.ts';
import { reportsOf } from '../progress-reports/report.queries.ts';
import { dueMonths, isPhysicalBehind, lastDayOfMonth, overdueMonths, type ReportStatus } from '../progress-reports/report.rules.ts';
import type { Figures, ForecastOut, ProgressReport, ProgressReportQuery, Target, Warning } from './progress.schema.ts';

interface Raw {
  allocated: Satang;
  disbursed: Satang;
  planned: Satang | null;
  committed: Satang;
  against: Satang;
  uncommitted: Satang;
}

const zero = (): Raw => ({ allocated: 0n, disbursed: 0n, planned: null, committed: 0n, against: 0n, uncommitted: 0n });

function add(a: Raw, b: Raw): Raw {
  return {
    allocated: a.allocated + b.allocated,
    disbursed: a.disbursed + b.disbursed,
    planned: a.planned === null && b.planned === null ? null : (a.planned ?? 0n) + (b.planned ?? 0n),
    committed: a.committed + b.committed,
    against: a.against + b.against,
    uncommitted: a.uncommitted + b.uncommitted,
  };
}

const pct = (num: Satang, den: Satang) => {
  const h = percentHundredths(num, den);
  return h === null ? null : formatPercent(h);
};

function toFigures(r: Raw): Figures {
  return {
    allocated: formatAmount(r.allocated),
    disbursed: formatAmount(r.disbursed),
    disbursedPercent: pct(r.disbursed, r.allocated),
    planned: r.planned === null ? null : formatAmount(r.planned),
    plannedPercent: r.planned === null ? null : pct(r.planned, r.allocated),
    committed: formatAmount(r.committed),
    disbursedAgainstCommitments: formatAmount(r.against),
    uncommitted: formatAmount(r.uncommitted),
  };
}

function rawOf(
  lines: BudgetLine[],
  entries: EntryFact[],
  commitments: { date: IsoDate; amount: Satang; category: Category }[],
  plan: PlanMonth[] | null,
  asOf: IsoDate,
  category: Category | null,
): Raw {
  const line = category === null ? sumSatang(lines.map((l) => l.amount)) : (lines.find((l) => l.category === category)?.amount ?? 0n);
  const f = commitmentFigures(line, entries, commitments, asOf, category);
  return {
    allocated: f.allocated,
    disbursed: f.disbursed,
    planned: plan ? plannedCumulative(plan, asOf, category) : null,
    committed: f.committed,
    against: f.disbursedAgainstCommitments,
    uncommitted: f.uncommitted,
  };
}

const targetOf = (targets: Target[], quarter: number, category: Target['category'] = 'all'): Hundredths | null => {
  const t = targets.find((x) => x.quarter === quarter && x.category === category);
  return t ? BigInt(t.percent.replace('.', '')) : null;
};

/** The dates forecast as of asOf: the end of the current quarter (1 to 3) and of the fiscal year, with their quarters. */
function forecastDates(fiscalYear: number, asOf: IsoDate): [IsoDate, number][] {
  const q = quarterOf(fiscalYear, asOf);
  const dates: [IsoDate, number][] = [];
  if (q >= 1 && q <= 3) dates.push([quarterEnd(fiscalYear, q), q]);
  dates.push([fiscalYearEnd(fiscalYear), 4]);
  return dates;
}

const forecastOut = (f: Forecast, targetPercent: Hundredths | null): ForecastOut => ({
  date: f.date,
  method: f.method,
  amount: formatAmount(f.amount),
  percent: f.percent === null ? null : formatPercent(f.percent),
  targetPercent: targetPercent === null ? null : formatPercent(targetPercent),
  explanation: f.explanation,
  explanationTh: f.explanationTh,
});

function behindPlanWarning(code: string, r: Raw, settings: WarningSettings, asOf: IsoDate): Warning | null {
  if (r.planned === null || !isBehindPlan(r.disbursed, r.planned, r.allocated, settings.behindPlanHundredths)) return null;
  const gap = formatPercent(percentHundredths(r.planned - r.disbursed, r.allocated)!);
  const actual = pct(r.disbursed, r.allocated);
  const planned = pct(r.planned, r.allocated);
  return {
    kind: 'behind_plan',
    project: code,
    category: null,
    message: `Project ${code} disbursed ${actual} % of its allocation by ${asOf}, ${gap} points behind its plan (${planned} %)`,
    messageTh: `โครงการ ${code} เบิกจ่ายร้อยละ ${actual} ต่ำกว่าแผน (ร้อยละ ${planned}) ${gap} จุด`,
  };
}

function overdueWarning(code: string, months: string[]): Warning {
  return {
    kind: 'report_overdue',
    project: code,
    category: null,
    message: `Project ${code} has no progress report submitted for ${months.join(', ')}`,
    messageTh: `โครงการ ${code} ยังไม่ส่งรายงานความก้าวหน้าประจำเดือน ${months.map((m) => thaiMonth(m, ARABIC)).join(', ')}`,
  };
}

function physicalBehindWarning(code: string, month: string, actual: Hundredths, planned: Hundredths): Warning {
  const gap = formatPercent(planned - actual);
  return {
    kind: 'physical_behind_plan',
    project: code,
    category: null,
    message: `Project ${code} reported ${formatPercent(actual)} % physical progress for ${month}, ${gap} points behind its plan (${formatPercent(planned)} %)`,
    messageTh: `โครงการ ${code} รายงานผลการดำเนินงานร้อยละ ${formatPercent(actual)} ประจำเดือน ${thaiMonth(month, ARABIC)} ต่ำกว่าแผน (ร้อยละ ${formatPercent(planned)}) ${gap} จุด`,
  };
}

export async function progressReport(q: Queryable, actor: Actor, query: ProgressReportQuery): Promise<ProgressReport> {
  const { fiscalYear, asOf } = query;
  const owner = await resolveOwner(q, query.owner, fiscalYear);
  await assertCanReadOwner(q, actor, owner.kind, owner.code, fiscalYear);
  const settings = await warningSettings(q);
  const rows = (await progressProjects(q, fiscalYear, asOf, owner)).filter((r) => r.status !== 'cancelled');
  const ids = rows.map((r) => r.id);
  const [linesBy, entriesBy, commitmentsBy, plansBy, targets, reportsBy] = await Promise.all([
    linesOf(q, ids),
    entriesOf(q, ids),
    commitmentsOf(q, ids),
    loadPlans(q, ids),
    targetsFor(q, fiscalYear, owner.code),
    reportsOf(q, ids),
  ]);
  const warnings: Warning[] = [];
  let totals = zero();
  const byCategory = new Map<Category, Raw>();
  const dates = forecastDates(fiscalYear, asOf);
  const projectForecasts: Forecast[][] = dates.map(() => []);
  let withPlan = 0;
  const physicalOf: { allocated: Satang; planned: Hundredths | null; reported: Hundredths | null }[] = [];
  const projects = rows.map((r) => {
    const lines = effectiveLines(r.budget, linesBy.get(r.id) ?? []);
    const entries = entriesBy.get(r.id) ?? [];
    const commitments = commitmentsBy.get(r.id) ?? [];
    const plan = planInForce(plansBy.get(r.id) ?? [], asOf);
    if (plan) withPlan++;
    const raw = rawOf(lines, entries, commitments, plan?.months ?? null, asOf, null);
    totals = add(totals, raw);
    const cats = lines.map((l) => {
      const c = rawOf(lines, entries, commitments, plan?.months ?? null, asOf, l.category);
      byCategory.set(l.category, add(byCategory.get(l.category) ?? zero(), c));
      return { category: l.category, ...toFigures(c) };
    });
    const disbursements = entries.filter((e) => e.kind === 'disbursement').map((e) => ({ date: e.date, amount: e.amount }));
    const forecasts = dates.map(([date, quarter], i) => {
      const targetPercent = targetOf(targets, quarter);
      const f = forecast({ asOf, target: date, allocated: raw.allocated, disbursements, plan: plan?.months ?? null, targetPercent });
      projectForecasts[i]!.push(f);
      return forecastOut(f, targetPercent);
    });
    const behind = behindPlanWarning(r.code, raw, settings, asOf);
    if (behind) warnings.push(behind);
    const firstCommitment = commitments.length ? commitments.map((c) => c.date).sort()[0]! : null;
    if (hasNoCommitmentTooLong(r.status, r.approved_on, firstCommitment, asOf, settings.noCommitmentDays)) {
      const days = daysBetween(r.approved_on!, asOf);
      warnings.push({
        kind: 'no_commitment',
        project: r.code,
        category: null,
        message: `Project ${r.code}, approved on ${r.approved_on}, has no commitment after ${days} days (more than ${settings.noCommitmentDays})`,
        messageTh: `โครงการ ${r.code} อนุมัติเมื่อ ${thaiDate(r.approved_on!, { thaiDigits: false })} ยังไม่มีการก่อหนี้ผูกพัน ${days} วัน (เกิน ${settings.noCommitmentDays} วัน)`,
      });
    }
    const physical = plan ? plannedPhysical(plan.physical, asOf) : null;
    const reports = reportsBy.get(r.id) ?? [];
    const overdue = overdueMonths(
      dueMonths(r.status, r.approved_on, asOf, settings.reportsDueFrom),
      new Map<string, ReportStatus>(reports.map((x) => [x.month, x.status])),
    );
    if (overdue.length) warnings.push(overdueWarning(r.code, overdue));
    const accepted = reports.filter((x) => x.status === 'accepted' && x.month <= asOf.slice(0, 7)).at(-1) ?? null;
    const plannedAtReport = accepted && plan ? plannedPhysical(plan.physical, lastDayOfMonth(accepted.month)) : null;
    if (accepted && plannedAtReport !== null && isPhysicalBehind(accepted.percent, plannedAtReport, settings.behindPlanHundredths)) {
      warnings.push(physicalBehindWarning(r.code, accepted.month, accepted.percent, plannedAtReport));
    }
    physicalOf.push({ allocated: raw.allocated, planned: physical, reported: accepted?.percent ?? null });
    return {
      code: r.code,
      nameTh: r.name_th,
      status: r.status,
      planVersion: plan?.version ?? null,
      plannedPhysicalPercent: physical === null ? null : formatPercent(physical),
      reportedPhysical: accepted ? { month: accepted.month, percent: formatPercent(accepted.percent) } : null,
      ...toFigures(raw),
      byCategory: cats,
      forecasts,
    };
  });
  // Quarterly targets: the latest quarter ended by asOf, for the whole allocation and each category targeted.
  const ended = lastEndedQuarter(fiscalYear, asOf);
  let targetInForce: ProgressReport['targetInForce'] = null;
  if (ended > 0) {
    for (const cat of ['all', ...CATEGORIES] as const) {
      const t = targetOf(targets, ended, cat);
      if (t === null) continue;
      const r = cat === 'all' ? totals : byCategory.get(cat);
      if (!r) continue;
      const below = isBelowTarget(r.disbursed, r.allocated, t);
      if (cat === 'all') targetInForce = { quarter: ended, endDate: quarterEnd(fiscalYear, ended), percent: formatPercent(t), met: !below };
      if (below) {
        const what = cat === 'all' ? '' : ` (${cat} budget)`;
        const whatTh = cat === 'all' ? '' : ` (${CATEGORY_LABEL_TH[cat]})`;
        const actual = pct(r.disbursed, r.allocated);
        warnings.push({
          kind: 'below_target',
          project: null,
          category: cat,
          message: `${owner.code}${what} disbursed ${actual} % by ${asOf}, below the target of ${formatPercent(t)} % for the end of quarter ${ended} (${quarterEnd(fiscalYear, ended)})`,
          messageTh: `${owner.nameTh}${whatTh} เบิกจ่ายร้อยละ ${actual} ต่ำกว่าเป้าหมายสิ้นไตรมาสที่ ${ended} (ร้อยละ ${formatPercent(t)})`,
        });
      }
    }
  }
  return {
    owner: owner.code,
    ownerKind: owner.kind,
    ownerNameTh: owner.nameTh,
    ownerNameEn: owner.nameEn,
    fiscalYear,
    asOf,
    quarter: quarterOf(fiscalYear, asOf),
    settings: settingsOutput(settings),
    projectCount: rows.length,
    projectsWithPlan: withPlan,
    totals: toFigures(totals),
    byCategory: CATEGORIES.filter((c) => byCategory.has(c)).map((c) => ({ category: c, ...toFigures(byCategory.get(c)!) })),
    targets,
    targetInForce,
    forecasts: dates.map(([date, quarter], i) => {
      const targetPercent = targetOf(targets, quarter);
      return forecastOut(sumForecasts(projectForecasts[i]!, totals.allocated, date, targetPercent), targetPercent);
    }),
    physical: ownerPhysical(physicalOf),
    warnings,
    projects,
  };
}

function ownerPhysical(items: { allocated: Satang; planned: Hundredths | null; reported: Hundredths | null }[]): ProgressReport['physical'] {
  const planned = weightedPhysical(items.map((i) => ({ allocated: i.allocated, percent: i.planned })));
  const reported = weightedPhysical(items.map((i) => ({ allocated: i.allocated, percent: i.reported })));
  return {
    planned: planned.percent === null ? null : formatPercent(planned.percent),
    plannedProjects: planned.projects,
    reported: reported.percent === null ? null : formatPercent(reported.percent),
    reportedProjects: reported.projects,
  };
}
