import type { Db, Queryable } from '../../db/db.ts';
import { systemActor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { parseAmount } from '../../core/money.ts';
import { applyStatusChange, insertProject } from '../projects/project.service.ts';
import { recordEntry } from '../budget/ledger.service.ts';
import {
  ALL_DEMO_PROJECTS,
  DEMO_PLAN_MONTHLY_PERCENT,
  DEMO_PLAN_PHYSICAL_PERCENT,
  DEMO_TARGETS_2559,
  DEMO_PROGRESS_REPORTS,
  DEMO_REPORTS_DUE_FROM,
  DEMO_USERS,
  FY2559_PROGRESS,
  type DemoProject,
} from './demo.data.ts';
import { applyBudgetLines } from '../budget/budget-lines.service.ts';
import { insertCommitment } from '../commitments/commitment.service.ts';
import { insertPlan } from '../plans/plan.service.ts';
import { applyTargets, applyWarningSettings } from '../progress/targets.service.ts';
import { DEFAULT_WARNING_SETTINGS } from '../progress/progress.rules.ts';
import { reviewProgressReportIn, saveProgressReportIn } from '../progress-reports/report.service.ts';
import { PercentInput } from '../plans/plan.schema.ts';
import { fiscalYearMonthEnds } from '../../core/dates.ts';
import { effectiveLines } from '../budget/category.ts';
import { STATUS_LABEL_TH } from '../projects/project.status.ts';
import { insertUser } from '../users/user.service.ts';
import { randomBytes } from 'node:crypto';
import { loadMonitoringDemo } from '../monitoring/monitoring.demo.ts';
import { loadEventsDemo } from '../events/events.demo.ts';
import { loadIndicatorDemo } from '../indicators/indicators.demo.ts';

const DEMO_AUTHOR = systemActor('demo');

export async function hasProjects(db: Db): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM projects LIMIT 1');
  return rows.length > 0;
}

/** Loads the seed's demo data through the same domain functions as every other write, in one transaction. */
export interface DemoResult {
  projects: number;
  disbursements: number;
  /** The demo accounts with their passwords, to be shown once. */
  users: { username: string; role: string; scope: string | null; password: string }[];
}

export async function loadDemo(db: Db, opts: { users?: boolean } = {}): Promise<DemoResult> {
  return db.transaction(async (tx) => {
    const [any] = await tx.query('SELECT 1 FROM projects LIMIT 1');
    if (any)
      throw new AppError(
        'conflict',
        'The database already holds projects: padme demo loads only into an empty database (use another --data directory)',
      );
    let disbursements = 0;
    const projects = ALL_DEMO_PROJECTS();
    for (const p of projects) {
      await insertProject(
        tx,
        {
          code: p.code,
          fiscalYear: p.fiscalYear,
          owner: p.owner,
          nameTh: p.nameTh,
          agency: p.agency,
          budget: parseAmount(p.budget)!,
          status: 'proposed',
          statusDate: p.proposedOn,
        },
        DEMO_AUTHOR,
      );
      for (const [status, date] of p.statuses) {
        await applyStatusChange(tx, p.code, { status, date, reason: `${STATUS_LABEL_TH[status]} (ข้อมูลตัวอย่าง)` }, DEMO_AUTHOR);
      }
      const progress = FY2559_PROGRESS[p.code];
      if (progress?.lines) {
        const lines = progress.lines.map((l) => ({ category: l.category, amount: parseAmount(l.amount)! }));
        await applyBudgetLines(tx, DEMO_AUTHOR, p.code, { lines, reason: 'ข้อมูลตัวอย่าง (illustrative)' });
      }
      for (const c of progress?.commitments ?? []) {
        await insertCommitment(tx, DEMO_AUTHOR, p.code, { ...c, amount: parseAmount(c.amount)!, note: 'ข้อมูลตัวอย่าง (illustrative)' });
      }
      for (const pay of p.payments) {
        await recordEntry(
          tx,
          p.code,
          {
            kind: 'disbursement',
            date: pay.date,
            amount: parseAmount(pay.amount)!,
            ref: pay.ref,
            note: 'ข้อมูลตัวอย่าง (illustrative)',
            ...progress?.payments?.[pay.ref],
          },
          DEMO_AUTHOR,
        );
        disbursements++;
      }
      if (p.fiscalYear === 2559 && p.owner === 'upper-north-1' && p.statuses.some(([s]) => s === 'approved')) {
        await insertPlan(tx, DEMO_AUTHOR, p.code, demoPlan(p));
      }
    }
    await applyTargets(tx, DEMO_AUTHOR, {
      fiscalYear: 2559,
      targets: DEMO_TARGETS_2559.map((t) => ({ ...t, percent: BigInt(t.percent) * 100n })),
      reason: 'ข้อมูลตัวอย่าง (illustrative)',
    });
    await loadMonitoringDemo(tx, DEMO_AUTHOR);
    await loadEventsDemo(tx, DEMO_AUTHOR);
    await loadIndicatorDemo(tx, DEMO_AUTHOR);
    await (await import('../meetings/meetings.demo.ts')).loadMeetingsDemo(tx, DEMO_AUTHOR);
    await loadProgressReports(tx);
    await tx.query(`INSERT INTO settings (key, value) VALUES ('demo', $1::jsonb) ON CONFLICT (key) DO NOTHING`, [
      JSON.stringify({ loadedAt: new Date().toISOString() }),
    ]);
    const users = [];
    for (const u of opts.users === false ? [] : DEMO_USERS) {
      if ((await tx.query('SELECT 1 FROM users WHERE username = $1', [u.username])).length) continue;
      const password = randomBytes(12).toString('base64url');
      await insertUser(tx, DEMO_AUTHOR, { ...u, password });
      users.push({ username: u.username, role: u.role, scope: u.scope ?? null, password });
    }
    return { projects: projects.length, disbursements, users };
  });
}

