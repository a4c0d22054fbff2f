/**
 * Malformed files (test/support/malformed.ts) through the real HTTP API on both databases: each is
 * rejected whole with its exact message and row errors, and the database is unchanged (projects,
 * ledger and audit trail); the well-formed variants are accepted.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { MALFORMED, WELL_FORMED } from '../../../test/support/malformed.ts';

async function upload(s: TestServer, name: string, content: Buffer, query = '') {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(content)]), name);
  const res = await s.api(`/api/v1/imports/disbursements${query}`, { method: 'POST', body: fd });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; details: unknown }; rows?: number } };
}

const snapshot = async (s: TestServer) => ({
  projects: await s.db.query('SELECT * FROM projects ORDER BY id'),
  ledger: await s.db.query('SELECT * FROM ledger_entries ORDER BY id'),
  audit: await s.db.query('SELECT count(*)::int AS n FROM audit_log'),
});

describeEachDb('malformed import files', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
  });
  afterAll(() => s.close());

  for (const c of MALFORMED) {
    it(`rejects ${c.name}`, async () => {
      const before = await snapshot(s);
      const { status, body } = await upload(s, c.fileName, await c.bytes());
      expect({ status, code: body.error?.code, message: body.error?.message, details: body.error?.details }).toEqual({
        status: 422,
        code: 'import_rejected',
        message: c.message,
        details: { errors: c.errors },
      });
      expect(await snapshot(s)).toEqual(before);
    });
  }

  for (const c of WELL_FORMED) {
    it(`accepts ${c.name}`, async () => {
      const before = await snapshot(s);
      const { status, body } = await upload(s, c.fileName, await c.bytes(), '?dryRun=true');
      expect({ status, body }).toEqual({ status: 200, body: { kind: 'disbursements', rows: c.rows, added: c.rows, unchanged: 0, dryRun: true } });
      expect(await snapshot(s)).toEqual(before);
    });
  }
});
