import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { assertCanReadOwner } from '../users/access.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearMonthEnds } from '../../core/dates.ts';
import { formatAmount } from '../../core/money.ts';
import { HUNDRED_PERCENT, formatPercent, percentHundredths } from '../../core/percent.ts';
import { compositionDate, listProvinces, resolveOwner, schemeForFiscalYear, type Owner } from '../reference/reference.queries.ts';
import { PROJECT_STATUSES, type ProjectStatus } from '../projects/project.status.ts';
import { disbursementsByMonth, figuresByOwnerAndStatus, type FigureRow, type OwnerScope } from './figures.queries.ts';
import { rankByDisbursement } from './ranking.ts';
import { categorySplit, plannedMonths, plannedSeries, type CategorySplit } from '../progress/series.rules.ts';
import { ownerProjectFacts } from '../progress/series.queries.ts';
import { targetsFor } from '../progress/targets.service.ts';
import { lastDayOfMonth } from '../progress-reports/report.rules.ts';
import type {
  CategoryFigures,
  Dashboard,
  DisbursementByCategory,
  DisbursementReport,
  DisbursementReportQuery,
  Ranking,
  RankingEntry,
  RankingQuery,
} from './report.schema.ts';
import { pushTo } from '../../core/collections.ts';

interface Totals {
  projectCount: number;
  allocated: bigint;
  disbursed: bigint;
  statusCounts: Record<ProjectStatus, number>;
}

/** Sums figure rows of one owner; cancelled projects count in statusCounts only. */
function totalsOf(rows: FigureRow[]): Totals {
  const statusCounts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>;
  const t: Totals = { projectCount: 0, allocated: 0n, disbursed: 0n, statusCounts };
  for (const r of rows) {
    statusCounts[r.status] += Number(r.project_count);
    if (r.status === 'cancelled') continue;
    t.projectCount += Number(r.project_count);
    t.allocated += r.allocated;
    t.disbursed += r.disbursed;
  }
  return t;
}

const scopeOf = (owner: Owner): OwnerScope =>
  owner.kind === 'cluster' ? { by: 'cluster', clusterIds: [owner.clusterId] } : { by: 'province', provinceCodes: [owner.code] };

const pct = (num: bigint, den: bigint) => {
  const h = percentHundredths(num, den);
  return h === null ? null : formatPercent(h);
};

async function ownerTotals(q: Queryable, actor: Actor, query: DisbursementReportQuery): Promise<{ owner: Owner; t: Totals }> {
  const owner = await resolveOwner(q, query.owner, query.fiscalYear);
  await assertCanReadOwner(q, actor, owner.kind, owner.code, query.fiscalYear);
  return { owner, t: totalsOf(await figuresByOwnerAndStatus(q, query.fiscalYear, query.asOf, scopeOf(owner))) };
}

/** The report of an owner, with its split by budget category. */
export async function disbursementReport(q: Queryable, actor: Actor, query: DisbursementReportQuery): Promise<DisbursementByCategory> {
  const { owner, t } = await ownerTotals(q, actor, query);
  const facts = await ownerProjectFacts(q, query.fiscalYear, query.asOf, owner);
  return withCategories(toReport(owner, t, query), t, categorySplit(facts, query.asOf));
}

function toCategoryFigures(c: CategorySplit): CategoryFigures {
  const disbursedH = percentHundredths(c.disbursed, c.allocated);
  return {
    category: c.category,
    projectCount: c.projectCount,
    allocated: formatAmount(c.allocated),
    disbursed: formatAmount(c.disbursed),
    disbursedPercent: disbursedH === null ? null : formatPercent(disbursedH),
    remaining: formatAmount(c.allocated - c.disbursed),
    remainingPercent: disbursedH === null ? null : formatPercent(HUNDRED_PERCENT - disbursedH),
  };
}

/** Adds the category split, which must add up to the totals to the satang (they are read by two queries). */
function withCategories(report: DisbursementReport, t: Totals, split: CategorySplit[]): DisbursementByCategory {
  const allocated = split.reduce((s, c) => s + c.allocated, 0n);
  const disbursed = split.reduce((s, c) => s + c.disbursed, 0n);
  if (allocated !== t.allocated || disbursed !== t.disbursed) {
    // An invariant (lines add up to the budget; every entry has a category), not a user's error.
    throw new Error(
      `The budget categories of ${report.owner} add up to ${formatAmount(allocated)} allocated and ${formatAmount(disbursed)} disbursed, not ${report.allocated} and ${report.disbursed}`,
    );
  }
  return { ...report, byCategory: split.map(toCategoryFigures) };
}

function toReport(owner: Owner, t: Totals, query: DisbursementReportQuery): DisbursementReport {
  const disbursedH = percentHundredths(t.disbursed, t.allocated);
  return {
    owner: owner.code,
    ownerKind: owner.kind,
    ownerNameTh: owner.nameTh,
    ownerNameEn: owner.nameEn,
    fiscalYear: query.fiscalYear,
    asOf: query.asOf,
    projectCount: t.projectCount,
    allocated: formatAmount(t.allocated),
    disbursed: formatAmount(t.disbursed),
    disbursedPercent: disbursedH === null ? null : formatPercent(disbursedH),
    remaining: formatAmount(t.allocated - t.disbursed),
    // Defined as the complement, so that the two always add up to exactly 100.00.
    remainingPercent: disbursedH === null ? null : formatPercent(HUNDRED_PERCENT - disbursedH),
    statusCounts: t.statusCounts,
  };
}

