/** Presentation of indicator values in the reader's style: decimals, periods, warnings; and who may write an owner's indicators. */
import type { Format } from './format.ts';
import type { Lang } from './i18n.ts';
import type { Translate } from './prefs.tsx';
import type { Warning } from '../../src/features/indicators/indicators.schema.ts';

export type {
  Agreement,
  ChangeRequest,
  Indicator,
  IndicatorDetail,
  IndicatorRanking,
  IndicatorReport,
  Link as IndicatorLink,
  Result as IndicatorResult,
  Warning as IndicatorWarning,
  Warnings as IndicatorWarnings,
} from '../../src/features/indicators/indicators.schema.ts';

/** "90,000", "12.5" (or Thai digits) from the API's exact decimal text; a dash for null. */
export function decText(s: string | null | undefined, fmt: Format): string {
  if (s === null || s === undefined) return '–';
  const neg = s.startsWith('-');
  const [whole = '', frac] = (neg ? s.slice(1) : s).split('.');
  return fmt.digits(`${neg ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`);
}

/** "ทั้งปี", "ไตรมาสที่ 1", "ธันวาคม 2558" */
export function periodText(p: string, t: Translate, fmt: Format): string {
  if (p === 'annual') return t('indAnnual');
  const q = /^Q([1-4])$/.exec(p);
  if (q) return t('quarterN', { q: fmt.int(Number(q[1])) });
  return fmt.monthYear(p);
}

/** The periods of a fiscal year in order: annual, Q1..Q4, the 12 months (October first). */
export function periodsOf(fiscalYear: number): string[] {
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const k = (fiscalYear - 543 - 1) * 12 + 9 + i;
    months.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return ['annual', 'Q1', 'Q2', 'Q3', 'Q4', ...months];
}

/** A warning in the reader's language: "ไม่มีโครงการสนับสนุน: กระเทียม (KPI-2)" (codes keep their digits, as project codes do). */
export function warningText(w: Warning, t: Translate, fmt: Format, lang: Lang): string {
  if (lang !== 'th') return fmt.digits(w.message);
  const what = w.componentNameTh ? `${fmt.digits(w.componentNameTh)} (${w.indicator})` : w.indicator;
  const period = w.period ? periodText(w.period, t, fmt) : '';
  if (w.kind === 'unsupported') return t('indWarnUnsupported', { what });
  if (w.kind === 'behind') return t('indWarnBehind', { what, period });
  return t('indWarnMissing', { what, period });
}
