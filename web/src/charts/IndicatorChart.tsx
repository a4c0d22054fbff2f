/**
 * The results of an indicator against its targets over the fiscal year (hand-drawn SVG): each
 * target a step over its period (the annual target across the year, a quarter's across the quarter,
 * a month's across the month), each result a point at its period's end; one chart per component
 * when the indicator has components. Values are drawn from the API's exact decimal texts.
 */
import { fiscalYearEnd, fiscalYearStart } from '../../../src/core/dates.ts';
import { decText, periodText, type IndicatorDetail } from '../indicators.ts';
import { useFmt, useT } from '../prefs.tsx';

const W = 560;
const H = 220;
const M = { top: 16, right: 16, bottom: 36, left: 64 };

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** The first day of a period of the fiscal year. */
function periodStart(fiscalYear: number, period: string): string {
  if (period === 'annual') return fiscalYearStart(fiscalYear);
  const q = /^Q([1-4])$/.exec(period);
  if (q) {
    const k = (fiscalYear - 544) * 12 + 9 + (Number(q[1]) - 1) * 3;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
  }
  return `${period}-01`;
}

/** A round top for the axis at or above the highest value. */
function axisMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

type Series = IndicatorDetail['series'];

interface Props {
  series: Series;
  components: IndicatorDetail['components'];
  fiscalYear: number;
  unit: string;
}

export default function IndicatorChart({ series, components, fiscalYear, unit }: Props) {
  const t = useT();
  const groups: { key: string | null; name: string }[] = [
    { key: null, name: t('indWhole') },
    ...components.map((c) => ({ key: c.key as string | null, name: c.nameTh })),
  ].filter((g) => series.some((s) => s.component === g.key));
  return (
    <div className="indicator-charts" data-testid="indicator-chart">
      {groups.map((g) => (
        <figure key={g.key ?? ''} className="chart" data-testid={`chart-${g.key ?? 'indicator'}`}>
          {groups.length > 1 || g.key !== null ? <figcaption>{g.name}</figcaption> : null}
          <OneChart series={series.filter((s) => s.component === g.key)} fiscalYear={fiscalYear} unit={unit} />
        </figure>
      ))}
      <ul className="chart-legend" data-testid="indicator-chart-legend">
        <li>
          <svg width="18" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="18" y2="5" className="ind-target" />
          </svg>
          {t('indLegendTarget')}
        </li>
        <li>
          <svg width="18" height="10" aria-hidden="true">
            <circle cx="9" cy="5" r="4" className="ind-result" />
          </svg>
          {t('indLegendResult')}
        </li>
      </ul>
    </div>
  );
}

function OneChart({ series, fiscalYear, unit }: { series: Series; fiscalYear: number; unit: string }) {
  const fmt = useFmt();
  const t = useT();
  const x0 = day(fiscalYearStart(fiscalYear));
  const x1 = day(fiscalYearEnd(fiscalYear)) + 1;
  const values = series.flatMap((s) => [s.target, s.result]).filter((v): v is string => v !== null);
  const top = axisMax(Math.max(0, ...values.map(Number)));
  const px = (iso: string, end = false) => M.left + ((day(iso) + (end ? 1 : 0) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: string | number) => H - M.bottom - (Number(v) / top) * (H - M.top - M.bottom);
  const quarters = [1, 2, 3, 4].map((q) => periodStart(fiscalYear, `Q${q}`));
  const label = (s: Series[number], v: string, kind: 'target' | 'result') =>
    `${t(kind === 'target' ? 'indLegendTarget' : 'indLegendResult')} ${periodText(s.period, t, fmt)}: ${decText(v, fmt)} ${unit}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('indChart')} className="indicator-chart">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={M.left} x2={W - M.right} y1={py(top * f)} y2={py(top * f)} className="grid" />
          <text x={M.left - 6} y={py(top * f) + 4} textAnchor="end" className="axis-label">
            {decText(String(Math.round(top * f * 100) / 100), fmt)}
          </text>
        </g>
      ))}
      {quarters.map((q, i) => (
        <g key={q}>
          <line x1={px(q)} x2={px(q)} y1={M.top} y2={H - M.bottom} className="grid" />
          <text x={px(q) + 4} y={H - M.bottom + 16} className="axis-label">
            {t('quarterN', { q: fmt.int(i + 1) })}
          </text>
        </g>
      ))}
      {series.map((s) =>
        s.target === null ? null : (
          <line
            key={`t-${s.period}`}
            data-testid={`target-${s.component ?? 'indicator'}-${s.period}`}
            x1={px(periodStart(fiscalYear, s.period))}
            x2={px(s.periodEnd, true)}
            y1={py(s.target)}
            y2={py(s.target)}
            className={`ind-target${s.period === 'annual' ? ' annual' : ''}`}
          >
            <title>{label(s, s.target, 'target')}</title>
          </line>
        ),
      )}
      {series.map((s) =>
        s.result === null ? null : (
          <circle
            key={`r-${s.period}`}
            data-testid={`result-${s.component ?? 'indicator'}-${s.period}`}
            cx={px(s.periodEnd, true)}
            cy={py(s.result)}
            r={5}
            className="ind-result"
          >
            <title>{label(s, s.result, 'result')}</title>
          </circle>
        ),
      )}
    </svg>
  );
}
