/**
 * Performance-agreement indicators: the domain functions behind the API, the CLI and the web UI.
 *
 * Who may do what:
 * - officers of the owner (a cluster officer for its cluster and the cluster's provinces, a
 *   province officer for its province) and administrators: create indicators and edit them while
 *   the agreement is a draft, enter results and their evidence, link projects, file change
 *   requests;
 * - administrators only (acting for the OPDC, สำนักงาน ก.พ.ร., which sets agreement indicators
 *   and has no role of its own): move the agreement draft -> proposed -> agreed, and decide
 *   change requests;
 * - reading: as the owner's figures (users/access.ts canReadOwner; agency reporters are refused).
 * Every write is one transaction with its audit record.
 */
import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { fiscalYearStart, minDate, todayIso, type IsoDate } from '../../core/dates.ts';
import { formatAmount } from '../../core/money.ts';
import { compareRatios, formatPercent } from '../../core/percent.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin, assertCanReadOwner, assertCanWriteOwner, describeActor, type OwnerAction, ownerWithinCluster } from '../users/access.ts';
import { listClusters, resolveOwner, schemeForFiscalYear, type Owner } from '../reference/reference.queries.ts';
import {
  achievement,
  comparePeriods,
  DEC_SCALE,
  formatDec,
  formatScore,
  isBehind,
  parseDec,
  periodEnd,
  periodProblem,
  roundRatio,
  scaleProblem,
  score,
  transitionProblem,
  type AgreementStatus,
  type Dec,
  type Scale,
} from './indicators.rules.ts';
import { pushTo } from '../../core/collections.ts';
import {
  changeRequestsOf,
  componentsOf,
  fileRefs,
  fileWithOwner,
  findAgreement,
  findChangeRequest,
  findIndicator,
  indicatorsOf,
  insertFile,
  linksOf,
  resultsOf,
  statusHistoryOf,
  statusOn,
  targetsOf,
  versionsOf,
  type AgreementRow,
  type ChangeRequestRow,
  type ComponentRow,
  type IndicatorRow,
  type LinkRow,
  type ResultRow,
  type StatusRow,
  type TargetRow,
  type VersionRow,
} from './indicators.queries.ts';
import type {
  Agreement,
  ChangeRequest,
  ChangeRequestInput,
  ComponentInput,
  CreateIndicatorInput,
  DecisionInput,
  FileRef,
  Indicator,
  IndicatorDefinition,
  IndicatorDetail,
  UpdateIndicatorInput,
  IndicatorRanking,
  IndicatorRankingQuery,
  IndicatorReport,
  Link,
  LinksInput,
  OwnerYearQuery,
  ReportLine,
  Result,
  ResultInput,
  StatusInput,
  Target,
  TargetInput,
  Warning,
  Warnings,
} from './indicators.schema.ts';

const ownerKey = (r: { owner_code: string; fiscal_year: number }) => `${r.owner_code}/${r.fiscal_year}`;
const indicatorKey = (r: IndicatorRow) => `${ownerKey(r)}/${r.code}`;
const nullable = (c: string) => (c === '' ? null : c);

// ---------------------------------------------------------------- loading

/** One indicator with everything about it, as of a date. */
interface Loaded {
  row: IndicatorRow;
  versions: VersionRow[];
  /** The version in force on the date (the first one before it). */
  current: VersionRow;
  components: Map<bigint, ComponentRow[]>;
  targets: Map<bigint, TargetRow[]>;
  /** Results dated on or before the date. */
  results: ResultRow[];
  links: LinkRow[];
  /** Change requests filed on or before the date; decisions after it are not yet taken. */
  requests: ChangeRequestRow[];
  files: Map<bigint, FileRef>;
}

function versionOn(versions: VersionRow[], date: IsoDate): VersionRow {
  let v = versions[0]!;
  for (const x of versions) if (x.effective_from <= date && x.version >= v.version) v = x;
  return v;
}

const group = <T, K>(xs: T[], key: (x: T) => K) => {
  const m = new Map<K, T[]>();
  for (const x of xs) pushTo(m, key(x), x);
  return m;
};

async function load(q: Queryable, rows: IndicatorRow[], asOf: IsoDate): Promise<Loaded[]> {
  const idList = rows.map((r) => r.id);
  const versions = group(await versionsOf(q, idList), (v) => v.indicator_id);
  const versionIds = [...versions.values()].flat().map((v) => v.id);
  const components = group(await componentsOf(q, versionIds), (c) => c.version_id);
  const targets = group(await targetsOf(q, versionIds), (t) => t.version_id);
  const results = group(
    (await resultsOf(q, idList)).filter((r) => r.result_date <= asOf),
    (r) => r.indicator_id,
  );
  const links = group(await linksOf(q, idList), (l) => l.indicator_id);
  const requests = group(
    (await changeRequestsOf(q, idList))
      .filter((r) => r.requested_on <= asOf)
      .map((r) =>
        r.decided_on !== null && r.decided_on > asOf
          ? { ...r, decision: null, decided_on: null, decided_by: null, decision_note: null, version: null }
          : r,
      ),
    (r) => r.indicator_id,
  );
  const fileIds = [...[...results.values()].flat().map((r) => r.evidence_file_id), ...[...requests.values()].flat().map((r) => r.file_id)].filter(
    (x): x is bigint => x !== null,
  );
  const files = await fileRefs(q, fileIds);
  return rows.map((row) => {
    const vs = versions.get(row.id) ?? [];
    return {
      row,
      versions: vs,
      current: versionOn(vs, asOf),
      components,
      targets,
      results: results.get(row.id) ?? [],
      links: links.get(row.id) ?? [],
      requests: requests.get(row.id) ?? [],
      files,
    };
  });
}

interface OwnerYear {
  owner: Owner;
  agreement: AgreementRow | null;
  history: StatusRow[];
  items: Loaded[];
}

async function loadOwnerYear(q: Queryable, owner: Owner, fiscalYear: number, asOf: IsoDate): Promise<OwnerYear> {
  const agreement = await findAgreement(q, owner.code, fiscalYear);
  if (!agreement) return { owner, agreement: null, history: [], items: [] };
  return {
    owner,
    agreement,
    history: await statusHistoryOf(q, agreement.id),
    items: await load(q, await indicatorsOf(q, agreement.id), asOf),
  };
}

// ---------------------------------------------------------------- presentation