/** Whether this database holds the demo data (the web UI then opens on the seed's date). */
export async function isDemo(db: Queryable): Promise<boolean> {
  return (await db.query("SELECT 1 FROM settings WHERE key = 'demo'")).length > 0;
}

/** The illustrative spending plan of a FY 2559 project: each budget line spread over the months by DEMO_PLAN_MONTHLY_PERCENT. */
function demoPlan(p: DemoProject) {
  const progress = FY2559_PROGRESS[p.code];
  const own = (progress?.lines ?? []).map((l) => ({ category: l.category, amount: parseAmount(l.amount)! }));
  const lines = effectiveLines(parseAmount(p.budget)!, own);
  const months = fiscalYearMonthEnds(p.fiscalYear).map((d) => d.slice(0, 7));
  const planned = lines.flatMap((line) => {
    let left = line.amount;
    return months.map((month, i) => {
      const amount = i === months.length - 1 ? left : (line.amount * BigInt(DEMO_PLAN_MONTHLY_PERCENT[i]!)) / 100n;
      left -= amount;
      return { month, category: line.category, amount };
    });
  });
  return {
    reason: 'ข้อมูลตัวอย่าง (illustrative)',
    months: planned.filter((m) => m.amount > 0n),
    physical: months.map((month, i) => ({ month, percent: BigInt(DEMO_PLAN_PHYSICAL_PERCENT[i]!) * 100n })).filter((x) => x.percent > 0n),
    milestones: [],
  };
}

/**
 * The illustrative monthly progress reports, saved and reviewed through the same functions as the
 * API: by the demo agency reporter on its projects (the loader on the others), reviewed by the
 * cluster officer; and the month reports are due from.
 */
async function loadProgressReports(tx: Queryable): Promise<void> {
  await applyWarningSettings(tx, DEMO_AUTHOR, {
    behindPlanPoints: DEFAULT_WARNING_SETTINGS.behindPlanHundredths,
    noCommitmentDays: DEFAULT_WARNING_SETTINGS.noCommitmentDays,
    reportsDueFrom: DEMO_REPORTS_DUE_FROM,
  });
  const reporter = DEMO_USERS.find((u) => u.role === 'agency_reporter')!;
  const officer = DEMO_USERS.find((u) => u.role === 'cluster_officer')!;
  for (const r of DEMO_PROGRESS_REPORTS) {
    const by = reporter.projects?.includes(r.project) ? systemActor(reporter.username) : DEMO_AUTHOR;
    const { project, month, outcome, returnReason, ...text } = r;
    await saveProgressReportIn(tx, by, project, month, { ...text, percent: PercentInput.parse(r.percent), submit: outcome !== 'draft' });
    if (outcome === 'accepted' || outcome === 'returned') {
      await reviewProgressReportIn(tx, systemActor(officer.username), project, month, {
        decision: outcome === 'accepted' ? 'accept' : 'return',
        reason: returnReason,
      });
    }
  }
}
