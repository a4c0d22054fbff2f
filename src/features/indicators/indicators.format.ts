/**
 * The indicator report in Thai (Thai digits, B.E. dates, as the seed writes its paragraph on
 * indicators), and as CSV.
 */
import { thaiDate, thaiInteger, withDigits, type ThaiStyle } from '../../core/thai.ts';
import { toCsv } from '../reports/report.format.ts';
import { AGREEMENT_STATUS_TH, thaiList } from './indicators.rules.ts';
import type { IndicatorRanking, IndicatorReport, ReportLine, Warning } from './indicators.schema.ts';

const BANGKOK = '10';
const ownerName = (r: IndicatorReport) => (r.ownerKind === 'province' && r.owner !== BANGKOK ? `จังหวัด${r.ownerNameTh}` : r.ownerNameTh);

/** A decimal in the chosen digits, with thousands grouped: "๙๐,๐๐๐", "๑๒.๕". */
function num(s: string, style: ThaiStyle): string {
  const [whole = '', frac] = s.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return withDigits(`${s.startsWith('-') ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`, style);
}

const PERIOD_TH = (p: string, style: ThaiStyle) => {
  if (p === 'annual') return 'ทั้งปี';
  const q = /^Q([1-4])$/.exec(p);
  if (q) return `ไตรมาสที่ ${thaiInteger(Number(q[1]), style)}`;
  const month = new Intl.DateTimeFormat(style.thaiDigits ? 'th-TH-u-ca-buddhist-nu-thai' : 'th-TH-u-ca-buddhist-nu-latn', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${p}-01T00:00:00Z`));
  return `เดือน${month}`;
};

/** "ตัวชี้วัดมูลค่าผลผลิตทางการเกษตรสำคัญ (ลำไย, กระเทียม และถั่วเหลือง)" */
const titleOf = (l: Pick<ReportLine, 'nameTh' | 'components'>) =>
  `ตัวชี้วัด${l.nameTh}${l.components.length ? ` (${thaiList(l.components.map((c) => c.nameTh))})` : ''}`;

/** The warnings of an indicator in Thai: the components no project supports together, as the seed says it. */
function warningsTh(ws: Warning[], style: ThaiStyle): string[] {
  const unsupported = ws.filter((w) => w.kind === 'unsupported').map((w) => w.componentNameTh ?? 'ตัวชี้วัดนี้');
  const out = unsupported.length ? [`ไม่มีโครงการที่สนับสนุน${thaiList(unsupported)}`] : [];
  for (const w of ws) {
    const what = w.componentNameTh ?? 'ตัวชี้วัด';
    if (w.kind === 'behind') out.push(`ผลการดำเนินงานล่าสุดของ${what} (${PERIOD_TH(w.period!, style)}) ต่ำกว่าค่าเป้าหมาย`);
    if (w.kind === 'missing') out.push(`ยังไม่มีผลการดำเนินงานของ${what} ${PERIOD_TH(w.period!, style)} ซึ่งสิ้นสุดแล้ว`);
  }
  return out;
}

/**
 * "ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ (ร่าง)
 * ประกอบด้วย ๓ ตัวชี้วัด คือ ตัวชี้วัด…, ตัวชี้วัด… และตัวชี้วัด… (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)", then a line per indicator.
 */
export function indicatorText(r: IndicatorReport, style: ThaiStyle = { thaiDigits: true }): string {
  const head = `ตัวชี้วัดตามคำรับรองการปฏิบัติราชการของ${withDigits(ownerName(r), style)} ประจำปีงบประมาณ พ.ศ. ${thaiInteger(r.fiscalYear, style)}`;
  const asOf = `(ข้อมูล ณ วันที่ ${thaiDate(r.asOf, style)})`;
  if (!r.indicators.length) return `${head} ยังไม่มีตัวชี้วัด ${asOf}\n`;
  const lines = [
    `${head} (${AGREEMENT_STATUS_TH[r.status ?? 'draft']}) ประกอบด้วย ${thaiInteger(r.indicators.length, style)} ตัวชี้วัด คือ ${thaiList(r.indicators.map((l) => withDigits(titleOf(l), style)))} ${asOf}`,
  ];
  for (const [i, l] of r.indicators.entries()) {
    const parts = [`${thaiInteger(i + 1, style)}. ${withDigits(titleOf(l), style)} น้ำหนักร้อยละ ${num(l.weight, style)}`];
    parts.push(l.annualTarget === null ? 'ยังไม่กำหนดค่าเป้าหมาย' : `ค่าเป้าหมาย ${num(l.annualTarget, style)} ${l.unit}`);
    if (l.latest) {
      let s = `ผลการดำเนินงานล่าสุด (${PERIOD_TH(l.latest.period, style)}) ${num(l.latest.value, style)} ${l.unit}`;
      if (l.latest.achievement !== null)
        s += ` คิดเป็นร้อยละ ${num(l.latest.achievement, style)} ของค่าเป้าหมาย${l.latest.period === 'annual' ? '' : 'ของงวด'}`;
      parts.push(s);
    } else parts.push('ยังไม่มีผลการดำเนินงาน');
    if (l.score !== null) parts.push(`คะแนน ${num(l.score, style)}`);
    for (const c of l.openChangeRequests)
      parts.push(`อยู่ระหว่างขอ${c.kind === 'remove' ? 'ยกเลิก' : 'เปลี่ยน'}ตัวชี้วัด เนื่องจาก${withDigits(c.reason, style)}`);
    if (l.warnings.length) parts.push(`ข้อสังเกต: ${warningsTh(l.warnings, style).join('; ')}`);
    lines.push(parts.join(' '));
  }
  if (r.weightedScore !== null)
    lines.push(
      `คะแนนเฉลี่ยถ่วงน้ำหนัก ${num(r.weightedScore, style)} (จากตัวชี้วัดที่มีผลการดำเนินงานทั้งปี น้ำหนักรวม ${num(r.scoredWeight, style)} จาก ${num(r.totalWeight, style)})`,
    );
  return `${lines.join('\n')}\n`;
}

export function indicatorCsv(r: IndicatorReport): string {
  return toCsv(
    [
      'owner',
      'fiscalYear',
      'asOf',
      'status',
      'code',
      'nameTh',
      'unit',
      'direction',
      'weight',
      'version',
      'annualTarget',
      'latestPeriod',
      'latestValue',
      'latestTarget',
      'achievementPercent',
      'score',
      'openChangeRequests',
      'warnings',
    ],
    r.indicators.map((l) => [
      r.owner,
      r.fiscalYear,
      r.asOf,
      r.status,
      l.code,
      l.nameTh,
      l.unit,
      l.direction,
      l.weight,
      l.version,
      l.annualTarget,
      l.latest?.period,
      l.latest?.value,
      l.latest?.target,
      l.latest?.achievement,
      l.score,
      l.openChangeRequests.length,
      l.warnings.map((w) => w.message).join('; '),
    ]),
  );
}

export function indicatorRankingCsv(r: IndicatorRanking): string {
  return toCsv(
    ['rank', 'owner', 'nameTh', 'weightedScore', 'scoredWeight', 'totalWeight'],
    r.entries.map((e) => [e.rank, e.owner, e.nameTh, e.weightedScore, e.scoredWeight, e.totalWeight]),
  );
}