const scaleOf = (v: VersionRow): Scale => ({
  levels: [v.level1_e4, v.level2_e4, v.level3_e4, v.level4_e4, v.level5_e4],
  below: v.below_score_e4,
  above: v.above_score_e4,
});

function targetList(fy: number, rows: TargetRow[], components: ComponentRow[]): Target[] {
  const order = ['', ...components.map((c) => c.key)];
  return [...rows]
    .sort((a, b) => order.indexOf(a.component) - order.indexOf(b.component) || comparePeriods(fy, a.period, b.period))
    .map((t) => ({ component: nullable(t.component), period: t.period, periodEnd: periodEnd(fy, t.period), value: formatDec(t.value_e4) }));
}

function toIndicator(l: Loaded): Indicator {
  const v = l.current;
  const comps = l.components.get(v.id) ?? [];
  const fy = l.row.fiscal_year;
  return {
    id: String(l.row.id),
    code: l.row.code,
    owner: l.row.owner_code,
    fiscalYear: fy,
    revision: l.row.revision,
    version: v.version,
    effectiveFrom: v.effective_from,
    removed: v.removed,
    nameTh: v.name_th,
    unit: v.unit,
    direction: v.direction,
    weight: formatDec(v.weight_e4),
    baseline: v.baseline_e4 === null ? null : formatDec(v.baseline_e4),
    dataSource: v.data_source,
    components: comps.map((c) => ({ key: c.key, nameTh: c.name_th })),
    scale: { levels: scaleOf(v).levels.map(formatDec), below: formatScore(v.below_score_e4), above: formatScore(v.above_score_e4) },
    targets: targetList(fy, l.targets.get(v.id) ?? [], comps),
  };
}

function toResult(fy: number, r: ResultRow, files: Map<bigint, FileRef>): Result {
  return {
    component: nullable(r.component),
    period: r.period,
    periodEnd: periodEnd(fy, r.period),
    value: formatDec(r.value_e4),
    date: r.result_date,
    source: r.source,
    evidenceUrl: r.evidence_url,
    evidenceFile: r.evidence_file_id === null ? null : (files.get(r.evidence_file_id) ?? null),
    enteredAt: new Date(r.entered_at).toISOString(),
    enteredBy: r.entered_by,
  };
}

interface Proposal {
  nameTh?: string;
  components?: { key: string; nameTh: string }[];
  targets?: { component: string | null; period: string; value: string }[];
}

function toChangeRequest(r: ChangeRequestRow, files: Map<bigint, FileRef>): ChangeRequest {
  return {
    id: String(r.id),
    indicatorId: String(r.indicator_id),
    indicator: r.indicator_code,
    kind: r.kind,
    proposal: r.proposal as Proposal,
    reason: r.reason,
    requestedOn: r.requested_on,
    requestedBy: r.requested_by,
    file: r.file_id === null ? null : (files.get(r.file_id) ?? null),
    decision: r.decision,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    note: r.decision_note,
    version: r.decision === 'approved' ? r.version : null,
  };
}

/** Budget x share (hundredths of a percent), half up to the satang. */
const shareAmount = (budget: bigint, share: number) => (budget * BigInt(share) * 2n + 10000n) / 20000n;

const toLink = (l: LinkRow): Link => ({
  project: l.project_code,
  projectNameTh: l.project_name_th,
  component: nullable(l.component),
  share: formatPercent(BigInt(l.share_hundredths)),
  projectBudget: formatAmount(l.project_budget),
  amount: formatAmount(shareAmount(l.project_budget, l.share_hundredths)),
});

// ---------------------------------------------------------------- warnings and scores

function latestOf(fy: number, results: ResultRow[], component: string): ResultRow | null {
  const mine = results.filter((r) => r.component === component).sort((a, b) => comparePeriods(fy, a.period, b.period));
  return mine[mine.length - 1] ?? null;
}

/** The warnings of an indicator as of a date: unsupported components, latest results behind their targets, results missing for ended periods. */
function warningsOf(l: Loaded, asOf: IsoDate): Warning[] {
  const v = l.current;
  if (v.removed) return [];
  const fy = l.row.fiscal_year;
  const comps = l.components.get(v.id) ?? [];
  const targets = l.targets.get(v.id) ?? [];
  const base = { indicatorId: String(l.row.id), indicator: l.row.code };
  const label = (c: string) =>
    c === '' ? `indicator ${l.row.code}` : `component ${c} (${comps.find((x) => x.key === c)?.name_th ?? c}) of ${l.row.code}`;
  const compName = (c: string) => (c === '' ? null : (comps.find((x) => x.key === c)?.name_th ?? null));
  const out: Warning[] = [];
  const supported = (c: string) => l.links.some((x) => x.component === c);
  const units = comps.length ? comps.map((c) => c.key) : [''];
  for (const c of units) {
    if (!supported(c))
      out.push({
        ...base,
        component: nullable(c),
        componentNameTh: compName(c),
        kind: 'unsupported',
        period: null,
        message: `No project supports ${label(c)}`,
      });
  }
  for (const c of ['', ...comps.map((x) => x.key)]) {
    const latest = latestOf(fy, l.results, c);
    const target = latest && targets.find((t) => t.component === c && t.period === latest.period);
    if (latest && target && isBehind(v.direction, target.value_e4, latest.value_e4)) {
      out.push({
        ...base,
        component: nullable(c),
        componentNameTh: compName(c),
        kind: 'behind',
        period: latest.period,
        message: `The latest result of ${label(c)} (${latest.period}: ${formatDec(latest.value_e4)} ${v.unit}) is behind its target ${formatDec(target.value_e4)}`,
      });
    }
  }
  for (const t of [...targets].sort((a, b) => comparePeriods(fy, a.period, b.period))) {
    if (t.component !== '' && !comps.some((c) => c.key === t.component)) continue;
    if (periodEnd(fy, t.period) >= asOf) continue;
    if (l.results.some((r) => r.component === t.component && r.period === t.period)) continue;
    out.push({
      ...base,
      component: nullable(t.component),
      componentNameTh: compName(t.component),
      kind: 'missing',
      period: t.period,
      message: `No result of ${label(t.component)} for ${t.period}, which ended on ${periodEnd(fy, t.period)}`,
    });
  }
  return out;
}

