/** The clusters ranked by disbursement percent, as horizontal bars; the current owner is highlighted. */
import type { Ranking } from '../api.ts';
import { usePrefs, useFmt } from '../prefs.tsx';

type Entry = NonNullable<Ranking['clusters']>[number];

const W = 560;
const ROW = 24;
const LABEL = 230;
const RIGHT = 60;
const STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

export default function RankingChart({ entries, current }: { entries: Entry[]; current: string }) {
  const fmt = useFmt();
  const { lang } = usePrefs();
  const H = entries.length * ROW + 8;
  // Bars are drawn against the smallest step at or above the highest percent (drawing only; the labels print the API's strings).
  const highest = Math.max(0, ...entries.map((e) => (e.disbursedPercent === null ? 0 : Number(e.disbursedPercent))));
  const top = STEPS.find((s) => s >= highest) ?? highest;
  const bar = (p: string | null) => (p === null ? 0 : (Math.min(top, Math.max(0, Number(p))) / top) * (W - LABEL - RIGHT));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart ranking" role="list">
      {entries.map((e, i) => {
        const y = i * ROW + 4;
        const isCurrent = e.owner === current;
        const full = fmt.digits(lang === 'th' ? e.nameTh : e.nameEn);
        // The heading says these are clusters: the bars drop the common prefix.
        const name = full.replace(/^กลุ่มจังหวัด/, '');
        return (
          <g key={e.owner} role="listitem" className={isCurrent ? 'current' : undefined} data-testid={isCurrent ? 'ranking-current' : undefined}>
            <text x={4} y={y + ROW / 2} dy="0.32em" className="rank-no">
              {e.rank === null ? '–' : fmt.int(e.rank)}
            </text>
            <text x={LABEL - 6} y={y + ROW / 2} dy="0.32em" textAnchor="end" className="rank-name">
              {name.length > 34 ? `${name.slice(0, 33)}…` : name}
              <title>{full}</title>
            </text>
            <rect x={LABEL} y={y + 3} width={Math.max(1, bar(e.disbursedPercent))} height={ROW - 6} className="bar" rx={2} />
            <text x={LABEL + bar(e.disbursedPercent) + 4} y={y + ROW / 2} dy="0.32em" className="bar-value">
              {fmt.percent(e.disbursedPercent)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
