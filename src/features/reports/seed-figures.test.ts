import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

// The seed's figures, rebuilt from the demo data through the HTTP API.
describeEachDb('seed figures from the demo data', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
  });
  afterAll(() => s.close());

  it('FY 2559 disbursement as of 5 Jan 2559: 0.40 / 99.60', async () => {
    const { status, body } = await s.json('/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      owner: 'upper-north-1',
      fiscalYear: 2559,
      asOf: '2016-01-05',
      projectCount: 15,
      allocated: '359420700.00',
      disbursed: '1421593.29',
      disbursedPercent: '0.40',
      remaining: '357999106.71',
      remainingPercent: '99.60',
      statusCounts: { approved: 14, revising: 1 },
    });
  });

  it('FY 2558: 8 of 12 completed, 205,973,814.96 = 72.32 %, 7th of 18', async () => {
    const report = await s.json<Record<string, unknown>>('/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2558&asOf=2016-01-05');
    expect(report.body).toMatchObject({ projectCount: 12, disbursed: '205973814.96', disbursedPercent: '72.32', statusCounts: { completed: 8 } });
    const ranking = await s.json<{ clusters: { rank: number; owner: string }[] }>('/api/v1/reports/ranking?fiscalYear=2558&asOf=2016-01-05');
    expect(ranking.body.clusters).toHaveLength(18);
    expect(ranking.body.clusters.find((c) => c.owner === 'upper-north-1')?.rank).toBe(7);
  });
});
