import type { Queryable } from '../../db/db.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { formatPercent } from '../../core/percent.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin, assertCanWriteOwner } from '../users/access.ts';
import { resolveOwner } from '../reference/reference.queries.ts';
import { DEFAULT_WARNING_SETTINGS, quarterEnd, type WarningSettings } from './progress.rules.ts';
import type { ProgressSettingsOutput, SetTargetsInput, Target, Targets } from './progress.schema.ts';

interface TargetRow {
  owner_key: string;
  quarter: number;
  category: Target['category'];
  percent_hundredths: number;
}

/** The targets that apply to an owner: its own where set, else the cabinet's (for each quarter and category). */
export async function targetsFor(q: Queryable, fiscalYear: number, ownerCode: string | null): Promise<Target[]> {
  const rows = await q.query<TargetRow>(
    `SELECT owner_key, quarter, category, percent_hundredths FROM disbursement_targets
      WHERE fiscal_year = $1 AND owner_key IN ('', $2) ORDER BY quarter, category`,
    [fiscalYear, ownerCode ?? ''],
  );
  const chosen = new Map<string, TargetRow>();
  for (const r of rows) {
    const k = `${r.quarter}/${r.category}`;
    const prev = chosen.get(k);
    if (!prev || r.owner_key !== '') chosen.set(k, r);
  }
  const order = ['all', 'operating', 'investment', 'other'];
  return [...chosen.values()]
    .sort((a, b) => a.quarter - b.quarter || order.indexOf(a.category) - order.indexOf(b.category))
    .map((r) => ({
      quarter: r.quarter,
      endDate: quarterEnd(fiscalYear, r.quarter),
      category: r.category,
      percent: formatPercent(BigInt(r.percent_hundredths)),
      source: r.owner_key === '' ? 'cabinet' : 'owner',
    }));
}

export async function getTargets(q: Queryable, _actor: Actor, fiscalYear: number, owner?: string): Promise<Targets> {
  const code = owner ? (await resolveOwner(q, owner, fiscalYear)).code : null;
  return { fiscalYear, owner: code, targets: await targetsFor(q, fiscalYear, code) };
}

/**
 * Sets (replaces) the targets of a fiscal year: the cabinet's (administrators), or an owner's own
 * (administrators, or the officer of that owner: see assertCanWriteOwner).
 */
export async function setTargets(ctx: Ctx, input: SetTargetsInput): Promise<Targets> {
  return ctx.db.transaction((tx) => applyTargets(tx, ctx.actor, input));
}

/** Sets the targets inside the caller's transaction (the API, the demo). */
export async function applyTargets(tx: Queryable, actor: Actor, input: SetTargetsInput): Promise<Targets> {
  let ownerKey = '';
  if (input.owner) {
    const owner = await resolveOwner(tx, input.owner, input.fiscalYear);
    await assertCanWriteOwner(tx, actor, owner, input.fiscalYear, 'set the disbursement targets of');
    ownerKey = owner.code;
  } else assertAdmin(actor, "set the cabinet's disbursement targets");
  const seen = new Set<string>();
  for (const t of input.targets) {
    const k = `${t.quarter}/${t.category}`;
    if (seen.has(k)) throw new AppError('validation', `Quarter ${t.quarter} (${t.category}) appears twice`, { field: 'targets' });
    seen.add(k);
  }
  const before = await q_targets(tx, input.fiscalYear, ownerKey);
  await tx.query('DELETE FROM disbursement_targets WHERE fiscal_year = $1 AND owner_key = $2', [input.fiscalYear, ownerKey]);
  for (const t of input.targets) {
    await tx.query(
      `INSERT INTO disbursement_targets (fiscal_year, owner_key, quarter, category, percent_hundredths, updated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.fiscalYear, ownerKey, t.quarter, t.category, Number(t.percent), actor.username],
    );
  }
  const after = await q_targets(tx, input.fiscalYear, ownerKey);
  await audit(tx, actor, {
    action: 'update',
    entityType: 'disbursement_targets',
    entityKey: `${input.fiscalYear}/${ownerKey || 'cabinet'}`,
    before: { targets: before },
    after: { targets: after },
    reason: input.reason ?? null,
  });
  return { fiscalYear: input.fiscalYear, owner: ownerKey || null, targets: await targetsFor(tx, input.fiscalYear, ownerKey || null) };
}

async function q_targets(q: Queryable, fiscalYear: number, ownerKey: string) {
  const rows = await q.query<TargetRow>(
    'SELECT owner_key, quarter, category, percent_hundredths FROM disbursement_targets WHERE fiscal_year = $1 AND owner_key = $2 ORDER BY quarter, category',
    [fiscalYear, ownerKey],
  );
  return rows.map((r) => ({ quarter: r.quarter, category: r.category, percent: formatPercent(BigInt(r.percent_hundredths)) }));
}

const SETTINGS_KEY = 'progressWarnings';

export async function warningSettings(q: Queryable): Promise<WarningSettings> {
  const [row] = await q.query<{ value: { behindPlanHundredths?: number; noCommitmentDays?: number; reportsDueFrom?: string | null } }>(
    'SELECT value FROM settings WHERE key = $1',
    [SETTINGS_KEY],
  );
  return {
    behindPlanHundredths:
      row?.value.behindPlanHundredths !== undefined ? BigInt(row.value.behindPlanHundredths) : DEFAULT_WARNING_SETTINGS.behindPlanHundredths,
    noCommitmentDays: row?.value.noCommitmentDays ?? DEFAULT_WARNING_SETTINGS.noCommitmentDays,
    reportsDueFrom: row?.value.reportsDueFrom ?? DEFAULT_WARNING_SETTINGS.reportsDueFrom,
  };
}

export const settingsOutput = (s: WarningSettings): ProgressSettingsOutput => ({
  behindPlanPoints: formatPercent(s.behindPlanHundredths),
  noCommitmentDays: s.noCommitmentDays,
  reportsDueFrom: s.reportsDueFrom,
});

/** Sets the thresholds of the progress warnings. Administrators only. */
export async function setWarningSettings(
  ctx: Ctx,
  input: { behindPlanPoints: bigint; noCommitmentDays: number; reportsDueFrom?: string | null },
): Promise<ProgressSettingsOutput> {
  return ctx.db.transaction((tx) => applyWarningSettings(tx, ctx.actor, input));
}

/** Sets the thresholds of the progress warnings inside the caller's transaction (the API, the demo). */
export async function applyWarningSettings(
  tx: Queryable,
  actor: Actor,
  input: { behindPlanPoints: bigint; noCommitmentDays: number; reportsDueFrom?: string | null },
): Promise<ProgressSettingsOutput> {
  assertAdmin(actor, 'change the progress warning settings');
  const current = await warningSettings(tx);
  const before = settingsOutput(current);
  const reportsDueFrom = input.reportsDueFrom === undefined ? current.reportsDueFrom : input.reportsDueFrom;
  await tx.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [
      SETTINGS_KEY,
      JSON.stringify({ behindPlanHundredths: Number(input.behindPlanPoints), noCommitmentDays: input.noCommitmentDays, reportsDueFrom }),
    ],
  );
  const after = settingsOutput(await warningSettings(tx));
  await audit(tx, actor, { action: 'update', entityType: 'setting', entityKey: SETTINGS_KEY, before, after });
  return after;
}
