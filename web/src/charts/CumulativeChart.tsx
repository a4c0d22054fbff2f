/** The cumulative disbursement curve by month, as a percent of the allocation (hand-drawn SVG). */
import { fiscalYearMonthEnds } from '../../../src/core/dates.ts';
import type { Dashboard } from '../api.ts';
import { useFmt } from '../prefs.tsx';

const W = 560;
const H = 260;
const M = { top: 16, right: 16, bottom: 44, left: 48 };
const STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** The top of the axis: the smallest step at or above the highest value (the percent strings are only drawn). */
function axisMax(values: number[]): number {
  const max = Math.max(0, ...values);
  return STEPS.find((s) => s >= max) ?? Math.ceil(max / 10) * 10;
}

/** Every month from the earliest to the latest of `months` (YYYY-MM), none skipped. */
function monthRange(months: string[]): string[] {
  const sorted = [...months].sort();
  const out: string[] = [];
  let [y, m] = (sorted[0] ?? '2000-01').split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1] ?? '';
  for (let cur = sorted[0] ?? ''; cur && cur <= last; cur = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(cur);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

export default function CumulativeChart({ monthly, fiscalYear }: { monthly: Dashboard['monthly']; fiscalYear: number }) {
  const fmt = useFmt();
  const months = monthRange([...fiscalYearMonthEnds(fiscalYear).map((d) => d.slice(0, 7)), ...monthly.map((m) => m.month)]);
  const points = monthly
    .filter((m) => m.cumulativePercent !== null)
    .map((m) => ({ month: m.month, p: Number(m.cumulativePercent), text: m.cumulativePercent }));
  const top = axisMax(points.map((p) => p.p));
  const x = (month: string) => M.left + ((months.indexOf(month) + 0.5) / months.length) * (W - M.left - M.right);
  const y = (p: number) => H - M.bottom - (p / top) * (H - M.top - M.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const path = points.map((pt, i) => `${i ? 'L' : 'M'}${x(pt.month).toFixed(1)},${y(pt.p).toFixed(1)}`).join('');
  const last = points[points.length - 1];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={last ? `${fmt.monthYear(last.month)} ${fmt.percent(last.text)}` : ''}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
          <text x={M.left - 6} y={y(v)} dy="0.32em" textAnchor="end" className="tick">
            {fmt.digits(String(v))}
          </text>
        </g>
      ))}
      {months.map((m, i) => {
        const { month, year } = fmt.monthParts(m);
        // The B.E. year under the first month and under each January.
        const showYear = i === 0 || m.endsWith('-01');
        return (
          <text key={m} x={x(m)} y={H - M.bottom + 16} textAnchor="middle" className="tick">
            {month}
            {showYear && (
              <tspan x={x(m)} dy="1.2em">
                {year}
              </tspan>
            )}
          </text>
        );
      })}
      <path d={path} className="line" />
      {points.map((pt) => (
        <circle key={pt.month} cx={x(pt.month)} cy={y(pt.p)} r={3.5} className="dot">
          <title>{`${fmt.monthYear(pt.month)}: ${fmt.percent(pt.text)}`}</title>
        </circle>
      ))}
      {last && (
        <text x={x(last.month)} y={y(last.p) - 10} textAnchor="middle" className="value-label">
          {fmt.percent(last.text)}
        </text>
      )}
    </svg>
  );
}