/** The score of the indicator's annual result on its scale, or null before it is in. */
function scoreOf(l: Loaded): Dec | null {
  const annual = l.results.find((r) => r.component === '' && r.period === 'annual');
  return annual ? score(l.current.direction, scaleOf(l.current), annual.value_e4) : null;
}

interface Weighted {
  /** sum(weight x score) and sum(weight) over the indicators scored, exactly (both in ten-thousandths). */
  num: bigint;
  den: bigint;
  total: bigint;
}

function weighted(items: Loaded[]): Weighted {
  let num = 0n;
  let den = 0n;
  let total = 0n;
  for (const l of items) {
    if (l.current.removed) continue;
    total += l.current.weight_e4;
    const s = scoreOf(l);
    if (s === null) continue;
    num += l.current.weight_e4 * s;
    den += l.current.weight_e4;
  }
  return { num, den, total };
}

const weightedScore = (w: Weighted) => (w.den === 0n ? null : formatScore(roundRatio(w.num, w.den * DEC_SCALE)));

// ---------------------------------------------------------------- reads

async function readOwnerYear(q: Queryable, actor: Actor, query: OwnerYearQuery): Promise<OwnerYear> {
  const owner = await resolveOwner(q, query.owner, query.fiscalYear);
  await assertCanReadOwner(q, actor, owner.kind, owner.code, query.fiscalYear);
  return loadOwnerYear(q, owner, query.fiscalYear, query.asOf);
}

const live = (items: Loaded[]) => items.filter((l) => !l.current.removed);

/** The agreement of an owner and fiscal year as of a date: its status, the indicators in force, the change requests. */
export async function getAgreement(q: Queryable, actor: Actor, query: OwnerYearQuery): Promise<Agreement> {
  const oy = await readOwnerYear(q, actor, query);
  return {
    owner: oy.owner.code,
    ownerKind: oy.owner.kind,
    ownerNameTh: oy.owner.nameTh,
    fiscalYear: query.fiscalYear,
    asOf: query.asOf,
    status: oy.agreement ? statusOn(oy.history, query.asOf) : null,
    statusHistory: oy.history
      .filter((h) => h.status_date <= query.asOf)
      .map((h) => ({ status: h.status, date: h.status_date, by: h.changed_by, reason: h.reason })),
    indicators: live(oy.items).map(toIndicator),
    changeRequests: oy.items.flatMap((l) => l.requests.map((r) => toChangeRequest(r, l.files))),
  };
}

/** The warnings of an owner's indicators as of a date. */
export async function getWarnings(q: Queryable, actor: Actor, query: OwnerYearQuery): Promise<Warnings> {
  const oy = await readOwnerYear(q, actor, query);
  const items = oy.items.flatMap((l) => warningsOf(l, query.asOf));
  return { owner: oy.owner.code, fiscalYear: query.fiscalYear, asOf: query.asOf, count: items.length, items };
}

async function requireReadable(q: Queryable, actor: Actor, id: bigint): Promise<IndicatorRow> {
  const row = await findIndicator(q, id);
  if (!row) throw notFound(`Indicator ${id}`);
  await assertCanReadOwner(q, actor, row.owner_kind, row.owner_code, row.fiscal_year);
  return row;
}

/** One indicator as of a date, with its versions, results, the series of the chart, links, change requests and warnings. */
export async function getIndicator(q: Queryable, actor: Actor, id: bigint, asOf: IsoDate = todayIso()): Promise<IndicatorDetail> {
  const row = await requireReadable(q, actor, id);
  const [l] = await load(q, [row], asOf);
  const fy = row.fiscal_year;
  const agreement = await findAgreement(q, row.owner_code, fy);
  const history = agreement ? await statusHistoryOf(q, agreement.id) : [];
  const comps = l!.components.get(l!.current.id) ?? [];
  const targets = l!.targets.get(l!.current.id) ?? [];
  const keys = new Set<string>();
  for (const t of targets) keys.add(`${t.component}\u0000${t.period}`);
  for (const r of l!.results) keys.add(`${r.component}\u0000${r.period}`);
  const order = ['', ...comps.map((c) => c.key)];
  const series = [...keys]
    .map((k) => k.split('\u0000') as [string, string])
    .sort(([ca, pa], [cb, pb]) => (order.indexOf(ca) + 1 || 99) - (order.indexOf(cb) + 1 || 99) || ca.localeCompare(cb) || comparePeriods(fy, pa, pb))
    .map(([c, p]) => {
      const t = targets.find((x) => x.component === c && x.period === p);
      const r = l!.results.find((x) => x.component === c && x.period === p);
      return {
        component: nullable(c),
        period: p,
        periodEnd: periodEnd(fy, p),
        target: t ? formatDec(t.value_e4) : null,
        result: r ? formatDec(r.value_e4) : null,
      };
    });
  return {
    ...toIndicator(l!),
    agreementStatus: agreement ? statusOn(history, asOf) : null,
    versions: l!.versions.map((v) => ({
      version: v.version,
      effectiveFrom: v.effective_from,
      removed: v.removed,
      nameTh: v.name_th,
      changeRequest: v.change_request_id === null ? null : String(v.change_request_id),
      createdBy: v.created_by,
      targets: targetList(fy, l!.targets.get(v.id) ?? [], l!.components.get(v.id) ?? []),
    })),
    results: l!.results.map((r) => toResult(fy, r, l!.files)),
    series,
    links: l!.links.map(toLink),
    changeRequests: l!.requests.map((r) => toChangeRequest(r, l!.files)),
    warnings: warningsOf(l!, asOf),
  };
}

/** A stored file (evidence or supporting file), for whoever may read the indicator it belongs to. */
export async function getFile(q: Queryable, actor: Actor, id: bigint): Promise<{ ref: FileRef; data: Buffer }> {
  const f = await fileWithOwner(q, id);
  if (!f || f.indicatorId === null) throw notFound(`File ${id}`);
  await requireReadable(q, actor, f.indicatorId);
  return { ref: f.ref, data: f.data };
}

