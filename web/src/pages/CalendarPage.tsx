/**
 * A month of an owner's events and monitoring visits (GET /calendar): a grid of whole weeks from
 * Sunday, the weekday names and the B.E. month and year through Intl, each item a bar across the
 * days it spans (cut at the week's edges), linking to its page; previous and next month.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Calendar } from '../../../src/features/events/events.schema.ts';
import { query } from '../api.ts';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { useOwnerView } from '../components/monitoring-common.tsx';
import { defaultView } from '../defaults.ts';
import { useMT } from '../monitoring-i18n.ts';
import { useFmt } from '../prefs.tsx';
import { useApi } from '../useApi.ts';
import '../components/monitoring.css';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number) => iso(new Date(utc(s).getTime() + n * 86_400_000));

export function addMonths(yyyyMm: string, n: number): string {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The weeks (Sunday to Saturday) covering a month: their first days. */
export function monthWeeks(yyyyMm: string): string[] {
  const first = `${yyyyMm}-01`;
  const start = addDays(first, -utc(first).getUTCDay());
  const last = addDays(`${addMonths(yyyyMm, 1)}-01`, -1);
  const weeks: string[] = [];
  for (let w = start; w <= last; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

type Item = Calendar['items'][number];

export default function CalendarPage() {
  const { owner, month: fromUrl } = useOwnerView();
  const [fallback, setFallback] = useState<string | null>(null);
  useEffect(() => {
    if (!fromUrl) void defaultView().then((v) => setFallback(v.asOf.slice(0, 7)));
  }, [fromUrl]);
  const month = fromUrl ?? fallback;
  if (!month) return null;
  return <CalendarView owner={owner} month={month} />;
}

function CalendarView({ owner, month }: { owner: string; month: string }) {
  const mt = useMT();
  const fmt = useFmt();
  const [, navigate] = useLocation();
  const weeks = useMemo(() => monthWeeks(month), [month]);
  const from = weeks[0]!;
  const to = addDays(weeks[weeks.length - 1]!, 6);
  const cal = useApi<Calendar>('/calendar', { owner, from, to });
  const go = (next: { owner?: string; month?: string }) => navigate(`/calendar${query({ owner: next.owner ?? owner, month: next.month ?? month })}`);
  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', timeZone: 'UTC' });
    // 3 January 2016 was a Sunday: the names come from Intl, from Sunday on.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2016, 0, 3 + i))));
  }, [fmt]);
  const items = cal.data?.items ?? [];
  const inMonth = items.filter((i) => i.startDate <= `${month}-31` && i.endDate >= `${month}-01`);
  const today = iso(new Date());

  return (
    <div className="month-calendar">
      <h1>{mt('calendar')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={owner} date={`${month}-01`} onChange={(o) => go({ owner: o })} />
      </form>
      <div className="calendar-nav">
        <button type="button" onClick={() => go({ month: addMonths(month, -1) })} aria-label={mt('prevMonth')} data-testid="prev-month">
          ‹ {fmt.monthYear(addMonths(month, -1))}
        </button>
        <h2 data-testid="calendar-month">{fmt.monthYear(month)}</h2>
        <button type="button" onClick={() => go({ month: addMonths(month, 1) })} aria-label={mt('nextMonth')} data-testid="next-month">
          {fmt.monthYear(addMonths(month, 1))} ›
        </button>
      </div>
      {cal.error && <p className="error">{cal.error.message}</p>}
      <div className="cal" role="table" aria-label={fmt.monthYear(month)}>
        <div className="cal-head" role="row">
          {weekdays.map((w, i) => (
            <div key={i} role="columnheader" className="cal-weekday" data-testid="weekday">
              {w}
            </div>
          ))}
        </div>
        {weeks.map((start) => (
          <Week key={start} start={start} month={month} items={items} today={today} />
        ))}
      </div>
      {cal.data && inMonth.length === 0 && <p className="muted">{mt('nothingThisMonth')}</p>}
    </div>
  );
}

function Week({ start, month, items, today }: { start: string; month: string; items: Item[]; today: string }) {
  const mt = useMT();
  const fmt = useFmt();
  const end = addDays(start, 6);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const here = items.filter((i) => i.startDate <= end && i.endDate >= start);
  const rows = here.length + 2;
  return (
    <div className="cal-week" role="row" style={{ gridTemplateRows: `1.6rem repeat(${here.length}, auto) 1fr` }}>
      {days.map((d, i) => (
        <div
          key={d}
          role="cell"
          className={`cal-day${d.slice(0, 7) === month ? '' : ' other-month'}${d === today ? ' today' : ''}`}
          style={{ gridColumn: i + 1, gridRow: `1 / ${rows + 1}` }}
          data-testid={`day-${d}`}
        >
          <span className="cal-date">{fmt.int(Number(d.slice(8)))}</span>
        </div>
      ))}
      {here.map((item, k) => {
        const segFrom = item.startDate > start ? item.startDate : start;
        const segTo = item.endDate < end ? item.endDate : end;
        const col = days.indexOf(segFrom) + 1;
        const span = days.indexOf(segTo) - days.indexOf(segFrom) + 1;
        const href = item.type === 'visit' ? `/visits/${item.id}` : `/events/${item.id}`;
        const continues = `${item.startDate < start ? ' from-before' : ''}${item.endDate > end ? ' to-after' : ''}`;
        return (
          <Link
            key={`${item.type}-${item.id}`}
            href={href}
            className={`cal-item cal-${item.kind}${continues}`}
            style={{ gridColumn: `${col} / span ${span}`, gridRow: k + 2 }}
            data-testid={`cal-${item.type}-${item.id}`}
            data-from={segFrom}
            data-to={segTo}
            title={`${mt(`kind_${item.kind}`)}: ${fmt.digits(item.title)}`}
          >
            {item.startTime && segFrom === item.startDate ? `${fmt.digits(item.startTime)} ` : ''}
            {fmt.digits(item.title)}
          </Link>
        );
      })}
    </div>
  );
}
