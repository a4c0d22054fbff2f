/**
 * Projects through the real HTTP API: create, read, list (filters, Thai word search, sort,
 * paging), validation, optimistic updates, status transitions and history, XLSX export.
 * Each suite runs on PGlite and on PostgreSQL, over a fresh empty database.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import { getStatusHistories } from './project.service.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> & { issues?: { field: string; message: string }[] } };
}
interface ProjectBody {
  code: string;
  fiscalYear: number;
  owner: { kind: string; code: string; nameTh: string; nameEn: string };
  nameTh: string;
  agency: string | null;
  budget: string;
  status: string;
  version: number;
  asOf: string;
  allocated: string;
  disbursed: string;
  remaining: string;
  disbursedPercent: string | null;
  createdBy: string;
  updatedBy: string;
}
interface ListBody {
  total: number;
  items: ProjectBody[];
}

describeEachDb('projects API', (kind) => {
  let s: TestServer;
  const send = <T = ProjectBody>(method: string, path: string, body: unknown) => s.json<T>(path, { method, body: JSON.stringify(body) });
  const create = <T = ProjectBody>(body: Record<string, unknown>) => send<T>('POST', '/api/v1/projects', body);
  const base = { fiscalYear: 2559, owner: 'upper-north-1', budget: '1000.00' };

  beforeAll(async () => {
    s = await startServer(kind);
  });
  afterAll(() => s.close());

  describe('create and read', () => {
    it('creates a cluster project and reads it back with its figures', async () => {
      const created = await create({
        code: 'UN1-59-001',
        fiscalYear: 2559,
        owner: 'upper-north-1',
        nameTh: 'โครงการพัฒนาโครงสร้างพื้นฐาน',
        agency: 'สำนักงานจังหวัดเชียงใหม่',
        budget: '1,250,000.50',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: 'UN1-59-001',
        fiscalYear: 2559,
        owner: { kind: 'cluster', code: 'upper-north-1', nameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1', nameEn: 'Upper Northern 1' },
        nameTh: 'โครงการพัฒนาโครงสร้างพื้นฐาน',
        agency: 'สำนักงานจังหวัดเชียงใหม่',
        budget: '1250000.50',
        status: 'proposed',
        version: 1,
        allocated: '1250000.50',
        disbursed: '0.00',
        remaining: '1250000.50',
        disbursedPercent: '0.00',
        createdBy: 'test-admin',
        updatedBy: 'test-admin',
      });
      const read = await s.json<ProjectBody>('/api/v1/projects/UN1-59-001?asOf=2016-01-05');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ code: 'UN1-59-001', budget: '1250000.50', status: 'proposed', version: 1, asOf: '2016-01-05' });
    });

    it('accepts a province owner as 50 or TH-50, and a fiscal year in Thai digits', async () => {
      const a = await create({ ...base, code: 'CM-59-001', owner: 'TH-50', nameTh: 'โครงการจังหวัดเชียงใหม่', fiscalYear: '๒๕๕๙' });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({
        fiscalYear: 2559,
        owner: { kind: 'province', code: '50', nameTh: 'เชียงใหม่', nameEn: 'Chiang Mai' },
        agency: null,
      });
      const b = await create({ ...base, code: 'CM-59-002', owner: '50', nameTh: 'โครงการจังหวัดเชียงใหม่ ๒' });
      expect(b.status).toBe(201);
      expect(b.body.owner).toEqual({ kind: 'province', code: '50', nameTh: 'เชียงใหม่', nameEn: 'Chiang Mai' });
    });

    it('an unknown project is 404', async () => {
      const r = await s.json<ErrorBody>('/api/v1/projects/NO-SUCH');
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    });

    it('a duplicate code is 409 and leaves the first project as it was', async () => {
      const r = await create<ErrorBody>({ ...base, code: 'UN1-59-001', nameTh: 'ซ้ำ', budget: '5.00' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'code' } });
      expect(r.body.error.message).toContain('UN1-59-001');
      const read = await s.json<ProjectBody>('/api/v1/projects/UN1-59-001');
      expect(read.body).toMatchObject({ nameTh: 'โครงการพัฒนาโครงสร้างพื้นฐาน', budget: '1250000.50' });
    });
  });

  describe('validation', () => {
    const fieldsOf = (b: ErrorBody) => (b.error.details?.issues ?? []).map((i) => i.field);
    it.each([
      ['missing nameTh', { code: 'V-1', fiscalYear: 2559, owner: 'upper-north-1', budget: '1.00' }, 'nameTh'],
      ['empty nameTh', { code: 'V-2', fiscalYear: 2559, owner: 'upper-north-1', budget: '1.00', nameTh: '   ' }, 'nameTh'],
      ['budget not an amount', { code: 'V-3', fiscalYear: 2559, owner: 'upper-north-1', budget: 'abc', nameTh: 'x' }, 'budget'],
      ['budget with 3 decimals', { code: 'V-4', fiscalYear: 2559, owner: 'upper-north-1', budget: '12.345', nameTh: 'x' }, 'budget'],
      ['negative budget', { code: 'V-5', fiscalYear: 2559, owner: 'upper-north-1', budget: '-1.00', nameTh: 'x' }, 'budget'],
      ['C.E. fiscal year', { code: 'V-6', fiscalYear: 2016, owner: 'upper-north-1', budget: '1.00', nameTh: 'x' }, 'fiscalYear'],
      ['bad owner syntax', { code: 'V-7', fiscalYear: 2559, owner: 'Upper North 1', budget: '1.00', nameTh: 'x' }, 'owner'],
      ['unknown status', { code: 'V-8', fiscalYear: 2559, owner: 'upper-north-1', budget: '1.00', nameTh: 'x', status: 'done' }, 'status'],
      ['impossible status date', { ...base, code: 'V-9', nameTh: 'x', statusDate: '2016-02-30' }, 'statusDate'],
    ])('%s: 400 naming the field', async (_label, body, field) => {
      const r = await create<ErrorBody>(body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation');
      expect(typeof r.body.error.message).toBe('string');
      expect(r.body.error.message).toContain(field);
      expect(fieldsOf(r.body)).toContain(field);
    });

    it('an unknown owner is 400 naming the owner field', async () => {
      for (const owner of ['nowhere-1', '99', 'TH-99']) {
        const r = await create<ErrorBody>({ ...base, code: `V-OWN-${owner}`, nameTh: 'x', owner });
        expect(r.status, owner).toBe(400);
        expect(r.body.error).toMatchObject({ code: 'validation', details: { field: 'owner' } });
      }
      const list = await s.json<ListBody>('/api/v1/projects?q=V-');
      expect(list.body.total).toBe(0);
    });
  });

  describe('list: filters, Thai word search, sort and paging', () => {
    const names: Record<string, [number, string, string, string, string?]> = {
      // code: [fiscalYear, owner, nameTh, budget, status]
      'L-01': [2559, 'upper-north-2', 'โครงการพัฒนาคุณภาพการผลิตลำไย', '300.00', 'approved'],
      'L-02': [2559, '51', 'โครงการส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม', '100.00'],
      'L-03': [2558, 'upper-north-2', 'โครงการแปรรูปลำไยอบแห้ง', '200.00', 'approved'],
      'L-04': [2559, 'upper-north-2', 'โครงการท่องเที่ยวเชิงเกษตรสวนลำไย', '400.00', 'revising'],
      'L-05': [2559, '51', 'โครงการลดหมอกควันและไฟป่า', '50.00', 'approved'],
    };
    const codes = (b: ListBody) => b.items.map((p) => p.code);

    beforeAll(async () => {
      for (const [code, [fiscalYear, owner, nameTh, budget, status]] of Object.entries(names)) {
        const r = await create({ code, fiscalYear, owner, nameTh, budget, ...(status ? { status, statusDate: '2015-10-01' } : {}) });
        expect(r.status).toBe(201);
      }
    });

    it('filters by fiscal year, owner (cluster or province) and status', async () => {
      const fy = await s.json<ListBody>('/api/v1/projects?fiscalYear=2558&q=L-');
      expect(codes(fy.body)).toEqual(['L-03']);
      const cluster = await s.json<ListBody>('/api/v1/projects?owner=upper-north-2');
      expect(codes(cluster.body)).toEqual(['L-01', 'L-03', 'L-04']);
      const province = await s.json<ListBody>('/api/v1/projects?owner=TH-51');
      expect(codes(province.body)).toEqual(['L-02', 'L-05']);
      const both = await s.json<ListBody>('/api/v1/projects?owner=upper-north-2&fiscalYear=2559&status=approved');
      expect(both.body).toMatchObject({ total: 1, items: [{ code: 'L-01', status: 'approved' }] });
    });

    it('searches Thai names by word: one word, two words in any order, words written together', async () => {
      const q = async (text: string) => codes((await s.json<ListBody>(`/api/v1/projects?q=${encodeURIComponent(text)}&owner=upper-north-2`)).body);
      expect(await q('ลำไย')).toEqual(['L-01', 'L-03', 'L-04']);
      expect(await q('ท่องเที่ยว ลำไย')).toEqual(['L-04']);
      expect(await q('ลำไย ท่องเที่ยว')).toEqual(['L-04']);
      // Thai is written without spaces: the words are found by segmentation, in any order.
      expect(await q('ลำไยท่องเที่ยว')).toEqual(['L-04']);
      expect(await q('ลำไย หมอกควัน')).toEqual([]);
      const all = await s.json<ListBody>(`/api/v1/projects?q=${encodeURIComponent('ท่องเที่ยว')}`);
      expect(codes(all.body)).toEqual(['L-02', 'L-04']);
      // LIKE metacharacters match literally: L_0 is not a pattern matching L-01
      expect((await s.json<ListBody>(`/api/v1/projects?q=${encodeURIComponent('L_0')}`)).body.total).toBe(0);
      expect(codes((await s.json<ListBody>('/api/v1/projects?q=l-0')).body)).toEqual(['L-01', 'L-02', 'L-03', 'L-04', 'L-05']);
    });

    it('sorts and pages, with the total of the whole filtered list', async () => {
      const desc = await s.json<ListBody>('/api/v1/projects?q=L-&sort=budget&order=desc');
      expect(codes(desc.body)).toEqual(['L-04', 'L-01', 'L-03', 'L-02', 'L-05']);
      const page = await s.json<ListBody>('/api/v1/projects?q=L-&sort=budget&order=asc&limit=2&offset=1');
      expect(page.body.total).toBe(5);
      expect(codes(page.body)).toEqual(['L-02', 'L-03']);
      const last = await s.json<ListBody>('/api/v1/projects?q=L-&limit=2&offset=4');
      expect(last.body).toMatchObject({ total: 5, items: [{ code: 'L-05' }] });
      const bad = await s.json<ErrorBody>('/api/v1/projects?sort=colour');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation');
      expect((await s.json<ErrorBody>('/api/v1/projects?limit=0')).status).toBe(400);
    });

    it('exports the filtered list as an XLSX workbook that opens with exceljs', async () => {
      const res = await s.api('/api/v1/projects/export.xlsx?owner=upper-north-2&asOf=2016-01-05');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('padme-projects-2016-01-05.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[1]).toEqual([
        'รหัสโครงการ',
        'ปีงบประมาณ',
        'เจ้าของ',
        'ชื่อโครงการ',
        'หน่วยงาน',
        'สถานะ',
        'งบประมาณ',
        'จัดสรร',
        'เบิกจ่าย',
        'คงเหลือ',
        'ร้อยละเบิกจ่าย',
      ]);
      const data = rows.slice(2);
      expect(data.map((r) => r[0])).toEqual(['L-01', 'L-03', 'L-04']);
      expect(data[0]).toEqual(['L-01', 2559, 'กลุ่มจังหวัดภาคเหนือตอนบน 2', 'โครงการพัฒนาคุณภาพการผลิตลำไย', '', 'อนุมัติ', 300, 300, 0, 300, 0]);
      expect(data[2]?.[5]).toBe('อยู่ระหว่างการปรับเนื้อหารายละเอียด');
    });
  });

  describe('updates with optimistic versions', () => {
    beforeAll(async () => {
      expect((await create({ ...base, code: 'U-01', nameTh: 'ชื่อเดิม', agency: 'หน่วยงานเดิม' })).status).toBe(201);
    });

    it('PATCH with the version read updates and bumps the version', async () => {
      const r = await send('PATCH', '/api/v1/projects/U-01', { version: 1, nameTh: 'ชื่อใหม่', budget: '2,000.00', agency: null });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ code: 'U-01', nameTh: 'ชื่อใหม่', budget: '2000.00', allocated: '2000.00', agency: null, version: 2 });
    });

    it('PATCH with a stale version is 409 and changes nothing', async () => {
      const r = await send<ErrorBody>('PATCH', '/api/v1/projects/U-01', { version: 1, nameTh: 'ชื่อที่มาช้า' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
      const read = await s.json<ProjectBody>('/api/v1/projects/U-01');
      expect(read.body).toMatchObject({ nameTh: 'ชื่อใหม่', version: 2 });
    });

    it('PATCH without a version, or of an unknown project, is refused', async () => {
      const noVersion = await send<ErrorBody>('PATCH', '/api/v1/projects/U-01', { nameTh: 'x' });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.details?.issues?.map((i) => i.field)).toContain('version');
      expect((await send('PATCH', '/api/v1/projects/NO-SUCH', { version: 1, nameTh: 'x' })).status).toBe(404);
    });
  });

  describe('status transitions and history', () => {
    beforeAll(async () => {
      expect((await create({ ...base, code: 'S-01', nameTh: 'โครงการสถานะ', statusDate: '2015-10-01' })).status).toBe(201);
    });
    const change = (code: string, body: Record<string, unknown>) => send<ProjectBody & ErrorBody>('POST', `/api/v1/projects/${code}/status`, body);

    it('allows proposed → revising → approved → in_progress → completed, with dates and reasons', async () => {
      expect((await change('S-01', { status: 'revising', date: '2015-10-20', reason: 'ปรับรายละเอียด' })).status).toBe(200);
      expect((await change('S-01', { status: 'approved', date: '2015-11-02', reason: 'อนุมัติ' })).status).toBe(200);
      // the same date as the last change is fine
      const r = await change('S-01', { status: 'in_progress', date: '2015-11-02', version: 3, reason: 'เริ่มดำเนินการ' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'in_progress', version: 4 });
    });

    it('refuses a status change without a reason: 400 naming the field', async () => {
      const r = await change('S-01', { status: 'completed', date: '2016-01-01' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({
        code: 'validation',
        details: { issues: [{ field: 'reason', message: 'a reason is required for a status change' }] },
      });
    });

    it('refuses a transition that is not allowed: 409 invalid_transition with the allowed list', async () => {
      const r = await change('S-01', { status: 'proposed', date: '2015-12-01', reason: 'x' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        code: 'invalid_transition',
        details: { field: 'status', from: 'in_progress', allowed: ['completed', 'cancelled'] },
      });
      expect(r.body.error.message).toContain('in_progress');
    });

    it('refuses a status date before the last change, and a stale version', async () => {
      const early = await change('S-01', { status: 'completed', date: '2015-11-01', reason: 'x' });
      expect(early.status).toBe(400);
      expect(early.body.error).toMatchObject({ code: 'validation', details: { field: 'date' } });
      expect(early.body.error.message).toContain('2015-11-02');
      const stale = await change('S-01', { status: 'completed', date: '2016-03-01', version: 2, reason: 'x' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict');
      expect((await s.json<ProjectBody>('/api/v1/projects/S-01')).body).toMatchObject({ status: 'in_progress', version: 4 });
    });

    it('a completed project is final: no transition allowed', async () => {
      expect((await change('S-01', { status: 'completed', date: '2016-03-01', reason: 'เสร็จสิ้น' })).status).toBe(200);
      const r = await change('S-01', { status: 'cancelled', date: '2016-04-01', reason: 'x' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'completed', allowed: [] } });
    });

    it('keeps the status history with dates, reasons and author', async () => {
      const r = await s.json<
        { fromStatus: string | null; toStatus: string; effectiveDate: string; reason: string | null; changedBy: string; changedAt: string }[]
      >('/api/v1/projects/S-01/status-history');
      expect(r.status).toBe(200);
      expect(r.body.map(({ changedAt: _, ...h }) => h)).toEqual([
        { fromStatus: null, toStatus: 'proposed', effectiveDate: '2015-10-01', reason: null, changedBy: 'test-admin' },
        { fromStatus: 'proposed', toStatus: 'revising', effectiveDate: '2015-10-20', reason: 'ปรับรายละเอียด', changedBy: 'test-admin' },
        { fromStatus: 'revising', toStatus: 'approved', effectiveDate: '2015-11-02', reason: 'อนุมัติ', changedBy: 'test-admin' },
        { fromStatus: 'approved', toStatus: 'in_progress', effectiveDate: '2015-11-02', reason: 'เริ่มดำเนินการ', changedBy: 'test-admin' },
        { fromStatus: 'in_progress', toStatus: 'completed', effectiveDate: '2016-03-01', reason: 'เสร็จสิ้น', changedBy: 'test-admin' },
      ]);
      for (const h of r.body) expect(Number.isNaN(Date.parse(h.changedAt))).toBe(false);
    });

    it('creating with an initial status records it with its date', async () => {
      expect((await create({ ...base, code: 'S-02', nameTh: 'อนุมัติแล้ว', status: 'approved', statusDate: '2015-10-05' })).status).toBe(201);
      const h = await s.json<{ toStatus: string; effectiveDate: string }[]>('/api/v1/projects/S-02/status-history');
      expect(h.body).toMatchObject([{ fromStatus: null, toStatus: 'approved', effectiveDate: '2015-10-05' }]);
    });

    it("gives many projects' histories in one call, leaving out what the actor may not read", async () => {
      const admin = { username: 'test-admin', role: 'admin', scopeCode: null, userId: null, via: 'cli' } as const;
      const both = await getStatusHistories(s.db, admin, ['S-01', 'S-02', 'NO-SUCH']);
      expect([...both.keys()].sort()).toEqual(['S-01', 'S-02']);
      expect(both.get('S-01')!.map((h) => h.toStatus)).toEqual(['proposed', 'revising', 'approved', 'in_progress', 'completed']);
      expect(both.get('S-02')!.map((h) => [h.toStatus, h.effectiveDate])).toEqual([['approved', '2015-10-05']]);
      const committee = { username: 'c', role: 'committee_member', scopeCode: 'south-1', userId: null, via: 'cli' } as const;
      expect((await getStatusHistories(s.db, committee, ['S-01', 'S-02'])).size).toBe(0);
      expect([...(await getStatusHistories(s.db, { ...committee, scopeCode: 'upper-north-1' }, ['S-01', 'S-02'])).keys()].sort()).toEqual([
        'S-01',
        'S-02',
      ]);
    });
  });
});