/** The indicator report of an owner: each indicator with target, latest result, achievement, score, open change requests and warnings. */
export async function indicatorReport(q: Queryable, actor: Actor, query: OwnerYearQuery): Promise<IndicatorReport> {
  const oy = await readOwnerYear(q, actor, query);
  const fy = query.fiscalYear;
  const items = live(oy.items);
  const lines: ReportLine[] = items.map((l) => {
    const v = l.current;
    const targets = l.targets.get(v.id) ?? [];
    const latest = latestOf(fy, l.results, '');
    const latestTarget = latest ? targets.find((t) => t.component === '' && t.period === latest.period) : undefined;
    const annual = targets.find((t) => t.component === '' && t.period === 'annual');
    const s = scoreOf(l);
    const ach = latest && latestTarget ? achievement(v.direction, latestTarget.value_e4, latest.value_e4) : null;
    return {
      id: String(l.row.id),
      code: l.row.code,
      nameTh: v.name_th,
      components: (l.components.get(v.id) ?? []).map((c) => ({ key: c.key, nameTh: c.name_th })),
      unit: v.unit,
      direction: v.direction,
      weight: formatDec(v.weight_e4),
      version: v.version,
      annualTarget: annual ? formatDec(annual.value_e4) : null,
      latest: latest
        ? {
            period: latest.period,
            value: formatDec(latest.value_e4),
            date: latest.result_date,
            target: latestTarget ? formatDec(latestTarget.value_e4) : null,
            achievement: ach === null ? null : formatPercent(ach),
          }
        : null,
      score: s === null ? null : formatScore(s),
      openChangeRequests: l.requests.filter((r) => r.decision === null).map((r) => toChangeRequest(r, l.files)),
      warnings: warningsOf(l, query.asOf),
    };
  });
  const w = weighted(items);
  return {
    owner: oy.owner.code,
    ownerKind: oy.owner.kind,
    ownerNameTh: oy.owner.nameTh,
    fiscalYear: fy,
    asOf: query.asOf,
    status: oy.agreement ? statusOn(oy.history, query.asOf) : null,
    indicators: lines,
    weightedScore: weightedScore(w),
    scoredWeight: formatDec(w.den),
    totalWeight: formatDec(w.total),
    warningCount: lines.reduce((n, x) => n + x.warnings.length, 0),
  };
}

/** The clusters of a fiscal year ranked by their weighted agreement score (exact ratios; ties share a rank; unscored last). */
export async function indicatorRanking(q: Queryable, actor: Actor, query: IndicatorRankingQuery): Promise<IndicatorRanking> {
  if (actor.role === 'agency_reporter')
    throw new AppError('forbidden', `${describeActor(actor)} may not read the indicator ranking: it may read only the projects assigned to it`);
  const scheme = await schemeForFiscalYear(q, query.fiscalYear);
  const clusters = await listClusters(q, scheme, query.asOf);
  const scored: { owner: string; nameTh: string; w: Weighted }[] = [];
  for (const c of clusters) {
    const owner: Owner = { kind: 'cluster', code: c.code, clusterId: 0, scheme, nameTh: c.nameTh, nameEn: c.nameEn };
    const oy = await loadOwnerYear(q, owner, query.fiscalYear, query.asOf);
    scored.push({ owner: c.code, nameTh: c.nameTh, w: weighted(oy.items) });
  }
  const withScore = scored.filter((e) => e.w.den > 0n).sort((a, b) => compareRatios(b.w.num, b.w.den, a.w.num, a.w.den));
  const entries: IndicatorRanking['entries'] = [];
  withScore.forEach((e, i) => {
    const prev = withScore[i - 1];
    const tied = prev && compareRatios(prev.w.num, prev.w.den, e.w.num, e.w.den) === 0;
    const rank = tied ? entries[i - 1]!.rank : i + 1;
    entries.push({
      owner: e.owner,
      nameTh: e.nameTh,
      weightedScore: weightedScore(e.w),
      scoredWeight: formatDec(e.w.den),
      totalWeight: formatDec(e.w.total),
      rank,
    });
  });
  for (const e of scored.filter((x) => x.w.den === 0n)) {
    entries.push({ owner: e.owner, nameTh: e.nameTh, weightedScore: null, scoredWeight: '0', totalWeight: formatDec(e.w.total), rank: null });
  }
  return { fiscalYear: query.fiscalYear, asOf: query.asOf, entries };
}

// ---------------------------------------------------------------- writes

const invalid = (message: string, field: string) => new AppError('validation', message, { field });

/** Checks components and targets against each other and the fiscal year. */
function checkDefinition(fy: number, components: ComponentInput[], targets: TargetInput[], fieldPrefix = ''): void {
  const keys = new Set<string>();
  components.forEach((c, i) => {
    if (keys.has(c.key)) throw invalid(`Component ${c.key} appears twice`, `${fieldPrefix}components.${i}.key`);
    keys.add(c.key);
  });
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const problem = periodProblem(fy, t.period);
    if (problem) throw invalid(problem, `${fieldPrefix}targets.${i}.period`);
    if (t.component !== undefined && !keys.has(t.component))
      throw invalid(`targets.${i}: the indicator has no component ${t.component}`, `${fieldPrefix}targets.${i}.component`);
    const k = `${t.component ?? ''}/${t.period}`;
    if (seen.has(k))
      throw invalid(`A target for ${t.component ?? 'the indicator'} in ${t.period} appears twice`, `${fieldPrefix}targets.${i}.period`);
    seen.add(k);
  });
}

