/**
 * Corrections and deletions of ledger entries through the HTTP API: a reason each time, the
 * version read, the ledger rule on every date, and an audit record of the values before and after.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

interface Entry {
  id: string;
  date: string;
  amount: string;
  ref: string;
  note: string | null;
  version: number;
  updatedBy: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { currentVersion?: number; field?: string; issues?: { field: string; message: string }[] } };
}

describeEachDb('ledger corrections', (kind) => {
  let s: TestServer;
  let entry: Entry;
  const send = <T>(method: string, path: string, body: unknown) => s.json<T>(path, { method, body: JSON.stringify(body) });
  const figures = async (asOf: string) => {
    const { allocated, disbursed } = (await s.json<{ allocated: string; disbursed: string }>(`/api/v1/projects/LC-01?asOf=${asOf}`)).body;
    return { allocated, disbursed };
  };

  beforeAll(async () => {
    s = await startServer(kind);
    const p = {
      code: 'LC-01',
      fiscalYear: 2559,
      owner: 'upper-north-1',
      nameTh: 'โครงการแก้ไขรายการ',
      budget: '1000.00',
      status: 'approved',
      statusDate: '2015-10-01',
    };
    expect((await send('POST', '/api/v1/projects', p)).status).toBe(201);
    expect((await send('POST', '/api/v1/projects/LC-01/disbursements', { date: '2015-11-01', amount: '400.00', ref: 'GF-1' })).status).toBe(201);
    expect((await send('POST', '/api/v1/projects/LC-01/disbursements', { date: '2015-12-01', amount: '100.00', ref: 'GF-2' })).status).toBe(201);
    entry = (await s.json<Entry[]>('/api/v1/projects/LC-01/ledger')).body[0]!;
  });
  afterAll(() => s.close());

  it('corrects the amount and date of an entry with a reason; the figures follow', async () => {
    const r = await send<Entry>('PATCH', `/api/v1/projects/LC-01/ledger/${entry.id}`, {
      version: 1,
      amount: '450.00',
      date: '2015-11-05',
      reason: 'แก้ไขตามเอกสาร GFMIS',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: entry.id, date: '2015-11-05', amount: '450.00', ref: 'GF-1', version: 2, updatedBy: 'test-admin' });
    expect(await figures('2015-11-04')).toEqual({ allocated: '1000.00', disbursed: '0.00' });
    expect(await figures('2015-11-30')).toEqual({ allocated: '1000.00', disbursed: '450.00' });
    const history = (
      await s.json<{ action: string; entityKey: string; reason: string; before: Entry; after: Entry }[]>('/api/v1/projects/LC-01/history')
    ).body;
    const update = history.filter((h) => h.action === 'update');
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({
      entityKey: 'LC-01/disbursement/GF-1',
      reason: 'แก้ไขตามเอกสาร GFMIS',
      before: { amount: '400.00', date: '2015-11-01' },
      after: { amount: '450.00', date: '2015-11-05' },
    });
  });

  it('refuses a stale version (409), a missing reason (400) and a correction that breaks the ledger rule (422)', async () => {
    const stale = await send<ErrorBody>('PATCH', `/api/v1/projects/LC-01/ledger/${entry.id}`, { version: 1, amount: '10.00', reason: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details?.currentVersion).toBe(2);
    const noReason = await send<ErrorBody>('PATCH', `/api/v1/projects/LC-01/ledger/${entry.id}`, { version: 2, amount: '10.00' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details?.issues).toEqual([{ field: 'reason', message: 'a reason is required to correct a ledger entry' }]);
    const over = await send<ErrorBody>('PATCH', `/api/v1/projects/LC-01/ledger/${entry.id}`, { version: 2, amount: '900.01', reason: 'x' });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: 'over_allocation',
      message: 'A disbursement of 900.01 would take project LC-01 above its allocation of 1000.00: 900.00 remains',
    });
    expect(await figures('2016-09-30')).toEqual({ allocated: '1000.00', disbursed: '550.00' });
  });

  it('deletes an entry with a reason (it leaves the figures) and an admin restores it', async () => {
    const second = (await s.json<Entry[]>('/api/v1/projects/LC-01/ledger')).body.find((e) => e.ref === 'GF-2')!;
    expect((await send('POST', `/api/v1/projects/LC-01/ledger/${second.id}/delete`, {})).status).toBe(400);
    expect((await send('POST', `/api/v1/projects/LC-01/ledger/${second.id}/delete`, { reason: 'บันทึกซ้ำ' })).status).toBe(200);
    expect(await figures('2016-09-30')).toEqual({ allocated: '1000.00', disbursed: '450.00' });
    expect((await s.json<Entry[]>('/api/v1/projects/LC-01/ledger')).body.map((e) => e.ref)).toEqual(['GF-1']);
    expect((await send('POST', `/api/v1/projects/LC-01/ledger/${second.id}/restore`, { reason: 'ลบผิดรายการ' })).status).toBe(200);
    expect(await figures('2016-09-30')).toEqual({ allocated: '1000.00', disbursed: '550.00' });
  });
});
