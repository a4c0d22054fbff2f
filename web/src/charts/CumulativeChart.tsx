/**
 * The cumulative disbursement curve by month, as a percent of the allocation (hand-drawn SVG), with
 * the plan line (dashed: the spending plans in force on the as-of date) and the quarterly targets
 * (a step at each quarter end, labelled with its percent), and a legend.
 */
import { fiscalYearMonthEnds } from '../../../src/core/dates.ts';
import type { Dashboard } from '../api.ts';
import { useFmt, useT } from '../prefs.tsx';
import '../components/dashboard-progress.css';

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

/** The month n months before (with n = 3: the end of the previous quarter). */
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

interface Props {
  monthly: Dashboard['monthly'];
  planned?: Dashboard['planned'];
  targets?: Dashboard['targets'];
  fiscalYear: number;
}

export default function CumulativeChart({ monthly, planned = [], targets = [], fiscalYear }: Props) {
  const fmt = useFmt();
  const t = useT();
  const months = monthRange([
    ...fiscalYearMonthEnds(fiscalYear).map((d) => d.slice(0, 7)),
    ...monthly.map((m) => m.month),
    ...planned.map((p) => p.month),
  ]);
  const points = monthly
    .filter((m) => m.cumulativePercent !== null)
    .map((m) => ({ month: m.month, p: Number(m.cumulativePercent), text: m.cumulativePercent }));
  const plan = planned
    .filter((m) => m.cumulativePercent !== null)
    .map((m) => ({ month: m.month, p: Number(m.cumulativePercent), text: m.cumulativePercent }));
  const steps = [...targets].sort((a, b) => a.quarter - b.quarter).map((x) => ({ ...x, month: x.endDate.slice(0, 7), p: Number(x.percent) }));
  const top = axisMax([...points, ...plan, ...steps].map((p) => p.p));
  const x = (month: string) => M.left + ((months.indexOf(month) + 0.5) / months.length) * (W - M.left - M.right);
  const y = (p: number) => H - M.bottom - (p / top) * (H - M.top - M.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const pathOf = (pts: { month: string; p: number }[]) =>
    pts.map((pt, i) => `${i ? 'L' : 'M'}${x(pt.month).toFixed(1)},${y(pt.p).toFixed(1)}`).join('');
  // Each quarter's target holds from the end of the previous quarter (the left edge for the first) to its own end.
  let stepPath = '';
  let prevEnd: string | null = null;
  for (const s of steps) {
    const from = monthsBefore(s.month, 3);
    const x0 = months.includes(from) ? x(from) : M.left;
    stepPath += prevEnd === from ? `V${y(s.p).toFixed(1)}` : `M${x0.toFixed(1)},${y(s.p).toFixed(1)}`;
    stepPath += `H${x(s.month).toFixed(1)}`;
    prevEnd = s.month;
  }
  const last = points[points.length - 1];
  return (
    <figure className="cumulative-chart">
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
        {steps.length > 0 && (
          <g data-testid="target-steps">
            <path d={stepPath} className="target-line" data-testid="target-line" />
            {steps.map((s) => (
              <g key={s.quarter} data-testid={`target-q${s.quarter}`}>
                <circle cx={x(s.month)} cy={y(s.p)} r={3} className="target-dot">
                  <title>{`${t('quarterN', { q: fmt.int(s.quarter) })} (${fmt.date(s.endDate)}): ${fmt.percent(s.percent)}`}</title>
                </circle>
                <text x={x(s.month)} y={y(s.p) - 6} textAnchor="end" className="target-label" data-testid={`target-label-q${s.quarter}`}>
                  {fmt.percent(s.percent)}
                </text>
              </g>
            ))}
          </g>
        )}
        {plan.length > 0 && (
          <g data-testid="plan">
            <path d={pathOf(plan)} className="plan-line" data-testid="plan-line" />
            {plan.map((pt) => (
              <circle key={pt.month} cx={x(pt.month)} cy={y(pt.p)} r={2.5} className="plan-dot">
                <title>{`${t('legendPlan')} ${fmt.monthYear(pt.month)}: ${fmt.percent(pt.text)}`}</title>
              </circle>
            ))}
          </g>
        )}
        <path d={pathOf(points)} className="line" data-testid="actual-line" />
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
      <figcaption>
        <ul className="chart-legend" data-testid="chart-legend">
          <li>
            <Swatch className="line" /> {t('legendActual')}
          </li>
          {plan.length > 0 && (
            <li data-testid="legend-plan">
              <Swatch className="plan-line" /> {t('legendPlan')}
            </li>
          )}
          {steps.length > 0 && (
            <li data-testid="legend-target">
              <Swatch className="target-line" /> {t('legendTarget')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

function Swatch({ className }: { className: string }) {
  return (
    <svg width="28" height="10" className="chart swatch" aria-hidden="true">
      <line x1="1" x2="27" y1="5" y2="5" className={className} />
    </svg>
  );
}
