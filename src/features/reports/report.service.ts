import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { assertCanReadOwner } from '../users/access.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearMonthEnds, type IsoDate } from '../../core/dates.ts';
import { formatAmount } from '../../core/money.ts';
import { HUNDRED_PERCENT, formatPercent, percentHundredths } from '../../core/percent.ts';
import { compositionDate, listProvinces, resolveOwner, schemeForFiscalYear, type Owner } from '../reference/reference.queries.ts';
import { PROJECT_STATUSES, type ProjectStatus } from '../projects/project.status.ts';
import { disbursementsByMonth, figuresByOwnerAndStatus, type FigureRow, type OwnerScope } from './figures.queries.ts';
import { rankByDisbursement } from './ranking.ts';
import type { Dashboard, DisbursementReport, DisbursementReportQuery, Ranking, RankingEntry, RankingQuery } from './report.schema.ts';

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

export async function disbursementReport(q: Queryable, actor: Actor, query: DisbursementReportQuery): Promise<DisbursementReport> {
  const { owner, t } = await ownerTotals(q, actor, query);
  return toReport(owner, t, query);
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
  for (const r of rows) m.set(r.owner_key, [...(m.get(r.owner_key) ?? []), r]);
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

/** Everything the dashboard of one owner shows: figures, the monthly curve and its rank. */
export async function dashboard(q: Queryable, actor: Actor, query: DisbursementReportQuery): Promise<Dashboard> {
  const { owner, t } = await ownerTotals(q, actor, query);
  const byMonth = new Map((await disbursementsByMonth(q, query.fiscalYear, query.asOf, scopeOf(owner))).map((r) => [r.month, r.amount]));
  // The fiscal year's 12 months, then any carry-over months up to the as-of date.
  const months = fiscalYearMonthEnds(query.fiscalYear).map((d) => d.slice(0, 7));
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
  const r = await ranking(q, actor, { fiscalYear: query.fiscalYear, asOf: query.asOf, level: owner.kind });
  const peers = r.clusters ?? r.provinces ?? [];
  const rank = {
    rank: peers.find((p) => p.owner === owner.code)?.rank ?? null,
    of: peers.length,
    ranked: peers.filter((p) => p.rank !== null).length,
  };
  return { disbursement: toReport(owner, t, query), monthly, rank };
}
