/**
 * The budget ledger through the real HTTP API: disbursements, returns of funds, adjustments,
 * idempotent references, the allocation ceiling and amount syntax. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> & { issues?: { field: string; message: string }[] } };
}
interface LedgerEntryBody {
  id: string;
  kind: 'adjustment' | 'disbursement';
  date: string;
  amount: string;
  ref: string;
  note: string | null;
  createdBy: string;
}
interface Figures {
  allocated: string;
  disbursed: string;
  remaining: string;
  disbursedPercent: string | null;
}

describeEachDb('budget ledger API', (kind) => {
  let s: TestServer;
  const post = <T = { outcome: string } & ErrorBody>(path: string, body: unknown) => s.json<T>(path, { method: 'POST', body: JSON.stringify(body) });
  const disburse = (code: string, body: Record<string, unknown>) => post(`/api/v1/projects/${code}/disbursements`, body);
  const adjust = (code: string, body: Record<string, unknown>) => post(`/api/v1/projects/${code}/adjustments`, body);
  const ledger = async (code: string) => (await s.json<LedgerEntryBody[]>(`/api/v1/projects/${code}/ledger`)).body;
  const figures = async (code: string, asOf = '2016-09-30') => {
    const { allocated, disbursed, remaining, disbursedPercent } = (await s.json<Figures>(`/api/v1/projects/${code}?asOf=${asOf}`)).body;
    return { allocated, disbursed, remaining, disbursedPercent };
  };
  const project = async (code: string, budget: string, extra: Record<string, unknown> = {}) => {
    const r = await post(`/api/v1/projects`, {
      code,
      fiscalYear: 2559,
      owner: 'upper-north-1',
      nameTh: `โครงการ ${code}`,
      budget,
      status: 'approved',
      statusDate: '2015-10-01',
      ...extra,
    });
    expect(r.status).toBe(201);
  };

  beforeAll(async () => {
    s = await startServer(kind);
    await project('B-01', '1000.00');
  });
  afterAll(() => s.close());

  describe('disbursements and the allocation ceiling', () => {
    it('records a disbursement: 201 added, in the ledger and the figures', async () => {
      const r = await disburse('B-01', { date: '2015-11-01', amount: '400.00', ref: 'GF-001', note: 'งวดที่ 1' });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ outcome: 'added' });
      expect(await ledger('B-01')).toMatchObject([
        { kind: 'disbursement', date: '2015-11-01', amount: '400.00', ref: 'GF-001', note: 'งวดที่ 1', createdBy: 'test-admin' },
      ]);
      expect(await figures('B-01')).toEqual({ allocated: '1000.00', disbursed: '400.00', remaining: '600.00', disbursedPercent: '40.00' });
    });

    it('refuses a disbursement above the allocation: 422 over_allocation, nothing written', async () => {
      const r = await disburse('B-01', { date: '2015-11-15', amount: '600.01', ref: 'GF-002' });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({
        code: 'over_allocation',
        details: { field: 'amount', allocated: '1000.00', disbursed: '400.00', remaining: '600.00' },
      });
      expect(await ledger('B-01')).toHaveLength(1);
      expect((await figures('B-01')).disbursed).toBe('400.00');
    });

    it('accepts a disbursement up to exactly the allocation', async () => {
      expect((await disburse('B-01', { date: '2015-11-15', amount: '600.00', ref: 'GF-002' })).status).toBe(201);
      expect(await figures('B-01')).toEqual({ allocated: '1000.00', disbursed: '1000.00', remaining: '0.00', disbursedPercent: '100.00' });
      const r = await disburse('B-01', { date: '2015-11-16', amount: '0.01', ref: 'GF-003' });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('over_allocation');
    });

    it('records a return of funds as a negative disbursement', async () => {
      const r = await disburse('B-01', { date: '2015-12-01', amount: '-150.50', ref: 'RT-001', note: 'คืนเงินเหลือจ่าย' });
      expect(r.status).toBe(201);
      expect(await figures('B-01')).toEqual({ allocated: '1000.00', disbursed: '849.50', remaining: '150.50', disbursedPercent: '84.95' });
      // as of before the return, it is not counted
      expect((await figures('B-01', '2015-11-30')).disbursed).toBe('1000.00');
    });

    it('refuses a return larger than what was disbursed, writing nothing', async () => {
      const r = await disburse('B-01', { date: '2015-12-02', amount: '-849.51', ref: 'RT-002' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'validation', details: { field: 'amount' } });
      expect(await ledger('B-01')).toHaveLength(3);
      expect((await disburse('B-01', { date: '2015-12-02', amount: '-849.50', ref: 'RT-002' })).status).toBe(201);
      expect((await figures('B-01')).disbursed).toBe('0.00');
    });
  });

  describe('references are idempotent', () => {
    beforeAll(() => project('B-02', '500.00'));

    it('the same ref with the same values again is 200 unchanged and adds nothing', async () => {
      const entry = { date: '2015-11-01', amount: '100.00', ref: 'GF-100' };
      expect((await disburse('B-02', entry)).status).toBe(201);
      const again = await disburse('B-02', { ...entry, amount: '100' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ outcome: 'unchanged' });
      expect(await ledger('B-02')).toHaveLength(1);
      expect((await figures('B-02')).disbursed).toBe('100.00');
    });

    it('the same ref with other values is 409 conflict', async () => {
      for (const other of [
        { date: '2015-11-01', amount: '100.01', ref: 'GF-100' },
        { date: '2015-11-02', amount: '100.00', ref: 'GF-100' },
      ]) {
        const r = await disburse('B-02', other);
        expect(r.status).toBe(409);
        expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'ref' } });
      }
      expect(await ledger('B-02')).toHaveLength(1);
    });

    it('the same ref on another project is another entry', async () => {
      await project('B-03', '500.00');
      expect((await disburse('B-03', { date: '2015-11-01', amount: '100.00', ref: 'GF-100' })).status).toBe(201);
      expect(await ledger('B-03')).toHaveLength(1);
    });
  });

  describe('adjustments', () => {
    beforeAll(() => project('B-04', '1000.00'));

    it('an adjustment changes the allocation from its date on', async () => {
      const r = await adjust('B-04', { date: '2015-12-01', amount: '250.00', ref: 'TR-001', note: 'โอนเปลี่ยนแปลงงบประมาณเพิ่ม' });
      expect(r.status).toBe(201);
      expect((await figures('B-04', '2015-11-30')).allocated).toBe('1000.00');
      expect((await figures('B-04', '2015-12-01')).allocated).toBe('1250.00');
      const p = (await s.json<{ budget: string; allocated: string }>('/api/v1/projects/B-04?asOf=2016-01-05')).body;
      expect(p).toMatchObject({ budget: '1000.00', allocated: '1250.00' });
      expect(await ledger('B-04')).toMatchObject([
        { kind: 'adjustment', date: '2015-12-01', amount: '250.00', ref: 'TR-001', note: 'โอนเปลี่ยนแปลงงบประมาณเพิ่ม' },
      ]);
    });

    it('the raised allocation admits a larger disbursement; a cut below what was disbursed is refused', async () => {
      expect((await disburse('B-04', { date: '2015-12-10', amount: '1,200.00', ref: 'GF-200' })).status).toBe(201);
      const cut = await adjust('B-04', { date: '2016-01-10', amount: '-50.01', ref: 'TR-002', note: 'โอนออก' });
      expect(cut.status).toBe(422);
      expect(cut.body.error.code).toBe('over_allocation');
      expect((await adjust('B-04', { date: '2016-01-10', amount: '-50.00', ref: 'TR-002', note: 'โอนออก' })).status).toBe(201);
      expect(await figures('B-04')).toEqual({ allocated: '1200.00', disbursed: '1200.00', remaining: '0.00', disbursedPercent: '100.00' });
    });

    it('an adjustment needs a reason', async () => {
      for (const note of [undefined, '', '   ']) {
        const r = await adjust('B-04', { date: '2016-01-11', amount: '10.00', ref: 'TR-003', ...(note === undefined ? {} : { note }) });
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('validation');
        expect(r.body.error.details?.issues?.map((i) => i.field)).toContain('note');
      }
      expect(await ledger('B-04')).toHaveLength(3);
    });
  });

  describe('amount syntax', () => {
    beforeAll(() => project('B-05', '10,000.00'));

    it.each([
      ['1,234.50', '1234.50'],
      ['12.3', '12.30'],
      ['7', '7.00'],
      ['๑๐.๒๕', '10.25'],
    ])('accepts %s as %s', async (amount, stored) => {
      const ref = `AMT-${stored}`;
      expect((await disburse('B-05', { date: '2015-11-01', amount, ref })).status).toBe(201);
      expect((await ledger('B-05')).find((e) => e.ref === ref)?.amount).toBe(stored);
    });

    it.each(['12.345', 'abc', '', '1.234,50', '12,34', '0', '0.00', '1e3'])('refuses %j with 400 naming amount', async (amount) => {
      const before = (await ledger('B-05')).length;
      const r = await disburse('B-05', { date: '2015-11-01', amount, ref: 'AMT-BAD' });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation');
      expect(r.body.error.details?.issues?.map((i) => i.field)).toContain('amount');
      expect(await ledger('B-05')).toHaveLength(before);
    });

    it('refuses an impossible date and a missing ref', async () => {
      const badDate = await disburse('B-05', { date: '2015-02-29', amount: '1.00', ref: 'D-1' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.details?.issues?.map((i) => i.field)).toContain('date');
      const noRef = await disburse('B-05', { date: '2015-11-01', amount: '1.00' });
      expect(noRef.status).toBe(400);
      expect(noRef.body.error.details?.issues?.map((i) => i.field)).toContain('ref');
    });
  });

  describe('cancelled and unknown projects', () => {
    beforeAll(async () => {
      await project('B-06', '1000.00');
      expect((await disburse('B-06', { date: '2015-11-01', amount: '100.00', ref: 'GF-600' })).status).toBe(201);
      const c = await post('/api/v1/projects/B-06/status', { status: 'cancelled', date: '2015-12-01', reason: 'ยกเลิกโครงการ' });
      expect(c.status).toBe(200);
    });

    it('refuses any entry on a cancelled project: 422, nothing written', async () => {
      const d = await disburse('B-06', { date: '2015-12-05', amount: '10.00', ref: 'GF-601' });
      expect(d.status).toBe(422);
      expect(d.body.error).toMatchObject({ code: 'project_cancelled' });
      const a = await adjust('B-06', { date: '2015-12-05', amount: '10.00', ref: 'TR-601', note: 'เพิ่ม' });
      expect(a.status).toBe(422);
      expect(a.body.error.code).toBe('project_cancelled');
      expect(await ledger('B-06')).toHaveLength(1);
    });

    it('an entry on an unknown project is 404', async () => {
      const r = await disburse('NO-SUCH', { date: '2015-12-05', amount: '10.00', ref: 'X' });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect((await s.json<ErrorBody>('/api/v1/projects/NO-SUCH/ledger')).status).toBe(404);
    });
  });

  describe('concurrent requests', () => {
    beforeAll(() => project('B-07', '1000.00'));

    it('parallel disbursements never take a project above its allocation', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => disburse('B-07', { date: '2015-11-01', amount: '300.00', ref: `PAR-${i}` })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 422, 422]);
      expect(await figures('B-07')).toMatchObject({ allocated: '1000.00', disbursed: '900.00' });
      expect(await ledger('B-07')).toHaveLength(3);
    });

    it('the same entry sent several times at once is recorded once', async () => {
      const entry = { date: '2015-11-02', amount: '50.00', ref: 'PAR-SAME' };
      const results = await Promise.all(Array.from({ length: 4 }, () => disburse('B-07', entry)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect((await ledger('B-07')).filter((e) => e.ref === 'PAR-SAME')).toHaveLength(1);
      expect((await figures('B-07')).disbursed).toBe('950.00');
    });
  });

  // Regression (fixed in 2cbd8d2): the rules were checked on the totals over all dates only, so an
  // entry dated before the entries that made it fit was accepted, and the figures as of the dates
  // in between showed more disbursed than allocated, or a negative disbursement.
  describe('the ledger rules hold on every date, not only in total', () => {
    beforeAll(async () => {
      await project('B-08', '1000.00');
      await project('B-09', '1000.00');
    });

    it('a disbursement above the allocation on its date is refused, even if a later adjustment would cover it', async () => {
      expect((await adjust('B-08', { date: '2015-12-01', amount: '500.00', ref: 'TR-800', note: 'โอนเพิ่ม' })).status).toBe(201);
      // actual: 201, and as of 2015-11-20 the project shows 1200.00 disbursed of 1000.00 (120.00 %, remaining -200.00)
      const r = await disburse('B-08', { date: '2015-11-15', amount: '1200.00', ref: 'GF-800' });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('over_allocation');
      expect(await figures('B-08', '2015-11-20')).toMatchObject({ allocated: '1000.00', disbursed: '0.00' });
    });

    it('a return of funds dated before what it returns is refused', async () => {
      expect((await disburse('B-09', { date: '2015-11-01', amount: '100.00', ref: 'GF-900' })).status).toBe(201);
      // actual: 201, and as of 2015-10-20 the project shows -100.00 disbursed (-10.00 %)
      const r = await disburse('B-09', { date: '2015-10-15', amount: '-100.00', ref: 'RT-900' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'validation', details: { field: 'amount' } });
      expect(await figures('B-09', '2015-10-20')).toMatchObject({ disbursed: '0.00' });
    });
  });
});
