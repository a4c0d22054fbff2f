/**
 * A date field in the Buddhist Era: type d/m/yyyy B.E. (5/1/2559, Thai digits accepted) or pick a day
 * on a month calendar whose header shows the Thai month and the B.E. year. The value is ISO
 * (YYYY-MM-DD); the Common Era is never shown.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { BE_OFFSET, parseDate } from '../../../src/core/dates.ts';
import { useFmt, useT } from '../prefs.tsx';

interface Props {
  label: string;
  value: string;
  onChange(iso: string): void;
  /** An error to show under the field (e.g. the API's message for this field). */
  error?: string | null | undefined;
  name?: string;
}

/** "5/1/2559" from "2016-01-05" */
function beText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}/${m}/${y + BE_OFFSET}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function BeDatePicker({ label, value, onChange, error, name }: Props) {
  const t = useT();
  const fmt = useFmt();
  const id = useId();
  const [text, setText] = useState(value ? fmt.digits(beText(value)) : '');
  const [invalid, setInvalid] = useState(false);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(() => (value || new Date().toISOString()).slice(0, 7));

  useEffect(() => {
    setText(value ? fmt.digits(beText(value)) : '');
    setInvalid(false);
    if (value) setShown(value.slice(0, 7));
  }, [value, fmt]);

  function commit() {
    if (text.trim() === '' || text === fmt.digits(beText(value))) return;
    const r = /^\s*\d{4}-/.test(text) ? null : parseDate(text);
    if (r?.ok) {
      setInvalid(false);
      onChange(r.date);
    } else setInvalid(true);
  }

  const message = invalid ? t('dateInvalid') : error;
  return (
    <div className="field date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-input">
        <input
          id={id}
          name={name}
          value={text}
          placeholder={t('datePlaceholder')}
          inputMode="numeric"
          aria-invalid={!!message}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <button type="button" className="icon" aria-label={t('openCalendar')} aria-expanded={open} onClick={() => setOpen(!open)}>
          <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
          </svg>
        </button>
      </div>
      {open && (
        <MonthCalendar
          shown={shown}
          value={value}
          onShow={setShown}
          onClose={() => setOpen(false)}
          onPick={(iso) => {
            setOpen(false);
            onChange(iso);
          }}
        />
      )}
      {message && (
        <div className="field-error" role="alert">
          {message}
        </div>
      )}
    </div>
  );
}

function addMonths(yyyyMm: string, n: number): string {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

interface CalendarProps {
  shown: string;
  value: string;
  onShow(m: string): void;
  onPick(iso: string): void;
  onClose(): void;
}

function MonthCalendar({ shown, value, onShow, onPick, onClose }: CalendarProps) {
  const t = useT();
  const fmt = useFmt();
  const [y, m] = shown.split('-').map(Number) as [number, number];
  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(fmt.locale, { weekday: 'narrow', timeZone: 'UTC' });
    // 2016-01-03 was a Sunday: the names come from Intl, starting on Sunday.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2016, 0, 3 + i))));
  }, [fmt]);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="calendar" role="dialog" aria-label={fmt.monthYear(shown)} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="calendar-head">
        <button type="button" aria-label={t('prevMonth')} onClick={() => onShow(addMonths(shown, -1))}>
          ‹
        </button>
        <span className="calendar-title">{fmt.monthYear(shown)}</span>
        <button type="button" aria-label={t('nextMonth')} onClick={() => onShow(addMonths(shown, 1))}>
          ›
        </button>
      </div>
      <div className="calendar-grid">
        {weekdays.map((w, i) => (
          <span key={`w${i}`} className="weekday">
            {w}
          </span>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <span key={`e${i}`} />;
          const iso = `${shown}-${pad(d)}`;
          return (
            <button
              type="button"
              key={iso}
              className={iso === value ? 'day selected' : iso === today ? 'day today' : 'day'}
              aria-label={fmt.date(iso)}
              onClick={() => onPick(iso)}
            >
              {fmt.int(d)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
