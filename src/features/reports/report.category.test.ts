import { describe, expect, it } from 'vitest';
import { categorySentence, disbursementCsv, disbursementText } from './report.format.ts';
import type { DisbursementByCategory } from './report.schema.ts';

const REPORT: DisbursementByCategory = {
  owner: '50',
  ownerKind: 'province',
  ownerNameTh: 'เชียงใหม่',
  ownerNameEn: 'Chiang Mai',
  fiscalYear: 2560,
  asOf: '2017-01-10',
  projectCount: 2,
  allocated: '2100.00',
  disbursed: '405.00',
  disbursedPercent: '19.29',
  remaining: '1695.00',
  remainingPercent: '80.71',
  statusCounts: { proposed: 0, revising: 0, approved: 2, in_progress: 0, completed: 0, cancelled: 0 },
  byCategory: [
    {
      category: 'operating',
      projectCount: 2,
      allocated: '1300.00',
      disbursed: '280.00',
      disbursedPercent: '21.54',
      remaining: '1020.00',
      remainingPercent: '78.46',
    },
    {
      category: 'investment',
      projectCount: 1,
      allocated: '800.00',
      disbursed: '125.00',
      disbursedPercent: '15.63',
      remaining: '675.00',
      remainingPercent: '84.37',
    },
    { category: 'other', projectCount: 0, allocated: '0.00', disbursed: '0.00', disbursedPercent: null, remaining: '0.00', remainingPercent: null },
  ],
};

const PARAGRAPH =
  'ผลการเบิกจ่ายงบประมาณโครงการจังหวัดเชียงใหม่ ประจำปีงบประมาณ พ.ศ. 2560 จำนวน 405.00 บาท คิดเป็นร้อยละ 19.29 คงเหลือ 1,695.00 บาท คิดเป็นร้อยละ 80.71 (ข้อมูล ณ วันที่ 10 มกราคม 2560)\n' +
  'งบประมาณที่ได้รับจัดสรร 2,100.00 บาท จำนวน 2 โครงการ\n';

describe('the disbursement report by budget category', () => {
  it('the text is the paragraph alone unless the sentences per category are asked for', () => {
    expect(disbursementText(REPORT, { thaiDigits: false })).toBe(PARAGRAPH);
    expect(disbursementText(REPORT, { thaiDigits: false }, { byCategory: false })).toBe(PARAGRAPH);
    expect(disbursementText(REPORT, { thaiDigits: false }, { byCategory: true })).toBe(
      PARAGRAPH +
        'งบดำเนินงาน ได้รับจัดสรร 1,300.00 บาท เบิกจ่ายจำนวน 280.00 บาท คิดเป็นร้อยละ 21.54 คงเหลือ 1,020.00 บาท คิดเป็นร้อยละ 78.46\n' +
        'งบลงทุน ได้รับจัดสรร 800.00 บาท เบิกจ่ายจำนวน 125.00 บาท คิดเป็นร้อยละ 15.63 คงเหลือ 675.00 บาท คิดเป็นร้อยละ 84.37\n' +
        'งบรายจ่ายอื่น ไม่ได้รับจัดสรรงบประมาณ\n',
    );
  });

  it('a sentence in Thai digits, never a unit after a percentage', () => {
    const s = categorySentence(REPORT.byCategory[1]!);
    expect(s).toBe('งบลงทุน ได้รับจัดสรร ๘๐๐.๐๐ บาท เบิกจ่ายจำนวน ๑๒๕.๐๐ บาท คิดเป็นร้อยละ ๑๕.๖๓ คงเหลือ ๖๗๕.๐๐ บาท คิดเป็นร้อยละ ๘๔.๓๗');
    expect(s).not.toMatch(/ร้อยละ [๐-๙0-9.]+ บาท/);
  });

  it('a category whose allocation was taken away but which had disbursed still gives its figures', () => {
    const c = {
      category: 'other' as const,
      projectCount: 1,
      allocated: '0.00',
      disbursed: '10.00',
      disbursedPercent: null,
      remaining: '-10.00',
      remainingPercent: null,
    };
    expect(categorySentence(c, { thaiDigits: false })).toBe(
      'งบรายจ่ายอื่น ได้รับจัดสรร 0.00 บาท เบิกจ่ายจำนวน 10.00 บาท คิดเป็นร้อยละ - คงเหลือ -10.00 บาท คิดเป็นร้อยละ -',
    );
  });

  it('the CSV: a category column, "all" on the totals, then one row per category', () => {
    expect(disbursementCsv(REPORT)).toBe(
      'owner,fiscalYear,asOf,projectCount,allocated,disbursed,disbursedPercent,remaining,remainingPercent,category\n' +
        '50,2560,2017-01-10,2,2100.00,405.00,19.29,1695.00,80.71,all\n' +
        '50,2560,2017-01-10,2,1300.00,280.00,21.54,1020.00,78.46,operating\n' +
        '50,2560,2017-01-10,1,800.00,125.00,15.63,675.00,84.37,investment\n' +
        '50,2560,2017-01-10,0,0.00,0.00,,0.00,,other\n',
    );
  });
});
