/**
 * Files of monthly progress reports through the HTTP API: upload, list, download (exact bytes),
 * removal; refused types, sizes and counts; refused on a report under review or accepted; refused
 * roles; and a backup/restore round trip that gives the same bytes. PGlite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, describeEachDb, freshDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { solidPng } from '../../../test/support/png.ts';
import { systemActor } from '../../core/context.ts';
import { restoreBackup, writeBackup } from '../backup/backup.service.ts';
import { readReportFile } from './report-files.service.ts';
import { MAX_FILE_BYTES } from './report-files.rules.ts';
import type { MonthlyReport, ReportFile } from './report.schema.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PNG = solidPng(4, 3, [200, 30, 30]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
/** A JPEG's first bytes, then zeros: accepted by content, whatever it shows. */
const jpegOf = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4)]);

function form(name: string, data: Buffer, type = 'application/octet-stream'): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return fd;
}

describeEachDb('progress report files API', (kind) => {
  let s: TestServer;
  let reporter: Client;
  let officer: Client;
  let otherReporter: Client;
  let viewer: Client;
  const R = '/api/v1/projects/PF-01/progress-reports';
  const put = (c: Client, month: string, body: unknown) =>
    c.json<MonthlyReport & ErrorBody>(`${R}/${month}`, { method: 'PUT', body: JSON.stringify(body) });
  const upload = (c: Client, month: string, fd: FormData) => c.json<ReportFile & ErrorBody>(`${R}/${month}/files`, { method: 'POST', body: fd });
  const list = async (c: Client = s) => (await c.json<MonthlyReport[]>(R)).body;
  const review = (month: string, decision: 'accept' | 'return') =>
    officer.json<MonthlyReport>(`${R}/${month}/review`, {
      method: 'POST',
      body: JSON.stringify({ decision, reason: decision === 'return' ? 'ภาพไม่ชัด' : undefined }),
    });
  const fileCount = async () => Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM progress_report_files'))[0]!.n);
  const auditCount = async () => Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log'))[0]!.n);

  beforeAll(async () => {
    s = await startServer(kind);
    for (const code of ['PF-01', 'PF-02']) {
      const r = await s.json('/api/v1/projects', {
        method: 'POST',
        body: JSON.stringify({
          code,
          fiscalYear: 2559,
          owner: '50',
          nameTh: `โครงการ ${code}`,
          budget: '1000.00',
          status: 'approved',
          statusDate: '2015-10-01',
        }),
      });
      expect(r.status).toBe(201);
    }
    reporter = await s.as({ username: 'f-rep', role: 'agency_reporter', projects: ['PF-01'] });
    otherReporter = await s.as({ username: 'f-rep2', role: 'agency_reporter', projects: ['PF-02'] });
    officer = await s.as({ username: 'f-prov', role: 'province_officer', scope: '50' });
    viewer = await s.as({ username: 'f-view', role: 'viewer' });
  });
  afterAll(() => s.close());

  let png: ReportFile;
  let pdf: ReportFile;

  describe('upload, list, download', () => {
    it('refuses a file before the report of the month exists', async () => {
      const r = await upload(reporter, '2015-11', form('a.png', PNG));
      expect(r.status).toBe(404);
      expect(r.body.error.message).toBe('The progress report of project PF-01 for 2015-11 not found: save it as a draft first');
    });

    it('keeps a PNG with its name, type found from its content, size and SHA-256; the report lists it', async () => {
      expect((await put(reporter, '2015-11', { percent: '10', done: 'ปรับพื้นที่' })).status).toBe(200);
      const r = await upload(reporter, '2015-11', form('ภาพหน้างาน 1.png', PNG, 'application/octet-stream'));
      expect(r.status).toBe(201);
      png = r.body;
      expect(png).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'ภาพหน้างาน 1.png',
        mediaType: 'image/png',
        size: PNG.length,
        sha256: sha(PNG),
        uploadedAt: expect.any(String),
        uploadedBy: 'f-rep',
      });
      expect(PNG.length).toBe(73);
      // A PDF declared as a PNG image under a .png name is a PDF.
      const p = await upload(reporter, '2015-11', form('C:\\Users\\me\\สัญญา.png', PDF, 'image/png'));
      expect(p.status).toBe(201);
      pdf = p.body;
      expect(pdf).toMatchObject({ name: 'สัญญา.png', mediaType: 'application/pdf', size: PDF.length, sha256: sha(PDF) });
      const [report] = await list(reporter);
      expect(report!.files).toEqual([png, pdf]);
    });

    it('serves the exact bytes: an image inline, a PDF as a download, never sniffed', async () => {
      const res = await reporter.api(`${R}/2015-11/files/${png.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename="__________ 1.png"; filename*=UTF-8''${encodeURIComponent('ภาพหน้างาน 1.png')}`,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      const d = await viewer.api(`${R}/2015-11/files/${pdf.id}`);
      expect(d.status).toBe(200);
      expect(d.headers.get('content-type')).toBe('application/pdf');
      expect(d.headers.get('content-disposition')).toBe(`attachment; filename="_____.png"; filename*=UTF-8''${encodeURIComponent('สัญญา.png')}`);
      expect(Buffer.from(await d.arrayBuffer()).equals(PDF)).toBe(true);
    });

    it('refuses a reader without access to the project, and a file of another report', async () => {
      const r = await otherReporter.json<ErrorBody>(`${R}/2015-11/files/${png.id}`);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toBe('f-rep2 (agency reporter) may not read project PF-01');
      const wrong = await s.json<ErrorBody>(`${R}/2015-10/files/${png.id}`);
      expect(wrong.status).toBe(404);
      expect(wrong.body.error.message).toBe(`File ${png.id} of the progress report of project PF-01 for 2015-10 not found`);
      const bad = await s.json<ErrorBody>(`${R}/2015-11/files/abc`);
      expect(bad.status).toBe(400);
    });
  });

  describe('refusals that change nothing', () => {
    const refused = async (c: Client, month: string, fd: FormData, status: number, message: string) => {
      const [files, audits] = [await fileCount(), await auditCount()];
      const r = await upload(c, month, fd);
      expect(r.status).toBe(status);
      expect(r.body.error.message).toBe(message);
      expect([await fileCount(), await auditCount()]).toEqual([files, audits]);
    };

    it('a content that is no photo or PDF, whatever its name and declared type', async () => {
      await refused(
        reporter,
        '2015-11',
        form('photo.jpg', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg'),
        400,
        'The file photo.jpg is not a JPEG, PNG or WebP photo or a PDF document (checked by its content, not its name or declared type)',
      );
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
      await refused(
        reporter,
        '2015-11',
        form('anim.gif', gif, 'image/gif'),
        400,
        'The file anim.gif is not a JPEG, PNG or WebP photo or a PDF document (checked by its content, not its name or declared type)',
      );
      await refused(reporter, '2015-11', form('empty.jpg', Buffer.alloc(0)), 400, 'The file empty.jpg is empty');
    });

    it('a file over 10 MB (413); one of exactly 10 MB is kept', async () => {
      await refused(
        reporter,
        '2015-11',
        form('big.jpg', jpegOf(MAX_FILE_BYTES + 1)),
        413,
        'The file big.jpg is larger than 10 MB (10,485,760 bytes): send a smaller photo or file',
      );
      const ok = await upload(reporter, '2015-11', form('max.jpg', jpegOf(MAX_FILE_BYTES)));
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ name: 'max.jpg', mediaType: 'image/jpeg', size: 10485760 });
      const removed = await reporter.json<MonthlyReport>(`${R}/2015-11/files/${ok.body.id}/delete`, { method: 'POST' });
      expect(removed.status).toBe(200);
      expect(removed.body.files.map((f) => f.name)).toEqual(['ภาพหน้างาน 1.png', 'สัญญา.png']);
    });

    it('no multipart body, or no file in it', async () => {
      const json = await reporter.json<ErrorBody>(`${R}/2015-11/files`, { method: 'POST', body: JSON.stringify({ file: 'x' }) });
      expect(json.status).toBe(400);
      expect(json.body.error.message).toBe('Send the file as multipart/form-data in the field "file"');
    });

    it('roles that may not save the report: a viewer, another project’s reporter', async () => {
      await refused(viewer, '2015-11', form('v.png', PNG), 403, 'f-view (viewer) may not report progress of project PF-01 (owner 50)');
      await refused(
        otherReporter,
        '2015-11',
        form('v.png', PNG),
        403,
        'f-rep2 (agency reporter) may not report progress of project PF-01 (owner 50)',
      );
      const del = await viewer.json<ErrorBody>(`${R}/2015-11/files/${png.id}/delete`, { method: 'POST' });
      expect(del.status).toBe(403);
      expect(del.body.error.message).toBe('f-view (viewer) may not report progress of project PF-01 (owner 50)');
    });

    it('more than 20 files on one report', async () => {
      expect((await put(reporter, '2015-12', { percent: '12' })).status).toBe(200);
      for (let i = 1; i <= 20; i++) expect((await upload(reporter, '2015-12', form(`p${i}.png`, PNG))).status).toBe(201);
      await refused(
        reporter,
        '2015-12',
        form('p21.png', PNG),
        400,
        'The progress report of project PF-01 for 2015-12 holds 20 files already: at most 20 a report (remove one first)',
      );
      const [, dec] = await list();
      expect(dec!.files.length).toBe(20);
      // A removed file no longer counts.
      expect((await reporter.json(`${R}/2015-12/files/${dec!.files[0]!.id}/delete`, { method: 'POST' })).status).toBe(200);
      expect((await upload(reporter, '2015-12', form('p21.png', PNG))).status).toBe(201);
    });
  });

  describe('with the review cycle', () => {
    it('files cannot change while the report is submitted, can once returned, never once accepted', async () => {
      expect((await put(reporter, '2015-11', { percent: '10', done: 'ปรับพื้นที่', submit: true })).body.files).toEqual([png, pdf]);
      await expect(upload(reporter, '2015-11', form('late.png', PNG))).resolves.toMatchObject({
        status: 409,
        body: {
          error: {
            message: 'The progress report of project PF-01 for 2015-11 is submitted and awaiting review: its files can change only once returned',
          },
        },
      });
      const del = await reporter.json<ErrorBody>(`${R}/2015-11/files/${pdf.id}/delete`, { method: 'POST' });
      expect(del.status).toBe(409);
      const ret = await review('2015-11', 'return');
      expect(ret.body).toMatchObject({ status: 'returned', returnReason: 'ภาพไม่ชัด', files: [png, pdf] });
      const again = await upload(reporter, '2015-11', form('ชัดขึ้น.png', solidPng(8, 8, [0, 128, 0])));
      expect(again.status).toBe(201);
      const removed = await reporter.json<MonthlyReport>(`${R}/2015-11/files/${png.id}/delete`, { method: 'POST' });
      expect(removed.body.files.map((f) => f.name)).toEqual(['สัญญา.png', 'ชัดขึ้น.png']);
      expect((await put(reporter, '2015-11', { percent: '10', submit: true })).status).toBe(200);
      expect((await review('2015-11', 'accept')).body.status).toBe('accepted');
      const late = await upload(officer, '2015-11', form('after.png', PNG));
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe('The progress report of project PF-01 for 2015-11 is accepted: its files can no longer change');
      const delAccepted = await s.json<ErrorBody>(`${R}/2015-11/files/${pdf.id}/delete`, { method: 'POST' });
      expect(delAccepted.body.error.message).toBe('The progress report of project PF-01 for 2015-11 is accepted: its files can no longer change');
    });

    it('a removed file is out of sight but kept, and every upload and removal is audited', async () => {
      const gone = await s.json<ErrorBody>(`${R}/2015-11/files/${png.id}`);
      expect(gone.status).toBe(404);
      const [kept] = await s.db.query<{ removed_by: string; hash: string }>(
        `SELECT removed_by, encode(sha256(content), 'hex') AS hash FROM progress_report_files WHERE id = $1::bigint`,
        [png.id],
      );
      expect(kept).toEqual({ removed_by: 'f-rep', hash: sha(PNG) });
      const audit = await s.json<{ action: string; actor: string; before: { name?: string } | null; after: { name?: string } | null }[]>(
        '/api/v1/audit?entityType=progress_report&entityKey=PF-01/2015-11&limit=100',
      );
      const files = audit.body
        .filter((a) => a.action.endsWith('_file'))
        .map((a) => [a.action, a.actor.split(' ')[0], (a.after ?? a.before)!.name])
        .sort();
      expect(files).toEqual(
        [
          ['add_file', 'f-rep', 'ภาพหน้างาน 1.png'],
          ['add_file', 'f-rep', 'สัญญา.png'],
          ['add_file', 'f-rep', 'max.jpg'],
          ['remove_file', 'f-rep', 'max.jpg'],
          ['add_file', 'f-rep', 'ชัดขึ้น.png'],
          ['remove_file', 'f-rep', 'ภาพหน้างาน 1.png'],
        ].sort(),
      );
    });
  });

  describe('backup and restore', () => {
    for (const target of dbKinds('progress report files backup')) {
      it(`carries the exact bytes of every file into a fresh ${target} database`, async () => {
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on('data', (c: Buffer) => chunks.push(c));
        await writeBackup(s.db, systemActor('test'), out);
        const db = await freshDb(target);
        try {
          await restoreBackup(db, systemActor('test'), Readable.from(Buffer.concat(chunks)));
          const q = `SELECT id::text AS id, name, size, sha256, encode(sha256(content), 'hex') AS hash, removed_at IS NOT NULL AS removed
                       FROM progress_report_files ORDER BY progress_report_files.id`;
          const before = await s.db.query<{ hash: string; sha256: string }>(q);
          expect(before.length).toBe(25); // more than one batch of binary rows
          expect(before.every((r) => r.hash === r.sha256)).toBe(true);
          expect(await db.query(q)).toEqual(before);
          const f = await readReportFile(db, systemActor('test'), 'PF-01', '2015-11', pdf.id);
          expect(f.data.equals(PDF)).toBe(true);
          const removedPng = await db.query<{ content: Uint8Array }>('SELECT content FROM progress_report_files WHERE id = $1::bigint', [png.id]);
          expect(Buffer.from(removedPng[0]!.content).equals(PNG)).toBe(true);
        } finally {
          await db.close();
        }
      });
    }
  });
});
