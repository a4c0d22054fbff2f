/**
 * Reference data through the real HTTP API: provinces, the clusters of the two schemes, dated
 * memberships (Bueng Kan), and which scheme a fiscal year uses. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

interface Province {
  code: string;
  iso: string;
  nameTh: string;
  nameEn: string;
  clusterCode: string | null;
}
interface Cluster {
  scheme: string;
  code: string;
  no: number;
  nameTh: string;
  nameEn: string;
  opsCenterProvinceCode: string | null;
  confirmed: boolean;
  provinceCodes: string[];
}

describeEachDb('reference API', (kind) => {
  let s: TestServer;
  const provinces = async (date: string) => {
    const r = await s.json<Province[]>(`/api/v1/reference/provinces?date=${date}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const clusters = async (query: string) => {
    const r = await s.json<Cluster[]>(`/api/v1/reference/clusters?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    s = await startServer(kind);
  });
  afterAll(() => s.close());

  describe('provinces', () => {
    it('77 provinces with unique codes and ISO codes; Bangkok is in no cluster', async () => {
      const list = await provinces('2016-01-05');
      expect(list).toHaveLength(77);
      expect(new Set(list.map((p) => p.code)).size).toBe(77);
      expect(list.every((p) => p.iso === `TH-${p.code}`)).toBe(true);
      expect(list.find((p) => p.code === '10')).toEqual({ code: '10', iso: 'TH-10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok', clusterCode: null });
      expect(list.find((p) => p.code === '50')).toEqual({
        code: '50',
        iso: 'TH-50',
        nameTh: 'เชียงใหม่',
        nameEn: 'Chiang Mai',
        clusterCode: 'upper-north-1',
      });
      expect(list.filter((p) => p.clusterCode === null).map((p) => p.code)).toEqual(['10']);
    });

    it('Bueng Kan (38) is in upper-northeast-1 on 2012-01-01 but in no cluster on 2010-06-01', async () => {
      expect((await provinces('2012-01-01')).find((p) => p.code === '38')).toMatchObject({ nameEn: 'Bueng Kan', clusterCode: 'upper-northeast-1' });
      expect((await provinces('2010-06-01')).find((p) => p.code === '38')).toMatchObject({ nameEn: 'Bueng Kan', clusterCode: null });
      const before = await clusters('scheme=2552&date=2010-06-01');
      expect(before.find((c) => c.code === 'upper-northeast-1')?.provinceCodes).toEqual(['39', '41', '42', '43']);
      const after = await clusters('scheme=2552&date=2012-01-01');
      expect(after.find((c) => c.code === 'upper-northeast-1')?.provinceCodes).toEqual(['38', '39', '41', '42', '43']);
    });

    it('a bad date is 400', async () => {
      const r = await s.json<{ error: { code: string } }>('/api/v1/reference/provinces?date=2016-02-30');
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation');
    });
  });

  describe('clusters', () => {
    it('scheme 2552: 18 clusters, all confirmed, covering the 76 provinces outside Bangkok once each', async () => {
      const list = await clusters('scheme=2552&date=2016-01-05');
      expect(list).toHaveLength(18);
      expect(list.map((c) => c.no)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
      expect(list.every((c) => c.scheme === '2552' && c.confirmed)).toBe(true);
      const members = list.flatMap((c) => c.provinceCodes);
      expect(members).toHaveLength(76);
      expect(new Set(members).size).toBe(76);
      expect(list.find((c) => c.code === 'upper-north-1')).toEqual({
        scheme: '2552',
        code: 'upper-north-1',
        no: 15,
        nameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
        nameEn: 'Upper Northern 1',
        opsCenterProvinceCode: '50',
        confirmed: true,
        provinceCodes: ['50', '51', '52', '58'],
      });
      expect(list.some((c) => c.code === 'east-1')).toBe(false);
    });

    it('scheme 2560: 18 clusters; unconfirmed ones have confirmed=false', async () => {
      const list = await clusters('scheme=2560&date=2018-01-01');
      expect(list).toHaveLength(18);
      expect(new Set(list.flatMap((c) => c.provinceCodes)).size).toBe(76);
      const confirmed = list.filter((c) => c.confirmed).map((c) => c.code);
      expect(confirmed.sort()).toEqual(
        [
          'east-1',
          'lower-central-1',
          'lower-central-2',
          'lower-north-1',
          'south-andaman',
          'south-gulf',
          'upper-north-1',
          'upper-northeast-1',
          'upper-northeast-2',
        ].sort(),
      );
      expect(list.find((c) => c.code === 'central-vicinity')).toMatchObject({ confirmed: false, provinceCodes: ['11', '12', '13', '73'] });
      expect(list.find((c) => c.code === 'east-2')).toMatchObject({ confirmed: false });
      expect(list.find((c) => c.code === 'east-1')).toMatchObject({ confirmed: true, provinceCodes: ['20', '21', '24'] });
    });

    it('without a scheme, the one in force on the date', async () => {
      expect((await clusters('date=2016-01-05'))[0]?.scheme).toBe('2552');
      expect((await clusters('date=2018-01-01'))[0]?.scheme).toBe('2560');
      expect((await clusters('date=2017-11-17'))[0]?.scheme).toBe('2560');
      expect((await clusters('date=2017-11-16'))[0]?.scheme).toBe('2552');
    });
  });

  describe('the scheme a fiscal year uses', () => {
    const create = (code: string, fiscalYear: number, owner: string) =>
      s.json<{ error?: { code: string; details?: { field?: string } } }>('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({ code, fiscalYear, owner, nameTh: 'โครงการ', budget: '1.00' }),
      });

    it('FY 2559 uses scheme 2552 and FY 2562 scheme 2560: east-1 exists for FY 2562 but not for FY 2559', async () => {
      expect((await create('SC-01', 2562, 'east-1')).status).toBe(201);
      const refused = await create('SC-02', 2559, 'east-1');
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation', details: { field: 'owner' } });
      expect((await create('SC-03', 2559, 'east')).status).toBe(201);
      expect((await create('SC-04', 2562, 'east')).status).toBe(400);
    });

    it('the ranking of a fiscal year names its scheme', async () => {
      const r59 = await s.json<{ scheme: string; clusters: { owner: string }[] }>('/api/v1/reports/ranking?fiscalYear=2559&asOf=2016-01-05');
      expect(r59.body.scheme).toBe('2552');
      expect(r59.body.clusters.map((c) => c.owner)).toContain('east');
      const r62 = await s.json<{ scheme: string; clusters: { owner: string }[] }>('/api/v1/reports/ranking?fiscalYear=2562&asOf=2019-01-05');
      expect(r62.body.scheme).toBe('2560');
      expect(r62.body.clusters.map((c) => c.owner)).toContain('east-1');
      expect(r62.body.clusters.map((c) => c.owner)).not.toContain('east');
    });
  });
});
