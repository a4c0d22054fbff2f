import { describe, expect, it } from 'vitest';
import { disbursementCsv, disbursementText, rankingCsv, rankingText, toCsv } from './report.format.ts';
import type { DisbursementReport, Ranking } from './report.schema.ts';

const SEED: DisbursementReport = {
  owner: 'upper-north-1',
  ownerKind: 'cluster',
  ownerNameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
  ownerNameEn: 'Upper Northern 1',
  fiscalYear: 2559,
  asOf: '2016-01-05',
  projectCount: 15,
  allocated: '359420700.00',
  disbursed: '1421593.29',
  disbursedPercent: '0.40',
  remaining: '357999106.71',
  remainingPercent: '99.60',
  statusCounts: { proposed: 0, revising: 1, approved: 14, in_progress: 0, completed: 0, cancelled: 0 },
};

const SEED_SENTENCE = 'จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)';

describe('disbursementText', () => {
  it("writes the seed's sentence in Thai digits", () => {
    const text = disbursementText(SEED);
    expect(text).toContain(SEED_SENTENCE);
    expect(text).toBe(
      `ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ${SEED_SENTENCE}\n` +
        'งบประมาณที่ได้รับจัดสรร ๓๕๙,๔๒๐,๗๐๐.๐๐ บาท จำนวน ๑๕ โครงการ\n',
    );
  });

  it('writes the same in Arabic digits', () => {
    expect(disbursementText(SEED, { thaiDigits: false })).toBe(
      'ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 ประจำปีงบประมาณ พ.ศ. 2559 ' +
        'จำนวน 1,421,593.29 บาท คิดเป็นร้อยละ 0.40 คงเหลือ 357,999,106.71 บาท คิดเป็นร้อยละ 99.60 (ข้อมูล ณ วันที่ 5 มกราคม 2559)\n' +
        'งบประมาณที่ได้รับจัดสรร 359,420,700.00 บาท จำนวน 15 โครงการ\n',
    );
  });

  it('never follows a percentage with a unit (the seed\'s "ร้อยละ ๙๙.๖๐ บาท")', () => {
    for (const style of [{ thaiDigits: true }, { thaiDigits: false }]) {
      expect(disbursementText(SEED, style)).not.toMatch(/ร้อยละ [๐-๙0-9.]+ บาท/);
    }
  });

  it('writes "-" for a percentage of nothing allocated', () => {
    const empty = {
      ...SEED,
      projectCount: 0,
      allocated: '0.00',
      disbursed: '0.00',
      remaining: '0.00',
      disbursedPercent: null,
      remainingPercent: null,
    };
    expect(disbursementText(empty, { thaiDigits: false })).toBe(
      'ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน 1 ประจำปีงบประมาณ พ.ศ. 2559 ' +
        'จำนวน 0.00 บาท คิดเป็นร้อยละ - คงเหลือ 0.00 บาท คิดเป็นร้อยละ - (ข้อมูล ณ วันที่ 5 มกราคม 2559)\n' +
        'งบประมาณที่ได้รับจัดสรร 0.00 บาท จำนวน 0 โครงการ\n',
    );
  });
});

describe('CSV', () => {
  it('quotes cells holding commas, quotes or line breaks, and only those', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['plain', 'ไทย'],
          ['1,234.50', 'say "hi"'],
          ['two\nlines', 'cr\rhere'],
          [null, undefined],
          [12, true],
        ],
      ),
    ).toBe('a,b\nplain,ไทย\n"1,234.50","say ""hi"""\n"two\nlines","cr\rhere"\n,\n12,true\n');
  });

  it('disbursementCsv has one header and one row, in API form (no grouping, Arabic digits)', () => {
    expect(disbursementCsv(SEED)).toBe(
      'owner,fiscalYear,asOf,projectCount,allocated,disbursed,disbursedPercent,remaining,remainingPercent\n' +
        'upper-north-1,2559,2016-01-05,15,359420700.00,1421593.29,0.40,357999106.71,99.60\n',
    );
  });

  const RANKING: Ranking = {
    fiscalYear: 2558,
    asOf: '2016-01-05',
    level: 'cluster',
    scheme: '2552',
    clusters: [
      { rank: 1, owner: 'a', nameTh: 'กลุ่ม, "ก"', nameEn: 'A', projectCount: 2, allocated: '100.00', disbursed: '90.00', disbursedPercent: '90.00' },
      {
        rank: 2,
        owner: 'upper-north-1',
        nameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
        nameEn: 'Upper Northern 1',
        projectCount: 12,
        allocated: '284810000.00',
        disbursed: '205973814.96',
        disbursedPercent: '72.32',
      },
      { rank: null, owner: 'z', nameTh: 'ศูนย์', nameEn: 'Z', projectCount: 0, allocated: '0.00', disbursed: '0.00', disbursedPercent: null },
    ],
  };

  it('rankingCsv quotes names and leaves a missing percentage empty', () => {
    expect(rankingCsv(RANKING)).toBe(
      'rank,owner,nameTh,projectCount,allocated,disbursed,disbursedPercent\n' +
        '1,a,"กลุ่ม, ""ก""",2,100.00,90.00,90.00\n' +
        '2,upper-north-1,กลุ่มจังหวัดภาคเหนือตอนบน 1,12,284810000.00,205973814.96,72.32\n' +
        ',z,ศูนย์,0,0.00,0.00,\n',
    );
  });

  it('rankingText writes ranks "of N" and marks the unranked', () => {
    expect(rankingText(RANKING, { thaiDigits: false })).toBe(
      'ผลการเบิกจ่ายงบประมาณโครงการของกลุ่มจังหวัด ประจำปีงบประมาณ พ.ศ. 2558 จัดลำดับจากร้อยละการเบิกจ่าย (ข้อมูล ณ วันที่ 5 มกราคม 2559)\n' +
        'ลำดับที่ 1 จาก 3 กลุ่ม, "ก" เบิกจ่าย 90.00 บาท จากงบประมาณ 100.00 บาท คิดเป็นร้อยละ 90.00\n' +
        'ลำดับที่ 2 จาก 3 กลุ่มจังหวัดภาคเหนือตอนบน 1 เบิกจ่าย 205,973,814.96 บาท จากงบประมาณ 284,810,000.00 บาท คิดเป็นร้อยละ 72.32\n' +
        'ไม่มีงบประมาณ ศูนย์ เบิกจ่าย 0.00 บาท จากงบประมาณ 0.00 บาท คิดเป็นร้อยละ -\n',
    );
    expect(rankingText(RANKING).split('\n')[2]).toBe(
      'ลำดับที่ ๒ จาก ๓ กลุ่มจังหวัดภาคเหนือตอนบน ๑ เบิกจ่าย ๒๐๕,๙๗๓,๘๑๔.๙๖ บาท จากงบประมาณ ๒๘๔,๘๑๐,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๗๒.๓๒',
    );
  });
});
