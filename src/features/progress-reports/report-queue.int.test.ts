/** The review queue of progress reports through the HTTP API: who sees which reports, and filters. PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import type { ReviewQueue } from './report.schema.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

describeEachDb('progress report review queue', (kind) => {
  let s: TestServer;
  const c: Record<string, Client> = {};
  const queue = async (who: string, query = '') => {
    const r = await c[who]!.json<ReviewQueue & ErrorBody>(`/api/v1/progress-reports${query}`);
    return r;
  };
  /** project/month (mayReview) of each item. */
  const seen = async (who: string, query = '') => {
    const r = await queue(who, query);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.count).toBe(r.body.items.length);
    return r.body.items.map((i) => `${i.project}/${i.month}${i.mayReview ? ' *' : ''}`);
  };

  beforeAll(async () => {
    s = await startServer(kind);
    c.admin = s;
    for (const [code, owner, fy] of [
      ['Q-50', '50', 2559],
      ['Q-51', '51', 2559],
      ['Q-UC', 'upper-central-1', 2559],
      ['Q-UN', 'upper-north-1', 2559],
      ['Q-50-58', '50', 2558],
    ] as const) {
      const date = fy === 2559 ? '2015-10-01' : '2014-10-01';
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({ code, fiscalYear: fy, owner, nameTh: `โครงการ ${code}`, budget: '1000.00', status: 'approved', statusDate: date }),
      });
      expect(r.status).toBe(201);
    }
    c.rep = await s.as({ username: 'q-rep', role: 'agency_reporter', projects: ['Q-50'] });
    c.rep51 = await s.as({ username: 'q-rep51', role: 'agency_reporter', projects: ['Q-51'] });
    c.prov = await s.as({ username: 'q-prov', role: 'province_officer', scope: '50' });
    c.un1 = await s.as({ username: 'q-un1', role: 'cluster_officer', scope: 'upper-north-1' });
    c.uc1 = await s.as({ username: 'q-uc1', role: 'cluster_officer', scope: 'upper-central-1' });
    c.committee = await s.as({ username: 'q-com', role: 'committee_member', scope: 'upper-north-1' });
    c.viewer = await s.as({ username: 'q-view', role: 'viewer' });
    const save = async (who: string, code: string, month: string, percent: string, submit: boolean) => {
      const r = await c[who]!.json(`/api/v1/projects/${code}/progress-reports/${month}`, {
        method: 'PUT',
        body: JSON.stringify({ percent, submit }),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await save('rep', 'Q-50', '2015-10', '5', false); // a draft
    await save('rep', 'Q-50', '2015-11', '12.35', true);
    await save('rep51', 'Q-51', '2015-12', '7', true);
    await save('admin', 'Q-UC', '2015-11', '30', true); // submitted by the administrator
    await save('un1', 'Q-UN', '2015-10', '50', true); // submitted by the cluster officer itself
    await save('prov', 'Q-50-58', '2015-09', '100', true);
  });
  afterAll(() => s.close());

  describe('submitted reports (the default)', () => {
    it('an administrator sees all, by month then project, and may review those it did not submit', async () => {
      const r = await queue('admin');
      expect(r.body.status).toBe('submitted');
      expect(await seen('admin')).toEqual(['Q-50-58/2015-09 *', 'Q-UN/2015-10 *', 'Q-50/2015-11 *', 'Q-UC/2015-11', 'Q-51/2015-12 *']);
      expect(r.body.items.find((i) => i.project === 'Q-50')).toEqual({
        project: 'Q-50',
        nameTh: 'โครงการ Q-50',
        owner: '50',
        fiscalYear: 2559,
        month: '2015-11',
        percent: '12.35',
        status: 'submitted',
        version: 1,
        submittedAt: expect.any(String),
        submittedBy: 'q-rep',
        reviewedAt: null,
        reviewedBy: null,
        returnReason: null,
        fileCount: 0,
        mayReview: true,
      });
    });

    it('officers see the reports of the projects they may review', async () => {
      // A cluster officer: its cluster's projects and those of its provinces (50, 51), of every fiscal year; not its own submission to review.
      expect(await seen('un1')).toEqual(['Q-50-58/2015-09 *', 'Q-UN/2015-10', 'Q-50/2015-11 *', 'Q-51/2015-12 *']);
      expect(await seen('uc1')).toEqual(['Q-UC/2015-11 *']);
      // A province officer: its province's projects only; it submitted Q-50-58 itself.
      expect(await seen('prov')).toEqual(['Q-50-58/2015-09', 'Q-50/2015-11 *']);
    });

    it('other roles see what they may read, and may review nothing', async () => {
      expect(await seen('viewer')).toEqual(['Q-50-58/2015-09', 'Q-UN/2015-10', 'Q-50/2015-11', 'Q-UC/2015-11', 'Q-51/2015-12']);
      expect(await seen('committee')).toEqual(['Q-50-58/2015-09', 'Q-UN/2015-10', 'Q-50/2015-11', 'Q-51/2015-12']);
      expect(await seen('rep')).toEqual(['Q-50/2015-11']);
      expect(await seen('rep51')).toEqual(['Q-51/2015-12']);
    });
  });

  describe('filters', () => {
    it('a status: drafts, returned, accepted', async () => {
      expect(await seen('rep', '?status=draft')).toEqual(['Q-50/2015-10']);
      expect(await seen('rep51', '?status=draft')).toEqual([]);
      const ret = await c.prov!.json(`/api/v1/projects/Q-50/progress-reports/2015-11/review`, {
        method: 'POST',
        body: JSON.stringify({ decision: 'return', reason: 'แนบภาพถ่าย' }),
      });
      expect(ret.status).toBe(200);
      const r = await queue('rep', '?status=returned');
      expect(r.body.items.map((i) => [i.project, i.month, i.status, i.returnReason, i.reviewedBy, i.mayReview])).toEqual([
        ['Q-50', '2015-11', 'returned', 'แนบภาพถ่าย', 'q-prov', false],
      ]);
      expect(await seen('un1')).toEqual(['Q-50-58/2015-09 *', 'Q-UN/2015-10', 'Q-51/2015-12 *']);
      expect(await seen('admin', '?status=accepted')).toEqual([]);
    });

    it("an owner's own projects of a fiscal year, or a fiscal year", async () => {
      expect(await seen('admin', '?owner=50&fiscalYear=2559&status=draft')).toEqual(['Q-50/2015-10']);
      expect(await seen('admin', '?owner=TH-51&fiscalYear=2559')).toEqual(['Q-51/2015-12 *']);
      expect(await seen('admin', '?owner=upper-north-1&fiscalYear=2559')).toEqual(['Q-UN/2015-10 *']);
      expect(await seen('admin', '?fiscalYear=2558')).toEqual(['Q-50-58/2015-09 *']);
      expect(await seen('uc1', '?owner=upper-north-1&fiscalYear=2559')).toEqual([]);
      expect(await seen('rep51', '?owner=51&fiscalYear=2559')).toEqual(['Q-51/2015-12']);
      expect(await seen('rep51', '?owner=50&fiscalYear=2559')).toEqual([]);
    });

    it('refuses an owner outside a committee member’s cluster, an owner without a fiscal year, an unknown status', async () => {
      const out = await queue('committee', '?owner=upper-central-1&fiscalYear=2559');
      expect(out.status).toBe(403);
      expect(out.body.error.message).toBe('q-com (committee member of upper-north-1) may not read the figures of upper-central-1');
      const noYear = await queue('admin', '?owner=50');
      expect(noYear.status).toBe(400);
      expect(noYear.body.error.message).toBe('fiscalYear: fiscalYear is required with owner');
      expect((await queue('admin', '?status=lost')).status).toBe(400);
      const unknown = await queue('admin', '?owner=nowhere-9&fiscalYear=2559');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe('Unknown cluster nowhere-9 in the cluster scheme 2552 of fiscal year 2559');
    });
  });
});
