/**
 * Corrections and cancellations of commitments through the real HTTP API (PGlite and PostgreSQL):
 * the uncommitted-balance limit on every date, the amount never below what was paid, the audit
 * trail keeping the old values, and figures before a cancellation keeping it in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { Commitment, ProjectCommitments } from './commitment.schema.ts';
import type { ProgressReport } from '../progress/progress.schema.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

describeEachDb('commitment corrections', (kind) => {
  let s: TestServer;
  const C = '/api/v1/projects/CC-01/commitments';
  const send = (method: string, path: string, body: unknown) => s.json<Commitment & ErrorBody>(path, { method, body: JSON.stringify(body) });
  const ok = async (method: string, path: string, body: unknown) => {
    const r = await send(method, path, body);
    expect(r.status, `${method} ${path} -> ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  const refused = async (method: string, path: string, body: unknown) => {
    const r = await send(method, path, body);
    return [r.status, r.body.error?.message];
  };
  const figures = async (asOf: string) => {
    const r = await s.json<ProjectCommitments>(`${C}?asOf=${asOf}`);
    const [all] = r.body.figures;
    return [all!.committed, all!.disbursedAgainstCommitments, all!.uncommitted];
  };
  const snapshot = () => s.db.query('SELECT * FROM commitments ORDER BY id');

  beforeAll(async () => {
    s = await startServer(kind);
    await ok('POST', '/api/v1/projects', {
      code: 'CC-01',
      fiscalYear: 2559,
      owner: 'upper-north-1',
      nameTh: 'โครงการก่อหนี้',
      budget: '100000.00',
      status: 'approved',
      statusDate: '2015-10-01',
    });
    await ok('POST', C, { number: 'K-1', date: '2015-11-01', vendor: 'หจก. ก', amount: '60000.00' });
    await ok('POST', C, { number: 'K-2', kind: 'purchase_order', date: '2015-12-01', vendor: 'ร้าน ข', amount: '30000.00' });
    await ok('POST', '/api/v1/projects/CC-01/disbursements', { date: '2015-11-15', amount: '20000.00', ref: 'D-1', commitment: 'K-1' });
    await ok('POST', '/api/v1/projects/CC-01/disbursements', { date: '2015-11-20', amount: '5000.00', ref: 'D-2' });
  });
  afterAll(() => s.close());

  describe('corrections', () => {
    it('refuses, changing nothing: above the uncommitted balance on a later date, below what was paid, signed after a payment, stale', async () => {
      const before = await snapshot();
      expect(await refused('PATCH', `${C}/K-1`, { version: 1, reason: 'แก้ไขตามสัญญา', amount: '66000.00' })).toEqual([
        422,
        'A commitment of 66000.00 on 2015-11-01 is above the uncommitted balance of project CC-01 (operating budget) as of 2015-12-01: 65000.00 of its 100000.00 allocation remains uncommitted without it',
      ]);
      expect(await refused('PATCH', `${C}/K-1`, { version: 1, reason: 'พิมพ์ผิด', amount: '19999.99' })).toEqual([
        400,
        'Commitment K-1 of project CC-01 has 20000.00 paid against it: its amount cannot be 19999.99',
      ]);
      expect(await refused('PATCH', `${C}/K-1`, { version: 1, reason: 'พิมพ์ผิด', date: '2015-11-16' })).toEqual([
        400,
        'Commitment K-1 of project CC-01 was paid against on 2015-11-15: it cannot have been signed later (2015-11-16)',
      ]);
      expect(await refused('PATCH', `${C}/K-1`, { version: 2, reason: 'พิมพ์ผิด', vendor: 'x' })).toEqual([
        409,
        'Commitment K-1 of project CC-01 was changed since you read it (your version 2, now 1): reload it',
      ]);
      expect((await send('PATCH', `${C}/K-1`, { version: 1, amount: '1.00' })).status).toBe(400);
      expect(await refused('PATCH', `${C}/K-9`, { version: 1, reason: 'x' })).toEqual([404, 'Commitment K-9 of project CC-01 not found']);
      expect(await snapshot()).toEqual(before);
    });

    it('corrects amount, vendor and date for every date; the audit trail keeps the old values and the reason', async () => {
      const k1 = await ok('PATCH', `${C}/K-1`, { version: 1, reason: 'แก้ไขตามสัญญาฉบับลงนาม', amount: '65000.00', vendor: 'หจก. ก การช่าง' });
      expect(k1).toMatchObject({
        number: 'K-1',
        date: '2015-11-01',
        vendor: 'หจก. ก การช่าง',
        amount: '65000.00',
        paid: '20000.00',
        version: 2,
        cancelledOn: null,
      });
      expect(await figures('2016-01-31')).toEqual(['95000.00', '20000.00', '0.00']);
      // K-2 was in fact signed on 15 October: figures as of October now show it.
      expect(await ok('PATCH', `${C}/K-2`, { version: 1, reason: 'วันที่ลงนามผิด', date: '2015-10-15' })).toMatchObject({
        date: '2015-10-15',
        version: 2,
      });
      expect(await figures('2015-10-31')).toEqual(['30000.00', '0.00', '70000.00']);
      const audit = await s.json<{ action: string; before: Commitment; after: Commitment; reason: string }[]>(
        '/api/v1/audit?entityType=commitment&entityKey=CC-01/K-1',
      );
      const update = audit.body.find((a) => a.action === 'update')!;
      expect([update.before.amount, update.before.vendor, update.after.amount, update.after.vendor, update.reason]).toEqual([
        '60000.00',
        'หจก. ก',
        '65000.00',
        'หจก. ก การช่าง',
        'แก้ไขตามสัญญาฉบับลงนาม',
      ]);
    });
  });

  describe('cancellations', () => {
    it('a cancelled commitment counts in full before its date and only as paid from it', async () => {
      const k2 = await ok('POST', `${C}/K-2/cancel`, { date: '2016-01-10', reason: 'ผู้ขายไม่ส่งของ', version: 2 });
      expect(k2).toMatchObject({ cancelledOn: '2016-01-10', released: '30000.00', version: 3 });
      expect(await figures('2016-01-09')).toEqual(['95000.00', '20000.00', '0.00']);
      expect(await figures('2016-01-10')).toEqual(['65000.00', '20000.00', '30000.00']);
      // The balance freed on 10 January takes a new commitment from that date, not before.
      expect(await refused('POST', C, { number: 'K-3', date: '2016-01-09', vendor: 'ร้าน ค', amount: '30000.00' })).toEqual([
        422,
        'A commitment of 30000.00 is above the uncommitted balance of project CC-01 (operating budget) on 2016-01-09: 0.00 of its 100000.00 allocation remains uncommitted',
      ]);
      await ok('POST', C, { number: 'K-3', date: '2016-01-10', vendor: 'ร้าน ค', amount: '30000.00' });
      // The progress report reads the same figures on either side of the cancellation.
      const committed = async (asOf: string) =>
        (await s.json<ProgressReport>(`/api/v1/reports/progress?owner=upper-north-1&fiscalYear=2559&asOf=${asOf}`)).body.totals.committed;
      expect([await committed('2016-01-09'), await committed('2016-01-10')]).toEqual(['95000.00', '95000.00']);
    });

    it('refuses a payment on or after the cancellation, a cancellation before a payment, and changes of a cancelled one', async () => {
      expect(await refused('POST', `${C}/K-1/cancel`, { date: '2015-11-15', reason: 'บอกเลิกสัญญา' })).toEqual([
        409,
        'Commitment K-1 of project CC-01 has a disbursement paid against it on 2015-11-15: it cannot be cancelled from 2015-11-15',
      ]);
      expect(await refused('POST', `${C}/K-1/cancel`, { date: '2015-10-31', reason: 'บอกเลิกสัญญา' })).toEqual([
        400,
        'Commitment K-1 of project CC-01 cannot be cancelled (2015-10-31) before it was signed (2015-11-01)',
      ]);
      expect(await ok('POST', `${C}/K-1/cancel`, { date: '2016-01-20', reason: 'บอกเลิกสัญญา' })).toMatchObject({ released: '45000.00', version: 3 });
      expect(await figures('2016-01-20')).toEqual(['50000.00', '20000.00', '45000.00']);
      expect(
        await refused('POST', '/api/v1/projects/CC-01/disbursements', { date: '2016-01-20', amount: '1.00', ref: 'D-3', commitment: 'K-1' }),
      ).toEqual([409, 'Commitment K-1 was cancelled on 2016-01-20: nothing dated 2016-01-20 can be paid against it']);
      // A payment dated before the cancellation still counts against it, and releases that much less.
      await ok('POST', '/api/v1/projects/CC-01/disbursements', { date: '2016-01-19', amount: '1000.00', ref: 'D-4', commitment: 'K-1' });
      expect((await s.json<ProjectCommitments>(C)).body.items.map((c) => [c.number, c.amount, c.paid, c.cancelledOn, c.released])).toEqual([
        ['K-2', '30000.00', '0.00', '2016-01-10', '30000.00'],
        ['K-1', '65000.00', '21000.00', '2016-01-20', '44000.00'],
        ['K-3', '30000.00', '0.00', null, null],
      ]);
      expect(await figures('2016-01-20')).toEqual(['51000.00', '21000.00', '44000.00']);
      expect(await refused('PATCH', `${C}/K-1`, { version: 3, reason: 'x', vendor: 'y' })).toEqual([
        409,
        'Commitment K-1 of project CC-01 was cancelled on 2016-01-20: it can no longer be corrected',
      ]);
      expect(await refused('POST', `${C}/K-1/cancel`, { date: '2016-02-01', reason: 'x' })).toEqual([
        409,
        'Commitment K-1 of project CC-01 was already cancelled on 2016-01-20',
      ]);
      const audit = await s.json<{ action: string; reason: string }[]>('/api/v1/audit?entityType=commitment&entityKey=CC-01/K-2');
      expect(audit.body.map((a) => [a.action, a.reason]).sort()).toEqual([
        ['cancel', 'ผู้ขายไม่ส่งของ'],
        ['create', null],
        ['update', 'วันที่ลงนามผิด'],
      ]);
    });

    it('refuses to restore a payment dated on or after its commitment was cancelled meanwhile', async () => {
      await ok('POST', '/api/v1/projects/CC-01/disbursements', { date: '2016-02-10', amount: '1000.00', ref: 'D-5', commitment: 'K-3' });
      const [d5] = await s.db.query<{ id: string }>("SELECT id::text AS id FROM ledger_entries WHERE ref = 'D-5'");
      await ok('POST', `/api/v1/projects/CC-01/ledger/${d5!.id}/delete`, { reason: 'บันทึกซ้ำ' });
      await ok('POST', `${C}/K-3/cancel`, { date: '2016-02-01', reason: 'บอกเลิกสัญญา' });
      const before = await snapshot();
      expect(await refused('POST', `/api/v1/projects/CC-01/ledger/${d5!.id}/restore`, { reason: 'ลบผิด' })).toEqual([
        409,
        'Commitment K-3 was cancelled on 2016-02-01: nothing dated 2016-02-10 can be paid against it',
      ]);
      expect(await snapshot()).toEqual(before);
    });
  });
});