function toEntry(e: {
  rank: number | null;
  owner: string;
  nameTh: string;
  nameEn: string;
  projectCount: number;
  allocated: bigint;
  disbursed: bigint;
}): RankingEntry {
  return {
    rank: e.rank,
    owner: e.owner,
    nameTh: e.nameTh,
    nameEn: e.nameEn,
    projectCount: e.projectCount,
    allocated: formatAmount(e.allocated),
    disbursed: formatAmount(e.disbursed),
    disbursedPercent: pct(e.disbursed, e.allocated),
  };
}

function groupByOwner(rows: FigureRow[]): Map<string, FigureRow[]> {
  const m = new Map<string, FigureRow[]>();
  for (const r of rows) pushTo(m, r.owner_key, r);
  return m;
}

export async function ranking(q: Queryable, actor: Actor, query: RankingQuery): Promise<Ranking> {
  if (actor.role === 'agency_reporter')
    throw new AppError('forbidden', `${actor.username} (agency reporter) may not read the ranking: it may read only the projects assigned to it`);
  const scheme = await schemeForFiscalYear(q, query.fiscalYear);
  const onDate = compositionDate(query.fiscalYear, query.asOf);
  const base = { fiscalYear: query.fiscalYear, asOf: query.asOf, level: query.level, scheme };
  if (query.level === 'cluster') {
    const clusters = await q.query<{ id: number; slug: string; name_th: string; name_en: string }>(
      'SELECT id, slug, name_th, name_en FROM clusters WHERE scheme = $1 ORDER BY cluster_no',
      [scheme],
    );
    const byOwner = groupByOwner(
      await figuresByOwnerAndStatus(q, query.fiscalYear, query.asOf, { by: 'cluster', clusterIds: clusters.map((c) => c.id) }),
    );
    const entries = clusters.map((c) => ({ owner: c.slug, nameTh: c.name_th, nameEn: c.name_en, ...totalsOf(byOwner.get(String(c.id)) ?? []) }));
    return { ...base, clusters: rankByDisbursement(entries).map(toEntry) };
  }
  let provinces = (await listProvinces(q, onDate)).filter((p) => p.clusterCode !== null);
  if (query.cluster) {
    const inCluster = provinces.filter((p) => p.clusterCode === query.cluster);
    if (!inCluster.length) throw new AppError('validation', `Unknown cluster ${query.cluster} in scheme ${scheme}`, { field: 'cluster' });
    provinces = inCluster;
  }
  const byOwner = groupByOwner(
    await figuresByOwnerAndStatus(q, query.fiscalYear, query.asOf, { by: 'province', provinceCodes: provinces.map((p) => p.code) }),
  );
  const entries = provinces.map((p) => ({ owner: p.code, nameTh: p.nameTh, nameEn: p.nameEn, ...totalsOf(byOwner.get(p.code) ?? []) }));
  return { ...base, ...(query.cluster ? { cluster: query.cluster } : {}), provinces: rankByDisbursement(entries).map(toEntry) };
}

/**
 * Everything the dashboard of one owner shows: figures (and their split by budget category), the
 * monthly curve, the plan line (each project by its plan in force on asOf), the quarterly targets
 * applying to the owner, and its rank.
 */
export async function dashboard(q: Queryable, actor: Actor, query: DisbursementReportQuery): Promise<Dashboard> {
  const { owner, t } = await ownerTotals(q, actor, query);
  const facts = await ownerProjectFacts(q, query.fiscalYear, query.asOf, owner);
  const byMonth = new Map((await disbursementsByMonth(q, query.fiscalYear, query.asOf, scopeOf(owner))).map((r) => [r.month, r.amount]));
  // The fiscal year's 12 months, then any carry-over months up to the as-of date.
  const fyMonths = fiscalYearMonthEnds(query.fiscalYear).map((d) => d.slice(0, 7));
  const months = [...fyMonths];
  for (const m of [...byMonth.keys()].sort()) if (!months.includes(m)) months.push(m);
  months.sort();
  let cumulative = 0n;
  const monthly = months
    .filter((m) => m <= query.asOf.slice(0, 7))
    .map((month) => {
      const disbursed = byMonth.get(month) ?? 0n;
      cumulative += disbursed;
      return { month, disbursed: formatAmount(disbursed), cumulative: formatAmount(cumulative), cumulativePercent: pct(cumulative, t.allocated) };
    });
  // The plan line: the same months, and any later month a plan in force plans an amount in.
  const plans = facts.map((f) => f.plans);
  const planMonths = [...new Set([...months, ...plannedMonths(plans, query.asOf)])].filter((m) => m >= fyMonths[0]!).sort();
  const ends = planMonths.map(lastDayOfMonth);
  const series = plannedSeries(plans, query.asOf, ends);
  const planned = planMonths.map((month, i) => {
    const amount = series.amounts?.[i] ?? null;
    return {
      month,
      endDate: ends[i]!,
      cumulative: amount === null ? null : formatAmount(amount),
      cumulativePercent: amount === null ? null : pct(amount, t.allocated),
    };
  });
  const targets = (await targetsFor(q, query.fiscalYear, owner.code))
    .filter((x) => x.category === 'all')
    .map(({ quarter, endDate, percent, source }) => ({ quarter, endDate, percent, source }));
  const r = await ranking(q, actor, { fiscalYear: query.fiscalYear, asOf: query.asOf, level: owner.kind });
  const peers = r.clusters ?? r.provinces ?? [];
  const rank = {
    rank: peers.find((p) => p.owner === owner.code)?.rank ?? null,
    of: peers.length,
    ranked: peers.filter((p) => p.rank !== null).length,
  };
  return {
    disbursement: withCategories(toReport(owner, t, query), t, categorySplit(facts, query.asOf)),
    monthly,
    projectsWithPlan: series.withPlan,
    planned,
    targets,
    rank,
  };
}