async function insertVersion(
  tx: Queryable,
  by: string,
  indicatorId: bigint,
  version: number,
  effectiveFrom: IsoDate,
  d: Omit<IndicatorDefinition, 'components' | 'targets'> & { removed?: boolean },
  changeRequestId: bigint | null,
): Promise<bigint> {
  const [r] = await tx.query<{ id: bigint }>(
    `INSERT INTO indicator_versions (indicator_id, version, effective_from, removed, name_th, unit, direction, weight_e4, baseline_e4, data_source,
                                     level1_e4, level2_e4, level3_e4, level4_e4, level5_e4, below_score_e4, above_score_e4, change_request_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
    [
      indicatorId,
      version,
      effectiveFrom,
      d.removed ?? false,
      d.nameTh,
      d.unit,
      d.direction,
      d.weight,
      d.baseline,
      d.dataSource,
      ...(d.scale.levels as bigint[]),
      d.scale.below,
      d.scale.above,
      changeRequestId,
      by,
    ],
  );
  return r!.id;
}

async function insertParts(
  tx: Queryable,
  versionId: bigint,
  components: ComponentInput[],
  targets: { component?: string | null; period: string; value: bigint }[],
) {
  for (const [i, c] of components.entries())
    await tx.query('INSERT INTO indicator_components (version_id, key, name_th, position) VALUES ($1, $2, $3, $4)', [versionId, c.key, c.nameTh, i]);
  for (const t of targets)
    await tx.query('INSERT INTO indicator_targets (version_id, component, period, value_e4) VALUES ($1, $2, $3, $4)', [
      versionId,
      t.component ?? '',
      t.period,
      t.value,
    ]);
}

function checkScale(d: IndicatorDefinition): void {
  const problem = scaleProblem(d.direction, { levels: d.scale.levels as Scale['levels'], below: d.scale.below, above: d.scale.above });
  if (problem) throw invalid(`The scoring scale: ${problem}`, 'scale.levels');
}

async function currentStatus(tx: Queryable, agreementId: bigint): Promise<{ status: AgreementStatus; last: StatusRow | null }> {
  const history = await statusHistoryOf(tx, agreementId);
  const last = history[history.length - 1] ?? null;
  return { status: last?.status ?? 'draft', last };
}

async function assertDraft(tx: Queryable, agreementId: bigint, what: string): Promise<void> {
  const { status } = await currentStatus(tx, agreementId);
  if (status !== 'draft')
    throw new AppError('invalid_transition', `The agreement is ${status}: ${what} only through a change request, which an administrator decides`, {
      status,
    });
}

/** Reads back an indicator after a write (as of the far future: the latest version). */
async function readBack(tx: Queryable, id: bigint): Promise<Indicator> {
  const row = await findIndicator(tx, id);
  const [l] = await load(tx, [row!], '9999-12-31');
  return toIndicator(l!);
}

/** Creates an indicator of an owner's agreement for a fiscal year (the agreement, a draft, with it when it is the first). */
export async function createIndicator(ctx: Ctx, input: CreateIndicatorInput, opts: { draftedOn?: IsoDate } = {}): Promise<Indicator> {
  return ctx.db.transaction((tx) => insertIndicator(tx, ctx.actor, input, opts));
}

export async function insertIndicator(
  tx: Queryable,
  actor: Actor,
  input: CreateIndicatorInput,
  opts: { draftedOn?: IsoDate } = {},
): Promise<Indicator> {
  const owner = await resolveOwner(tx, input.owner, input.fiscalYear);
  await assertCanWriteOwner(tx, actor, owner, input.fiscalYear, 'edit the indicators of');
  checkScale(input);
  checkDefinition(input.fiscalYear, input.components, input.targets);
  let agreement = await findAgreement(tx, owner.code, input.fiscalYear, true);
  if (!agreement) {
    await tx.query('INSERT INTO agreements (owner_kind, owner_code, fiscal_year, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      owner.kind,
      owner.code,
      input.fiscalYear,
      actor.username,
    ]);
    agreement = (await findAgreement(tx, owner.code, input.fiscalYear, true))!;
    await tx.query(`INSERT INTO agreement_status_history (agreement_id, status, status_date, changed_by) VALUES ($1, 'draft', $2, $3)`, [
      agreement.id,
      opts.draftedOn ?? minDate(todayIso(), fiscalYearStart(input.fiscalYear)),
      actor.username,
    ]);
  } else await assertDraft(tx, agreement.id, 'indicators are added');
  const [dup] = await tx.query('SELECT 1 FROM indicators WHERE agreement_id = $1 AND code = $2', [agreement.id, input.code]);
  if (dup)
    throw new AppError('conflict', `Indicator ${input.code} of ${owner.code} for fiscal year ${input.fiscalYear} exists already`, { field: 'code' });
  const [ind] = await tx.query<{ id: bigint }>('INSERT INTO indicators (agreement_id, code, created_by) VALUES ($1, $2, $3) RETURNING id', [
    agreement.id,
    input.code,
    actor.username,
  ]);
  const versionId = await insertVersion(tx, actor.username, ind!.id, 1, fiscalYearStart(input.fiscalYear), input, null);
  await insertParts(tx, versionId, input.components, input.targets);
  const out = await readBack(tx, ind!.id);
  await audit(tx, actor, { action: 'create', entityType: 'indicator', entityKey: `${owner.code}/${input.fiscalYear}/${input.code}`, after: out });
  return out;
}

async function lockIndicatorFor(tx: Queryable, actor: Actor, id: bigint, action: OwnerAction): Promise<IndicatorRow> {
  const row = await findIndicator(tx, id, true);
  if (!row) throw notFound(`Indicator ${id}`);
  await assertCanWriteOwner(tx, actor, { kind: row.owner_kind, code: row.owner_code }, row.fiscal_year, action);
  return row;
}

/** Edits an indicator while its agreement is a draft: its latest version is replaced (the audit trail keeps the former one). */
export async function updateIndicator(ctx: Ctx, id: bigint, input: UpdateIndicatorInput): Promise<Indicator> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockIndicatorFor(tx, ctx.actor, id, 'edit the indicators of');
    await assertDraft(tx, row.agreement_id, 'an indicator changes');
    if (input.revision !== undefined && input.revision !== row.revision)
      throw new AppError('conflict', `Indicator ${row.code} changed meanwhile (revision ${row.revision}, not ${input.revision}): reload it`, {
        field: 'revision',
      });
    checkScale(input);
    checkDefinition(row.fiscal_year, input.components, input.targets);
    const before = await readBack(tx, id);
    await tx.query('UPDATE indicators SET revision = revision + 1 WHERE id = $1', [id]);
    const [v] = await tx.query<{ id: bigint }>('SELECT id FROM indicator_versions WHERE indicator_id = $1 ORDER BY version DESC LIMIT 1', [id]);
    await tx.query(
      `UPDATE indicator_versions SET name_th = $2, unit = $3, direction = $4, weight_e4 = $5, baseline_e4 = $6, data_source = $7,
              level1_e4 = $8, level2_e4 = $9, level3_e4 = $10, level4_e4 = $11, level5_e4 = $12, below_score_e4 = $13, above_score_e4 = $14
        WHERE id = $1`,
      [
        v!.id,
        input.nameTh,
        input.unit,
        input.direction,
        input.weight,
        input.baseline,
        input.dataSource,
        ...(input.scale.levels as bigint[]),
        input.scale.below,
        input.scale.above,
      ],
    );
    await tx.query('DELETE FROM indicator_targets WHERE version_id = $1', [v!.id]);
    await tx.query('DELETE FROM indicator_components WHERE version_id = $1', [v!.id]);
    await insertParts(tx, v!.id, input.components, input.targets);
    const after = await readBack(tx, id);
    await audit(tx, ctx.actor, { action: 'update', entityType: 'indicator', entityKey: indicatorKey(row), before, after });
    return after;
  });
}

/** Moves an owner's agreement one step (draft -> proposed -> agreed): administrators, acting for the OPDC. */
export async function setAgreementStatus(ctx: Ctx, ownerCode: string, fiscalYear: number, input: StatusInput): Promise<Agreement> {
  await ctx.db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, ownerCode, fiscalYear);
    assertAdmin(ctx.actor, `${input.status === 'proposed' ? 'propose' : 'agree'} the agreement of ${owner.code} (fiscal year ${fiscalYear})`);
    const agreement = await findAgreement(tx, owner.code, fiscalYear, true);
    if (!agreement) throw notFound(`The agreement of ${owner.code} for fiscal year ${fiscalYear} (it has no indicator yet)`);
    const { status, last } = await currentStatus(tx, agreement.id);
    const problem = transitionProblem(status, input.status);
    if (problem) throw new AppError('invalid_transition', `The agreement of ${owner.code} for fiscal year ${fiscalYear} ${problem}`, { status });
    if (last && input.date < last.status_date)
      throw invalid(`The date ${input.date} is before the agreement's last step (${last.status} on ${last.status_date})`, 'date');
    if (input.date > todayIso()) throw invalid(`The date ${input.date} is in the future`, 'date');
    await tx.query('INSERT INTO agreement_status_history (agreement_id, status, status_date, reason, changed_by) VALUES ($1, $2, $3, $4, $5)', [
      agreement.id,
      input.status,
      input.date,
      input.reason ?? null,
      ctx.actor.username,
    ]);
    await audit(tx, ctx.actor, {
      action: input.status === 'proposed' ? 'propose' : 'agree',
      entityType: 'agreement',
      entityKey: ownerKey(agreement),
      before: { status, date: last?.status_date ?? null },
      after: { status: input.status, date: input.date },
      reason: input.reason ?? null,
    });
  });
  return getAgreement(ctx.db, ctx.actor, { owner: ownerCode, fiscalYear, asOf: '9999-12-31' });
}

