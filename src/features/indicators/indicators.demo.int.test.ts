/** The seed's indicators in the demo data, through the HTTP API: the warnings name garlic and soybean. PGlite and PostgreSQL. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/support/db.ts';
import { startServer, type TestServer } from '../../../test/support/server.ts';
import type { Agreement, IndicatorDetail, IndicatorReport, Warnings } from './indicators.schema.ts';

describeEachDb('indicators demo data', (kind) => {
  let s: TestServer;
  const Q = 'owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05';
  beforeAll(async () => {
    s = await startServer(kind, { demo: true });
  });
  afterAll(() => s.close());

  it('the unsupported-component warnings on the demo data name garlic and soybean, and nothing else lacks a project', async () => {
    const r = await s.json<Warnings>(`/api/v1/indicators/warnings?${Q}`);
    expect(r.status).toBe(200);
    const unsupported = r.body.items.filter((w) => w.kind === 'unsupported');
    expect(unsupported.map((w) => [w.indicator, w.component, w.componentNameTh, w.message])).toEqual([
      ['KPI-2', 'garlic', 'กระเทียม', 'No project supports component garlic (กระเทียม) of KPI-2'],
      ['KPI-2', 'soybean', 'ถั่วเหลือง', 'No project supports component soybean (ถั่วเหลือง) of KPI-2'],
    ]);
    expect(r.body.items.filter((w) => w.kind !== 'unsupported').map((w) => [w.indicator, w.kind, w.period])).toEqual([['KPI-1', 'behind', 'Q1']]);
  });

  it("the draft agreement, the cluster's change request and the projects supporting tourism, longan and air quality", async () => {
    const a = await s.json<Agreement>(`/api/v1/agreements?${Q}`);
    expect(a.body.status).toBe('draft');
    expect(a.body.indicators.map((i) => [i.code, i.nameTh, i.components.map((c) => c.nameTh)])).toEqual([
      ['KPI-1', 'รายได้จากการท่องเที่ยวของกลุ่มจังหวัด', []],
      ['KPI-2', 'มูลค่าผลผลิตทางการเกษตรสำคัญ', ['ลำไย', 'กระเทียม', 'ถั่วเหลือง']],
      ['KPI-3', 'คุณภาพอากาศ', []],
    ]);
    expect(a.body.indicators.every((i) => i.dataSource.includes('ข้อมูลตัวอย่าง (illustrative)'))).toBe(true);
    expect(a.body.changeRequests.map((c) => [c.indicator, c.kind, c.reason, c.decision])).toEqual([
      ['KPI-2', 'change', 'กลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง', null],
    ]);
    const links: Record<string, string[]> = {};
    for (const i of a.body.indicators) {
      const d = await s.json<IndicatorDetail>(`/api/v1/indicators/${i.id}?asOf=2016-01-05`);
      links[i.code] = d.body.links.map((l) => `${l.project}${l.component ? `/${l.component}` : ''} ${l.share}`);
      expect(d.body.results.every((r) => r.source === 'ข้อมูลตัวอย่าง (illustrative)')).toBe(true);
    }
    expect(links).toEqual({
      'KPI-1': ['UN1-2559-01 100.00', 'UN1-2559-02 100.00', 'UN1-2559-05 100.00', 'UN1-2559-07 50.00', 'UN1-2559-10 100.00', 'UN1-2559-14 100.00'],
      'KPI-2': ['UN1-2559-03/longan 100.00', 'UN1-2559-06/longan 100.00'],
      'KPI-3': ['UN1-2559-04 100.00', 'UN1-2559-08 100.00', 'UN1-2559-12 100.00'],
    });
  });

  it('the report in Thai, as the seed writes its paragraph on indicators', async () => {
    const t = await s.api(`/api/v1/reports/indicators?${Q}&format=text`);
    expect(await t.text()).toBe(DEMO_TEXT);
    const r = await s.json<IndicatorReport>(`/api/v1/reports/indicators?${Q}`);
    expect([r.body.status, r.body.weightedScore, r.body.totalWeight, r.body.warningCount]).toEqual(['draft', null, '100', 3]);
  });
});

const DEMO_TEXT = [
  'ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (ร่าง) ประกอบด้วย ๓ ตัวชี้วัด คือ ' +
    'ตัวชี้วัดรายได้จากการท่องเที่ยวของกลุ่มจังหวัด, ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง) และตัวชี้วัดคุณภาพอากาศ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)',
  '๑. ตัวชี้วัดรายได้จากการท่องเที่ยวของกลุ่มจังหวัด น้ำหนักร้อยละ ๔๐ ค่าเป้าหมาย ๙๐,๐๐๐ ล้านบาท ผลการดำเนินงานล่าสุด (ไตรมาสที่ ๑) ๒๑,๕๐๐ ล้านบาท ' +
    'คิดเป็นร้อยละ ๙๗.๗๓ ของค่าเป้าหมายของงวด ข้อสังเกต: ผลการดำเนินงานล่าสุดของตัวชี้วัด (ไตรมาสที่ ๑) ต่ำกว่าค่าเป้าหมาย',
  '๒. ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง) น้ำหนักร้อยละ ๓๐ ค่าเป้าหมาย ๑๐,๕๐๐ ล้านบาท ยังไม่มีผลการดำเนินงาน ' +
    'อยู่ระหว่างขอเปลี่ยนตัวชี้วัด เนื่องจากกลุ่มจังหวัดไม่มีโครงการที่สนับสนุนผลผลิตทางการเกษตร ประเภทกระเทียมและถั่วเหลือง ' +
    'ข้อสังเกต: ไม่มีโครงการที่สนับสนุนกระเทียมและถั่วเหลือง',
  '๓. ตัวชี้วัดคุณภาพอากาศ น้ำหนักร้อยละ ๓๐ ค่าเป้าหมาย ๓๕ วัน ผลการดำเนินงานล่าสุด (ไตรมาสที่ ๑) ๙ วัน คิดเป็นร้อยละ ๑๓๓.๓๓ ของค่าเป้าหมายของงวด',
  '',
].join('\n');
