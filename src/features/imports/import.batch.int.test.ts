/**
 * Imports read as a stream and applied in batches (2000 rows), through the real HTTP API on
 * PGlite and PostgreSQL: a file longer than a batch is imported whole with the same rows and
 * audit records as entries recorded one by one; errors after the first batch and keys repeated
 * across batches are named by row; any of them leaves nothing changed; rows of one file see the
 * rows before them on the same project; importing the same file again adds nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';

async function upload(s: TestServer, name: string, content: string): Promise<{ status: number; body: unknown }> {
  const fd = new FormData();
  fd.append('file', new Blob([new TextEncoder().encode(content)]), name);
  const res = await s.api('/api/v1/imports/disbursements', { method: 'POST', body: fd });
  return { status: res.status, body: await res.json() };
}

const HEADER = 'project_code,date,amount,ref\n';
/** n rows of 1.00 baht on the two projects in turn, refs B-1…B-n. */
const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `${(from + i) % 2 ? 'BT-A' : 'BT-B'},2016-03-01,1.00,B-${from + i}\n`).join('');

describeEachDb('imports in batches', (kind) => {
  let s: TestServer;
  const count = async (sql: string) => Number((await s.db.query<{ n: bigint }>(sql))[0]!.n);
  const state = async () => ({
    ledger: await count('SELECT count(*) AS n FROM ledger_entries'),
    audit: await count('SELECT count(*) AS n FROM audit_log'),
  });

  beforeAll(async () => {
    s = await startServer(kind);
    for (const code of ['BT-A', 'BT-B']) {
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({
          code,
          fiscalYear: 2559,
          owner: 'upper-north-1',
          nameTh: `โครงการ ${code}`,
          budget: '3000.00',
          status: 'approved',
          statusDate: '2015-10-01',
        }),
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => s.close());

  it('names an error after the first batch and a key repeated across batches, and changes nothing', async () => {
    const before = await state();
    const lines = rows(4500).split('\n');
    // Data row 2600 (file row 2601), in the second batch: BT-A has 1,300 rows of 1.00 by then, 1700.00 remains.
    lines[2599] = 'BT-A,2016-03-01,5000.00,B-2600';
    lines[3999] = 'BT-B,2016-03-01,1.00,B-6'; // file row 4001 repeats row 7's key (BT-B B-6)
    const r = await upload(s, 'd.csv', HEADER + lines.join('\n'));
    expect(r).toEqual({
      status: 422,
      body: {
        error: {
          code: 'import_rejected',
          message: 'The file was not imported: 2 error(s) in 2 row(s). Nothing was changed.',
          details: {
            errors: [
              {
                row: 2601,
                field: 'amount',
                message: 'A disbursement of 5000.00 would take project BT-A above its allocation of 3000.00: 1700.00 remains',
              },
              { row: 4001, field: 'ref', message: 'BT-B B-6 appears already in row 7: a file names each entry once' },
            ],
          },
        },
      },
    });
    expect(await state()).toEqual(before);
  }, 60_000);

  it('sees the rows before it on the same project: the one that takes a project above its allocation is named', async () => {
    const before = await state();
    // The first row leaves 1.00 of BT-A; the second asks for 1.01.
    const r = await upload(s, 'd.csv', HEADER + 'BT-A,2016-03-01,2999.00,S-1\nBT-B,2016-03-01,1.00,S-2\nBT-A,2016-03-02,1.01,S-3\n');
    expect(r.status).toBe(422);
    expect((r.body as { error: { details: { errors: unknown[] } } }).error.details.errors).toEqual([
      { row: 4, field: 'amount', message: 'A disbursement of 1.01 would take project BT-A above its allocation of 3000.00: 1.00 remains' },
    ]);
    expect(await state()).toEqual(before);
  });

  it('imports a file longer than a batch whole, with the rows and audit records of entries recorded one by one', async () => {
    const before = await state();
    const one = await s.json('/api/v1/projects/BT-A/disbursements', {
      method: 'POST',
      body: JSON.stringify({ date: '2016-03-01', amount: '1.00', ref: 'ONE' }),
    });
    expect(one.status).toBeLessThan(300);
    const r = await upload(s, 'd.csv', HEADER + rows(4999));
    expect(r).toEqual({ status: 200, body: { kind: 'disbursements', rows: 4999, added: 4999, unchanged: 0, dryRun: false } });
    expect(await state()).toEqual({ ledger: before.ledger + 5000, audit: before.audit + 5000 });
    const entries = await s.db.query<Record<string, unknown>>(
      `SELECT e.kind, e.entry_date, e.amount, e.note, e.created_by, e.category, e.commitment_id, e.version, e.deleted_at, e.updated_by
         FROM ledger_entries e WHERE e.ref IN ('ONE', 'B-1') ORDER BY e.ref`,
    );
    expect(entries[0]).toEqual(entries[1]);
    const audits = await s.db.query<{
      action: string;
      actor: string;
      entity_key: string;
      before: unknown;
      after: Record<string, unknown>;
      reason: unknown;
    }>(
      `SELECT action, actor, entity_key, before, after, reason FROM audit_log WHERE entity_key IN ('BT-A/disbursement/ONE', 'BT-A/disbursement/B-1') ORDER BY entity_key`,
    );
    const [imported, recorded] = audits;
    expect(imported).toMatchObject({ action: 'import', actor: 'test-admin (token test)', before: null, reason: null });
    expect(recorded).toMatchObject({ action: 'create', actor: 'test-admin (token test)', before: null, reason: null });
    const [b1] = await s.db.query<{ id: bigint }>(`SELECT id FROM ledger_entries WHERE ref = 'B-1'`);
    expect(imported!.after).toEqual({ ...recorded!.after, id: String(b1!.id), ref: 'B-1' });
    // Row 4999 landed on BT-A: 2500 + 1 = 2501.00 disbursed of 3000.00.
    const a = await s.json<{ disbursed: string }>('/api/v1/projects/BT-A');
    expect(a.body.disbursed).toBe('2501.00');
  }, 60_000);

  it('adds nothing when the same file comes again', async () => {
    const before = await state();
    const r = await upload(s, 'd.csv', HEADER + rows(4999));
    expect(r).toEqual({ status: 200, body: { kind: 'disbursements', rows: 4999, added: 0, unchanged: 4999, dryRun: false } });
    expect(await state()).toEqual(before);
  }, 60_000);
});