/** The components an indicator has had in any version. */
async function componentKeysEver(tx: Queryable, indicatorId: bigint): Promise<Set<string>> {
  const rows = await tx.query<{ key: string }>(
    'SELECT DISTINCT c.key FROM indicator_components c JOIN indicator_versions v ON v.id = c.version_id WHERE v.indicator_id = $1',
    [indicatorId],
  );
  return new Set(rows.map((r) => r.key));
}

/** Enters (or corrects) a result inside the caller's transaction: the API, the web UI and imports. Unchanged when identical. */
export async function applyResult(
  tx: Queryable,
  actor: Actor,
  row: IndicatorRow,
  period: string,
  input: ResultInput,
): Promise<{ outcome: 'added' | 'unchanged'; result: Result }> {
  await assertCanWriteOwner(tx, actor, { kind: row.owner_kind, code: row.owner_code }, row.fiscal_year, 'enter indicator results of');
  const fy = row.fiscal_year;
  const problem = periodProblem(fy, period);
  if (problem) throw invalid(problem, 'period');
  const component = input.component ?? '';
  if (component !== '' && !(await componentKeysEver(tx, row.id)).has(component))
    throw invalid(`Indicator ${row.code} has no component ${component}`, 'component');
  if (input.date > todayIso()) throw invalid(`The date ${input.date} is in the future`, 'date');
  if (input.date < fiscalYearStart(fy)) throw invalid(`The date ${input.date} is before fiscal year ${fy} (from ${fiscalYearStart(fy)})`, 'date');
  const [l] = await load(tx, [row], input.date);
  if (l!.current.removed)
    throw new AppError('invalid_transition', `Indicator ${row.code} was removed from the agreement on ${l!.current.effective_from}`);
  const [old] = await tx.query<ResultRow>('SELECT * FROM indicator_results WHERE indicator_id = $1 AND component = $2 AND period = $3 FOR UPDATE', [
    row.id,
    component,
    period,
  ]);
  const files = await fileRefs(tx, old?.evidence_file_id ? [old.evidence_file_id] : []);
  const same =
    old && old.value_e4 === input.value && old.result_date === input.date && old.source === input.source && old.evidence_url === input.evidenceUrl;
  if (same) return { outcome: 'unchanged', result: toResult(fy, old, files) };
  if (old) {
    await tx.query(
      `UPDATE indicator_results SET value_e4 = $2, result_date = $3, source = $4, evidence_url = $5, entered_at = now(), entered_by = $6 WHERE id = $1`,
      [old.id, input.value, input.date, input.source, input.evidenceUrl, actor.username],
    );
  } else {
    await tx.query(
      `INSERT INTO indicator_results (indicator_id, component, period, value_e4, result_date, source, evidence_url, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, component, period, input.value, input.date, input.source, input.evidenceUrl, actor.username],
    );
  }
  const [after] = await tx.query<ResultRow>('SELECT * FROM indicator_results WHERE indicator_id = $1 AND component = $2 AND period = $3', [
    row.id,
    component,
    period,
  ]);
  const result = toResult(fy, after!, files);
  await audit(tx, actor, {
    action: old ? 'correct result' : 'enter result',
    entityType: 'indicator_result',
    entityKey: `${indicatorKey(row)}/${component || '-'}/${period}`,
    before: old ? toResult(fy, old, files) : null,
    after: result,
  });
  return { outcome: 'added', result };
}

export async function enterResult(ctx: Ctx, id: bigint, period: string, input: ResultInput): Promise<Result> {
  return ctx.db.transaction(async (tx) => {
    const row = await findIndicator(tx, id, true);
    if (!row) throw notFound(`Indicator ${id}`);
    return (await applyResult(tx, ctx.actor, row, period, input)).result;
  });
}

export interface Upload {
  name: string;
  mediaType: string;
  data: Buffer;
}

const MAX_FILE = 20 * 1024 * 1024;
function checkUpload(f: Upload): void {
  if (f.data.length === 0) throw invalid('The file is empty', 'file');
  if (f.data.length > MAX_FILE) throw new AppError('payload_too_large', `The file is larger than ${MAX_FILE / 1024 / 1024} MiB`);
}

/** Attaches a file as the evidence of an entered result (replacing the link or file it had). */
export async function attachEvidence(ctx: Ctx, id: bigint, period: string, component: string | undefined, file: Upload): Promise<Result> {
  checkUpload(file);
  return ctx.db.transaction(async (tx) => {
    const row = await lockIndicatorFor(tx, ctx.actor, id, 'enter indicator results of');
    const [old] = await tx.query<ResultRow>('SELECT * FROM indicator_results WHERE indicator_id = $1 AND component = $2 AND period = $3 FOR UPDATE', [
      id,
      component ?? '',
      period,
    ]);
    if (!old) throw notFound(`The result of ${component ? `component ${component} of ` : ''}indicator ${row.code} for ${period}`);
    const ref = await insertFile(tx, ctx.actor.username, file);
    await tx.query('UPDATE indicator_results SET evidence_file_id = $2, evidence_url = NULL, entered_at = now(), entered_by = $3 WHERE id = $1', [
      old.id,
      BigInt(ref.id),
      ctx.actor.username,
    ]);
    const [after] = await tx.query<ResultRow>('SELECT * FROM indicator_results WHERE id = $1', [old.id]);
    const files = await fileRefs(
      tx,
      [old.evidence_file_id, BigInt(ref.id)].filter((x): x is bigint => x !== null),
    );
    const result = toResult(row.fiscal_year, after!, files);
    await audit(tx, ctx.actor, {
      action: 'attach evidence',
      entityType: 'indicator_result',
      entityKey: `${indicatorKey(row)}/${component || '-'}/${period}`,
      before: toResult(row.fiscal_year, old, files),
      after: result,
    });
    return result;
  });
}

/** Sets the projects supporting an indicator and its components (the whole list), with the share of each project's budget. */
export async function setLinks(ctx: Ctx, id: bigint, input: LinksInput): Promise<Link[]> {
  return ctx.db.transaction((tx) => applyLinks(tx, ctx.actor, id, input));
}

/** setLinks inside the caller's transaction (the API and the demo data). */
export async function applyLinks(tx: Queryable, actor: Actor, id: bigint, input: LinksInput): Promise<Link[]> {
  const row = await lockIndicatorFor(tx, actor, id, 'link projects to the indicators of');
  const [l] = await load(tx, [row], '9999-12-31');
  const keys = new Set((l!.components.get(l!.current.id) ?? []).map((c) => c.key));
  const seen = new Set<string>();
  const resolved: { projectId: bigint; component: string; share: bigint }[] = [];
  for (const [i, link] of input.links.entries()) {
    const field = `links.${i}`;
    const [p] = await tx.query<{ id: bigint; fiscal_year: number; owner_kind: 'cluster' | 'province'; owner_code: string }>(
      `SELECT p.id, p.fiscal_year, p.owner_kind, coalesce(c.slug, p.province_code) AS owner_code
           FROM projects p LEFT JOIN clusters c ON c.id = p.cluster_id WHERE p.code = $1 AND p.deleted_at IS NULL`,
      [link.project],
    );
    if (!p) throw invalid(`${field}: project ${link.project} not found`, `${field}.project`);
    if (p.fiscal_year !== row.fiscal_year)
      throw invalid(`${field}: project ${link.project} is of fiscal year ${p.fiscal_year}, not ${row.fiscal_year}`, `${field}.project`);
    const within =
      row.owner_kind === 'cluster'
        ? await ownerWithinCluster(tx, row.owner_code, p.owner_kind, p.owner_code, row.fiscal_year)
        : p.owner_kind === 'province' && p.owner_code === row.owner_code;
    if (!within) throw invalid(`${field}: project ${link.project} (owner ${p.owner_code}) is not one of ${row.owner_code}'s`, `${field}.project`);
    const component = link.component ?? '';
    if (component !== '' && !keys.has(component))
      throw invalid(`${field}: indicator ${row.code} has no component ${component}`, `${field}.component`);
    const k = `${link.project}/${component}`;
    if (seen.has(k)) throw invalid(`${field}: project ${link.project} is linked to ${component || 'the indicator'} twice`, `${field}.project`);
    seen.add(k);
    resolved.push({ projectId: p.id, component, share: link.share });
  }
  const before = l!.links.map(toLink);
  await tx.query('DELETE FROM indicator_links WHERE indicator_id = $1', [id]);
  for (const r of resolved)
    await tx.query('INSERT INTO indicator_links (indicator_id, component, project_id, share_hundredths, created_by) VALUES ($1, $2, $3, $4, $5)', [
      id,
      r.component,
      r.projectId,
      Number(r.share),
      actor.username,
    ]);
  // A project's budget cannot serve more than all of itself.
  const over = await tx.query<{ code: string; total: number }>(
    `SELECT p.code, sum(l.share_hundredths)::int AS total FROM indicator_links l JOIN projects p ON p.id = l.project_id
        WHERE l.project_id = ANY($1::bigint[]) GROUP BY p.code HAVING sum(l.share_hundredths) > 10000 ORDER BY p.code`,
    [resolved.map((r) => String(r.projectId))],
  );
  if (over[0]) {
    const i = input.links.findIndex((x) => x.project === over[0]!.code);
    throw invalid(
      `links.${i}: the shares of project ${over[0].code}'s budget linked to indicators would total ${formatPercent(BigInt(over[0].total))} %, more than 100`,
      `links.${i}.share`,
    );
  }
  const after = (await linksOf(tx, [id])).map(toLink);
  await audit(tx, actor, {
    action: 'set links',
    entityType: 'indicator',
    entityKey: indicatorKey(row),
    before: { links: before },
    after: { links: after },
    reason: input.reason ?? null,
  });
  return after;
}

/** Files a change request on an indicator (a new name, targets, components, or its removal): officers of the owner. */
export async function requestChange(ctx: Ctx, id: bigint, input: ChangeRequestInput): Promise<ChangeRequest> {
  return ctx.db.transaction((tx) => insertChangeRequest(tx, ctx.actor, id, input));
}

export async function insertChangeRequest(tx: Queryable, actor: Actor, id: bigint, input: ChangeRequestInput): Promise<ChangeRequest> {
  const row = await lockIndicatorFor(tx, actor, id, 'request changes to the indicators of');
  const requestedOn = input.requestedOn ?? todayIso();
  if (requestedOn > todayIso()) throw invalid(`The date ${requestedOn} is in the future`, 'requestedOn');
  const [l] = await load(tx, [row], '9999-12-31');
  if (l!.current.removed) throw new AppError('invalid_transition', `Indicator ${row.code} is removed: nothing is left to change`);
  const [open] = await tx.query<{ id: bigint }>('SELECT id FROM indicator_change_requests WHERE indicator_id = $1 AND decision IS NULL', [id]);
  if (open) throw new AppError('conflict', `Indicator ${row.code} has an open change request (${open.id}): it is decided first`);
  const components = input.components ?? (l!.components.get(l!.current.id) ?? []).map((c) => ({ key: c.key, nameTh: c.name_th }));
  checkDefinition(row.fiscal_year, components, input.targets ?? []);
  const proposal: Proposal = {};
  if (input.nameTh !== undefined) proposal.nameTh = input.nameTh;
  if (input.components !== undefined) proposal.components = input.components;
  if (input.targets !== undefined)
    proposal.targets = input.targets.map((t) => ({ component: t.component ?? null, period: t.period, value: formatDec(t.value) }));
  const [r] = await tx.query<{ id: bigint }>(
    `INSERT INTO indicator_change_requests (indicator_id, kind, proposal, reason, requested_on, requested_by)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING id`,
    [id, input.kind, JSON.stringify(proposal), input.reason, requestedOn, actor.username],
  );
  const out = toChangeRequest((await findChangeRequest(tx, r!.id))!, new Map());
  await audit(tx, actor, {
    action: 'request change',
    entityType: 'indicator_change_request',
    entityKey: String(r!.id),
    after: out,
    reason: input.reason,
  });
  return out;
}

async function lockRequest(tx: Queryable, id: bigint): Promise<{ cr: ChangeRequestRow; row: IndicatorRow }> {
  const cr = await findChangeRequest(tx, id, true);
  if (!cr) throw notFound(`Change request ${id}`);
  const row = (await findIndicator(tx, cr.indicator_id, true))!;
  return { cr, row };
}

/** Attaches the supporting file of an open change request. */
export async function attachRequestFile(ctx: Ctx, id: bigint, file: Upload): Promise<ChangeRequest> {
  checkUpload(file);
  return ctx.db.transaction(async (tx) => {
    const { cr, row } = await lockRequest(tx, id);
    await assertCanWriteOwner(tx, ctx.actor, { kind: row.owner_kind, code: row.owner_code }, row.fiscal_year, 'request changes to the indicators of');
    if (cr.decision) throw new AppError('invalid_transition', `Change request ${id} is decided (${cr.decision}): its file cannot change`);
    const ref = await insertFile(tx, ctx.actor.username, file);
    await tx.query('UPDATE indicator_change_requests SET file_id = $2 WHERE id = $1', [id, BigInt(ref.id)]);
    const files = await fileRefs(
      tx,
      [cr.file_id, BigInt(ref.id)].filter((x): x is bigint => x !== null),
    );
    const out = toChangeRequest((await findChangeRequest(tx, id))!, files);
    await audit(tx, ctx.actor, {
      action: 'attach file',
      entityType: 'indicator_change_request',
      entityKey: String(id),
      before: toChangeRequest(cr, files),
      after: out,
    });
    return out;
  });
}

/**
 * Approves or rejects a change request: administrators, acting for the OPDC. An approved change
 * adds the indicator's next version, in force from the decision's date; the former version and
 * its targets stay on record, so reports as of an earlier date show them.
 */
export async function decideChangeRequest(ctx: Ctx, id: bigint, input: DecisionInput): Promise<ChangeRequest> {
  return ctx.db.transaction(async (tx) => {
    assertAdmin(ctx.actor, 'decide indicator change requests');
    const { cr, row } = await lockRequest(tx, id);
    if (cr.decision) throw new AppError('invalid_transition', `Change request ${id} is decided already (${cr.decision} on ${cr.decided_on})`);
    const date = input.date ?? todayIso();
    if (date > todayIso()) throw invalid(`The date ${date} is in the future`, 'date');
    if (date < cr.requested_on) throw invalid(`The date ${date} is before the request (${cr.requested_on})`, 'date');
    if (input.decision === 'approved') {
      const [l] = await load(tx, [row], '9999-12-31');
      const latest = l!.versions[l!.versions.length - 1]!;
      if (date < latest.effective_from)
        throw invalid(`The date ${date} is before version ${latest.version} of indicator ${row.code} took effect (${latest.effective_from})`, 'date');
      const p = cr.proposal as Proposal;
      const oldComps = (l!.components.get(latest.id) ?? []).map((c) => ({ key: c.key, nameTh: c.name_th }));
      const comps = p.components ?? oldComps;
      const keep = new Set(['', ...comps.map((c) => c.key)]);
      const targets = new Map<string, { component: string; period: string; value: bigint }>();
      for (const t of l!.targets.get(latest.id) ?? [])
        if (keep.has(t.component)) targets.set(`${t.component}/${t.period}`, { ...t, value: t.value_e4 });
      for (const t of p.targets ?? [])
        targets.set(`${t.component ?? ''}/${t.period}`, { component: t.component ?? '', period: t.period, value: parseDec(t.value)! });
      const versionId = await insertVersion(
        tx,
        ctx.actor.username,
        row.id,
        latest.version + 1,
        date,
        {
          nameTh: p.nameTh ?? latest.name_th,
          unit: latest.unit,
          direction: latest.direction,
          weight: latest.weight_e4,
          baseline: latest.baseline_e4,
          dataSource: latest.data_source,
          scale: { levels: scaleOf(latest).levels, below: latest.below_score_e4, above: latest.above_score_e4 },
          removed: cr.kind === 'remove',
        },
        id,
      );
      await insertParts(tx, versionId, comps, [...targets.values()]);
    }
    await tx.query(
      'UPDATE indicator_change_requests SET decision = $2, decided_on = $3, decided_at = now(), decided_by = $4, decision_note = $5 WHERE id = $1',
      [id, input.decision, date, ctx.actor.username, input.note ?? null],
    );
    const files = await fileRefs(tx, cr.file_id ? [cr.file_id] : []);
    const out = toChangeRequest((await findChangeRequest(tx, id))!, files);
    await audit(tx, ctx.actor, {
      action: input.decision === 'approved' ? 'approve' : 'reject',
      entityType: 'indicator_change_request',
      entityKey: String(id),
      before: toChangeRequest(cr, files),
      after: out,
      reason: input.note ?? null,
    });
    return out;
  });
}
