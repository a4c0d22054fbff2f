/**
 * What the dashboard opens on when the URL does not say (?owner=&fy=&asOf=).
 *
 * Rule: when the database holds the demo data (project UN1-2559-01 created by "demo"), the seed's
 * own view: the Upper Northern Cluster 1, FY 2559, as of 5 January 2559 (the date the seed report's
 * figures are "as of"). Otherwise the same cluster, the fiscal year of today, as of today.
 */
import { fiscalYearOf, todayIso } from '../../src/core/dates.ts';
import { api, type Project } from './api.ts';

export interface View {
  owner: string;
  fy: number;
  asOf: string;
}

export const SEED_VIEW: View = { owner: 'upper-north-1', fy: 2559, asOf: '2016-01-05' };

let cached: Promise<View> | null = null;

export function defaultView(): Promise<View> {
  cached ??= api
    .get<Project>('/projects/UN1-2559-01', { asOf: SEED_VIEW.asOf })
    .then((p) => p.createdBy === 'demo')
    .catch(() => false)
    .then((demo) => (demo ? SEED_VIEW : { owner: SEED_VIEW.owner, fy: fiscalYearOf(todayIso()), asOf: todayIso() }));
  return cached;
}

/** Forgets the default view (after signing in or out, the demo project may become readable). */
export function resetDefaultView(): void {
  cached = null;
}
