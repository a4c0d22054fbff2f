/**
 * Monitoring visits through the HTTP API on both databases: plans, results, recommendations and
 * their follow-ups, photos (bytes, thumbnails, EXIF), the overdue list on the demo data, roles,
 * refusals that change nothing, the audit trail, and a backup that carries the photos' bytes.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { describeEachDb, freshDb } from '../../../test/support/db.ts';
import { startServer, type Client, type TestServer } from '../../../test/support/server.ts';
import { auditCount } from '../../../test/support/roles.ts';
import { systemActor } from '../../core/context.ts';
import { restoreBackup, writeBackup } from '../backup/backup.service.ts';
import type { OverdueRecommendations, Photo, Recommendation, Visit, VisitedProject, VisitSummary } from './monitoring.schema.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string } };
}

const FIXTURE = fs.readFileSync(new URL('../../../test/fixtures/visit-gps.jpg', import.meta.url));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describeEachDb('monitoring visits API', (kind) => {
  let s: TestServer;
  let officer: Client;
  let committee: Client;
  let province: Client;
  let reporter: Client;
  let viewer: Client;
  let visitId: string;
  const send = <T = unknown>(c: Client, method: string, path: string, body?: unknown) =>
    c.json<T & ErrorBody>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const plan = {
    owner: 'upper-north-1',
    fiscalYear: 2559,
    committee: 'อ.ก.บ.ก. ด้านติดตามฯ',
    startDate: '2016-03-01',
    endDate: '2016-03-10',
    provinces: ['51', 'TH-52'],
    projects: ['UN1-2559-02', 'UN1-2559-04', 'CM-2559-01'],
  };
  /** A refused request: its status and message, and no audit record. */
  const refused = async (c: Client, method: string, path: string, body: unknown, status: number, message: string) => {
    const before = await auditCount(s);
    const r = await send(c, method, path, body);
    expect([r.status, r.body.error?.message], `${method} ${path}`).toEqual([status, message]);
    expect(await auditCount(s)).toBe(before);
  };

  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
    officer = await s.as({ username: 'un1-officer', role: 'cluster_officer', scope: 'upper-north-1' });
    committee = await s.as({ username: 'un1-committee', role: 'committee_member', scope: 'upper-north-1' });
    province = await s.as({ username: 'cm-officer', role: 'province_officer', scope: '50' });
    reporter = await s.as({ username: 'un1-reporter', role: 'agency_reporter', projects: ['UN1-2559-02'] });
    viewer = await s.as({ username: 'a-viewer', role: 'viewer' });
  });
  afterAll(() => s.close());

  describe('the demo visit of the seed', () => {
    it("is the monitoring sub-committee's, 14-26 Jan 2559 (a Thursday to a Tuesday), in the 4 provinces in the seed's order", async () => {
      const list = await send<VisitSummary[]>(viewer, 'GET', '/api/v1/monitoring/visits?owner=upper-north-1&fiscalYear=2559');
      expect(list.status).toBe(200);
      expect(list.body.map((v) => [v.committee, v.startDate, v.endDate, v.startWeekday, v.endWeekday, v.projectCount, v.visitedCount])).toEqual([
        ['อ.ก.บ.ก. ด้านติดตามฯ', '2016-01-14', '2016-01-26', 'thursday', 'tuesday', 3, 3],
      ]);
      expect(list.body[0]!.provinces).toEqual([
        { code: '50', nameTh: 'เชียงใหม่' },
        { code: '52', nameTh: 'ลำปาง' },
        { code: '51', nameTh: 'ลำพูน' },
        { code: '58', nameTh: 'แม่ฮ่องสอน' },
      ]);
      const one = await send<Visit>(committee, 'GET', `/api/v1/monitoring/visits/${list.body[0]!.id}`);
      expect(
        one.body.projects.map((p) => [p.project, p.visitedOn, p.visitedWeekday, p.findings.length, p.recommendations.map((r) => r.status)]),
      ).toEqual([
        ['UN1-2559-01', '2016-01-14', 'thursday', 1, ['closed']],
        ['UN1-2559-03', '2016-01-19', 'tuesday', 2, ['in_progress', 'open']],
        ['UN1-2559-05', '2016-01-26', 'tuesday', 1, ['open']],
      ]);
      expect(one.body.projects[0]!.recommendations[0]).toMatchObject({ closedOn: '2016-03-10', dueDate: '2016-02-29' });
      expect(one.body.projects[0]!.recommendations[0]!.followUps.map((f) => [f.date, f.status])).toEqual([
        ['2016-02-15', 'in_progress'],
        ['2016-03-10', 'closed'],
      ]);
    });

    it('overdue recommendations as of a date: due before it and not closed as of it, the longest overdue first', async () => {
      const at = (asOf: string) =>
        send<OverdueRecommendations>(officer, 'GET', `/api/v1/monitoring/recommendations/overdue?owner=upper-north-1&asOf=${asOf}`);
      const r = await at('2016-03-05');
      expect(r.status).toBe(200);
      expect(r.body.items.map((i) => [i.project, i.dueDate, i.daysOverdue, i.status, i.responsible])).toEqual([
        ['UN1-2559-03', '2016-02-15', 19, 'open', 'สำนักงานเกษตรจังหวัดลำพูน'],
        ['UN1-2559-01', '2016-02-29', 5, 'in_progress', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงใหม่'],
      ]);
      expect(r.body.count).toBe(2);
      // Closed on 10 March: no longer overdue; the one due 31 March (in progress) is, from 1 April.
      expect((await at('2016-03-10')).body.items.map((i) => i.dueDate)).toEqual(['2016-02-15']);
      expect((await at('2016-04-01')).body.items.map((i) => [i.dueDate, i.status])).toEqual([
        ['2016-02-15', 'open'],
        ['2016-03-31', 'in_progress'],
      ]);
      expect((await at('2016-02-15')).body.count).toBe(0);
      expect(
        (await send<OverdueRecommendations>(officer, 'GET', '/api/v1/monitoring/recommendations/overdue?owner=50&asOf=2016-04-01')).body.count,
      ).toBe(0);
      const other = await send(committee, 'GET', '/api/v1/monitoring/recommendations/overdue?owner=upper-central-1&asOf=2016-04-01');
      expect([other.status, other.body.error.message]).toEqual([
        403,
        'un1-committee (committee member of upper-north-1) may not read the monitoring visits of upper-central-1',
      ]);
      const r2 = await send(reporter, 'GET', '/api/v1/monitoring/recommendations/overdue?owner=upper-north-1&asOf=2016-04-01');
      expect(r2.status).toBe(403);
    });
  });

  describe('a visit plan', () => {
    it('is planned by an officer of the owner, audited; the provinces and projects must be the owner’s', async () => {
      await refused(
        province,
        'POST',
        '/api/v1/monitoring/visits',
        plan,
        403,
        'cm-officer (province officer of 50) may not plan monitoring visits of upper-north-1 (fiscal year 2559)',
      );
      await refused(
        committee,
        'POST',
        '/api/v1/monitoring/visits',
        plan,
        403,
        'un1-committee (committee member of upper-north-1) may not plan monitoring visits of upper-north-1 (fiscal year 2559)',
      );
      await refused(
        officer,
        'POST',
        '/api/v1/monitoring/visits',
        { ...plan, provinces: ['51', '57'] },
        400,
        'provinces.1: province 57 (เชียงราย) is not within upper-north-1 in fiscal year 2559',
      );
      await refused(
        officer,
        'POST',
        '/api/v1/monitoring/visits',
        { ...plan, projects: ['UN1-2559-02', 'C01-2558-01'] },
        400,
        'projects.1: project C01-2558-01 (owner upper-central-1) is not a project of upper-north-1',
      );
      await refused(officer, 'POST', '/api/v1/monitoring/visits', { ...plan, projects: ['NOPE-1'] }, 400, 'projects.0: project NOPE-1 not found');
      const bad = await send(officer, 'POST', '/api/v1/monitoring/visits', { ...plan, endDate: '2016-02-29', provinces: ['51', '51'] });
      expect([bad.status, bad.body.error.code]).toEqual([400, 'validation']);
      expect(bad.body.error.message).toContain('provinces.1: province 51 is listed twice');
      expect(bad.body.error.message).toContain('endDate: the end date is before the start date');

      const before = await auditCount(s);
      const r = await send<Visit>(officer, 'POST', '/api/v1/monitoring/visits', plan);
      expect(r.status).toBe(201);
      expect(await auditCount(s)).toBe(before + 1);
      visitId = r.body.id;
      expect(r.body).toMatchObject({
        owner: { kind: 'cluster', code: 'upper-north-1', nameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1' },
        startWeekday: 'tuesday',
        endWeekday: 'thursday',
        provinces: [
          { code: '51', nameTh: 'ลำพูน' },
          { code: '52', nameTh: 'ลำปาง' },
        ],
        projectCount: 3,
        visitedCount: 0,
        version: 1,
        createdBy: 'un1-officer',
      });
      expect(r.body.projects.map((p) => [p.project, p.owner, p.visitedOn])).toEqual([
        ['UN1-2559-02', 'upper-north-1', null],
        ['UN1-2559-04', 'upper-north-1', null],
        ['CM-2559-01', '50', null],
      ]);
      const [a] = await s.db.query<{ action: string; entity_type: string; actor: string }>(
        "SELECT action, entity_type, actor FROM audit_log WHERE entity_type = 'monitoring_visit' AND entity_key = $1",
        [visitId],
      );
      expect(a).toEqual({ action: 'create', entity_type: 'monitoring_visit', actor: 'un1-officer (token test)' });
    });

    it('reads: a viewer and the committee yes, an agency reporter no; the list by date range', async () => {
      expect((await send(viewer, 'GET', `/api/v1/monitoring/visits/${visitId}`)).status).toBe(200);
      const r = await send(reporter, 'GET', `/api/v1/monitoring/visits/${visitId}`);
      expect([r.status, r.body.error.message]).toEqual([403, 'un1-reporter (agency reporter) may not read the monitoring visits of upper-north-1']);
      const inFeb = await send<VisitSummary[]>(officer, 'GET', '/api/v1/monitoring/visits?owner=upper-north-1&from=2016-02-01&to=2016-03-01');
      expect(inFeb.body.map((v) => v.id)).toEqual([visitId]);
      const inJan = await send<VisitSummary[]>(officer, 'GET', '/api/v1/monitoring/visits?owner=upper-north-1&from=2016-01-01&to=2016-01-31');
      expect(inJan.body.map((v) => v.startDate)).toEqual(['2016-01-14']);
      expect((await send(officer, 'GET', '/api/v1/monitoring/visits/999999')).status).toBe(404);
    });

    it('records results: the day (within the dates, not in the future) and findings; by the committee too', async () => {
      const path = `/api/v1/monitoring/visits/${visitId}/projects/UN1-2559-02`;
      await refused(
        province,
        'PUT',
        path,
        { visitedOn: '2016-03-02' },
        403,
        'cm-officer (province officer of 50) may not record monitoring results of upper-north-1 (fiscal year 2559)',
      );
      await refused(
        committee,
        'PUT',
        path,
        { visitedOn: '2016-03-11' },
        400,
        "visitedOn: 2016-03-11 is outside the visit's dates 2016-03-01 – 2016-03-10",
      );
      await refused(
        committee,
        'PUT',
        `/api/v1/monitoring/visits/${visitId}/projects/UN1-2559-09`,
        { visitedOn: '2016-03-02' },
        404,
        `Project UN1-2559-09 is not in the plan of monitoring visit ${visitId}: add it to the plan first`,
      );
      const r = await send<VisitedProject>(committee, 'PUT', path, { visitedOn: '2016-03-02', findings: ['  ผลผลิตตามแผน  ', 'ขาดป้ายประชาสัมพันธ์'] });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        project: 'UN1-2559-02',
        visitedOn: '2016-03-02',
        visitedWeekday: 'wednesday',
        findings: ['ผลผลิตตามแผน', 'ขาดป้ายประชาสัมพันธ์'],
        version: 2,
      });
      await refused(
        committee,
        'PUT',
        path,
        { visitedOn: '2016-03-03', version: 1 },
        409,
        `The results of project UN1-2559-02 on visit ${visitId} changed meanwhile (version 2, not 1): reload them`,
      );
    });

    it('recommendations: only of a visited project, due on or after the visit; changed while open', async () => {
      const base = `/api/v1/monitoring/visits/${visitId}/projects`;
      const rec = { text: 'ติดตั้งป้ายประชาสัมพันธ์', responsible: 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดลำปาง', dueDate: '2016-03-31' };
      await refused(
        officer,
        'POST',
        `${base}/UN1-2559-04/recommendations`,
        rec,
        409,
        `Project UN1-2559-04 has not been recorded as visited on visit ${visitId}: record the visit (its day) first`,
      );
      await refused(
        officer,
        'POST',
        `${base}/UN1-2559-02/recommendations`,
        { ...rec, dueDate: '2016-03-01' },
        400,
        'dueDate: 2016-03-01 is before the visit of 2016-03-02',
      );
      const r = await send<Recommendation>(committee, 'POST', `${base}/UN1-2559-02/recommendations`, rec);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ ...rec, status: 'open', closedOn: null, followUps: [], version: 1, createdBy: 'un1-committee' });
      const changed = await send<Recommendation>(officer, 'PATCH', `/api/v1/monitoring/recommendations/${r.body.id}`, {
        version: 1,
        dueDate: '2016-04-15',
      });
      expect([changed.status, changed.body.dueDate, changed.body.version]).toEqual([200, '2016-04-15', 2]);
      await refused(
        officer,
        'PATCH',
        `/api/v1/monitoring/recommendations/${r.body.id}`,
        { version: 1, text: 'x' },
        409,
        `Recommendation ${r.body.id} changed meanwhile (version 2, not 1): reload it`,
      );

      // The follow-up: forward only, dated in order, closed for good.
      const fu = (body: unknown) => send<Recommendation>(committee, 'POST', `/api/v1/monitoring/recommendations/${r.body.id}/follow-ups`, body);
      expect((await fu({ date: '2016-03-20', note: 'สั่งทำป้ายแล้ว', status: 'in_progress' })).body).toMatchObject({ status: 'in_progress', version: 3 });
      await refused(
        committee,
        'POST',
        `/api/v1/monitoring/recommendations/${r.body.id}/follow-ups`,
        { date: '2016-03-25', note: 'ย้อน', status: 'open' },
        409,
        `Recommendation ${r.body.id} is in_progress: it cannot go back to open`,
      );
      await refused(
        committee,
        'POST',
        `/api/v1/monitoring/recommendations/${r.body.id}/follow-ups`,
        { date: '2016-03-19', note: 'ก่อน' },
        400,
        'date: 2016-03-19 is before the previous follow-up of 2016-03-20',
      );
      await refused(
        committee,
        'POST',
        `/api/v1/monitoring/recommendations/${r.body.id}/follow-ups`,
        { date: '2999-01-01', note: 'อนาคต' },
        400,
        'date: 2999-01-01 is in the future',
      );
      const kept = await fu({ date: '2016-03-25', note: 'รอผู้รับจ้าง' });
      expect(kept.body.status).toBe('in_progress');
      const closed = await fu({ date: '2016-04-10', note: 'ติดตั้งแล้ว', status: 'closed' });
      expect(closed.status).toBe(201);
      expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2016-04-10' });
      expect(closed.body.followUps.map((f) => [f.date, f.status, f.createdBy])).toEqual([
        ['2016-03-20', 'in_progress', 'un1-committee'],
        ['2016-03-25', 'in_progress', 'un1-committee'],
        ['2016-04-10', 'closed', 'un1-committee'],
      ]);
      await refused(
        committee,
        'POST',
        `/api/v1/monitoring/recommendations/${r.body.id}/follow-ups`,
        { date: '2016-04-11', note: 'อีก' },
        409,
        `Recommendation ${r.body.id} is closed: no follow-up can be added`,
      );
      await refused(
        officer,
        'PATCH',
        `/api/v1/monitoring/recommendations/${r.body.id}`,
        { version: closed.body.version, text: 'x' },
        409,
        `Recommendation ${r.body.id} is closed: it can no longer change`,
      );
      const audits = await s.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity_type = 'recommendation' AND entity_key = $1 ORDER BY id",
        [r.body.id],
      );
      expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'follow_up', 'follow_up', 'close']);
    });

    it('photos: stored with their bytes, a thumbnail and the EXIF GPS position and time; only JPEG or PNG, at most 10 MiB', async () => {
      const url = `/api/v1/monitoring/visits/${visitId}/projects/UN1-2559-02/photos`;
      const form = (name: string, data: Uint8Array, caption?: string) => {
        const fd = new FormData();
        if (caption !== undefined) fd.append('caption', caption);
        fd.append('file', new Blob([new Uint8Array(data)]), name);
        return fd;
      };
      const upload = async (c: Client, fd: FormData) => {
        const res = await c.api(url, { method: 'POST', body: fd });
        return { status: res.status, body: (await res.json()) as Photo & ErrorBody };
      };
      const before = await auditCount(s);
      const gif = await upload(committee, form('photo.jpg', Buffer.from('GIF89a-not-a-photo')));
      expect([gif.status, gif.body.error.message]).toEqual([400, 'photo.jpg: not a JPEG or PNG image (its first bytes say so, whatever its name)']);
      const huge = await upload(committee, form('huge.jpg', Buffer.concat([FIXTURE, Buffer.alloc(10 * 1024 * 1024)])));
      expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
      const outsider = await upload(province, form('site.jpg', FIXTURE));
      expect(outsider.status).toBe(403);
      const byOfficer = await upload(officer, form('site.jpg', FIXTURE));
      expect(byOfficer.status).toBe(201);
      expect(await auditCount(s)).toBe(before + 1);

      const p = await upload(committee, form('ศาลากลาง.jpg', FIXTURE, 'ป้ายโครงการ'));
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({
        fileName: 'ศาลากลาง.jpg',
        mediaType: 'image/jpeg',
        byteSize: 705,
        sha256: sha(FIXTURE),
        width: 96,
        height: 64,
        thumbnailWidth: 96,
        thumbnailHeight: 64,
        latitude: 18.8403333,
        longitude: 98.9706667,
        takenAt: '2016-01-15T10:30:00',
        takenOffset: '+07:00',
        caption: 'ป้ายโครงการ',
        url: `/api/v1/monitoring/photos/${p.body.id}/image`,
        createdBy: 'un1-committee',
      });
      const image = await viewer.api(p.body.url);
      expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
      expect(sha(new Uint8Array(await image.arrayBuffer()))).toBe(sha(FIXTURE));
      const thumb = await viewer.api(p.body.thumbnailUrl);
      const thumbBytes = Buffer.from(await thumb.arrayBuffer());
      expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
      expect(await sharp(thumbBytes).metadata()).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
      expect((await reporter.api(p.body.url)).status).toBe(403);

      const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#204080' } })
        .png()
        .toBuffer();
      const q = await upload(officer, form('plan.png', png));
      expect(q.body).toMatchObject({
        mediaType: 'image/png',
        width: 640,
        height: 480,
        thumbnailWidth: 320,
        thumbnailHeight: 240,
        latitude: null,
        takenAt: null,
      });

      const visit = await send<Visit>(viewer, 'GET', `/api/v1/monitoring/visits/${visitId}`);
      expect(visit.body.projects[0]!.photos.map((x) => x.fileName)).toEqual(['site.jpg', 'ศาลากลาง.jpg', 'plan.png']);
      const del = await send<Photo>(officer, 'POST', `/api/v1/monitoring/photos/${q.body.id}/delete`, { reason: 'ถ่ายผิดโครงการ' });
      expect(del.status).toBe(200);
      expect((await viewer.api(q.body.url)).status).toBe(404);
      const [a] = await s.db.query<{ action: string; reason: string }>(
        "SELECT action, reason FROM audit_log WHERE entity_type = 'monitoring_photo' AND entity_key = $1 AND action = 'delete'",
        [q.body.id],
      );
      expect(a).toEqual({ action: 'delete', reason: 'ถ่ายผิดโครงการ' });
    });

    it('changes to the plan: with the version read; a project with results stays; dates keep the visits within', async () => {
      const path = `/api/v1/monitoring/visits/${visitId}`;
      await refused(
        officer,
        'PATCH',
        path,
        { version: 9, title: 'x' },
        409,
        `Monitoring visit ${visitId} changed meanwhile (version 1, not 9): reload it`,
      );
      await refused(
        officer,
        'PATCH',
        path,
        { version: 1, projects: ['UN1-2559-04'] },
        409,
        `Project UN1-2559-02 has results recorded on visit ${visitId}: it cannot leave the plan`,
      );
      await refused(
        officer,
        'PATCH',
        path,
        { version: 1, startDate: '2016-03-05' },
        400,
        'Project UN1-2559-02 was visited on 2016-03-02, outside 2016-03-05 – 2016-03-10',
      );
      const r = await send<Visit>(officer, 'PATCH', path, {
        version: 1,
        projects: ['UN1-2559-02', 'UN1-2559-06'],
        endDate: '2016-03-12',
        title: 'รอบที่ 2',
      });
      expect(r.status).toBe(200);
      expect([r.body.version, r.body.endDate, r.body.title, r.body.projects.map((p) => p.project)]).toEqual([
        2,
        '2016-03-12',
        'รอบที่ 2',
        ['UN1-2559-02', 'UN1-2559-06'],
      ]);
    });

    it('deletion with a reason: the visit is gone from reads, its writes refused', async () => {
      const path = `/api/v1/monitoring/visits/${visitId}`;
      await refused(
        committee,
        'POST',
        `${path}/delete`,
        { reason: 'ซ้ำ' },
        403,
        'un1-committee (committee member of upper-north-1) may not plan monitoring visits of upper-north-1 (fiscal year 2559)',
      );
      const r = await send<VisitSummary>(officer, 'POST', `${path}/delete`, { reason: 'บันทึกซ้ำ' });
      expect([r.status, r.body.version]).toEqual([200, 3]);
      expect((await send(officer, 'GET', path)).status).toBe(404);
      expect((await send(officer, 'PUT', `${path}/projects/UN1-2559-02`, { visitedOn: '2016-03-02' })).status).toBe(404);
    });
  });

  it('a backup carries the photos (bytea) byte for byte into a new database', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeBackup(s.db, systemActor('test'), out);
    const target = await freshDb(kind);
    try {
      await restoreBackup(target, systemActor('test'), Readable.from(Buffer.concat(chunks)));
      const q =
        "SELECT id::text, encode(sha256(data), 'hex') AS d, encode(sha256(thumbnail), 'hex') AS t, latitude, taken_at FROM monitoring_photos ORDER BY id";
      const original = await s.db.query(q);
      expect(original.length).toBe(3);
      expect(await target.query(q)).toEqual(original);
      const [one] = await target.query<{ d: string }>(q);
      expect(one!.d).toBe(sha(FIXTURE));
    } finally {
      await target.close();
    }
  });
});
