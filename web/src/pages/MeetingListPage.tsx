/** An owner's meetings (of a B.E. year: GET /meetings), and the form to record one (officers of the owner). */
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { z } from 'zod';
import { BE_OFFSET, fiscalYearEnd, fiscalYearOf, isIsoDate, todayIso } from '../../../src/core/dates.ts';
import { MeetingInput, type Meeting } from '../../../src/features/meetings/meetings.schema.ts';
import { api, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { TextField } from '../components/TextField.tsx';
import { dateWithWeekday, ownerRef } from '../components/monitoring-common.tsx';
import { SEED_VIEW } from '../defaults.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useMeT } from '../meetings-i18n.ts';
import { useOwnerRights } from '../permissions.ts';
import { useFmt, usePrefs } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';

/** The lines of a textarea, trimmed, without the empty ones. */
export const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export default function MeetingListPage() {
  const mt = useMeT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const s = new URLSearchParams(useSearch());
  const owner = s.get('owner') || SEED_VIEW.owner;
  const yearParam = Number(s.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2500 && yearParam <= 2700 ? yearParam : null;
  const list = useApi<Meeting[]>('/meetings', { owner, year });
  const fy = year ?? SEED_VIEW.fy;
  const rights = useOwnerRights(me, ownerRef(owner), fy);
  const [creating, setCreating] = useState(false);
  const go = (next: { owner?: string; year?: number | null }) =>
    navigate(`/meetings${query({ owner: next.owner ?? owner, year: next.year === undefined ? year : next.year })}`, { replace: true });
  const thisYear = fiscalYearOf(todayIso()) + 1;
  const years = Array.from({ length: thisYear - 2555 + 1 }, (_, i) => thisYear - i);

  return (
    <div className="meetings">
      <h1>{mt('meetings')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={owner} date={fiscalYearEnd(fy)} onChange={(o) => go({ owner: o })} />
        <div className="field">
          <label htmlFor="meeting-year">{mt('year')}</label>
          <select id="meeting-year" name="year" value={year ?? ''} onChange={(e) => go({ year: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{mt('allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {fmt.int(y).replace(/,/g, '')}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p data-testid="no-meetings">{mt('noMeetings')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table" data-testid="meeting-list">
          <thead>
            <tr>
              <th>{mt('no')}</th>
              <th>{mt('month')}</th>
              <th>{mt('date')}</th>
              <th>{mt('organizer')}</th>
              <th>{mt('status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((m) => (
              <tr key={m.id} data-testid={`meeting-${m.no}-${m.year}`}>
                <td>
                  <Link href={`/meetings/${m.id}`}>{fmt.digits(`${m.no}/${m.year}`)}</Link>
                </td>
                <td>{fmt.monthYear(m.month, true)}</td>
                <td>{dateWithWeekday(fmt, m.date, lang)}</td>
                <td>{fmt.digits(m.organizer)}</td>
                <td>{mt(m.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rights?.plan && !creating && (
        <p>
          <button type="button" onClick={() => setCreating(true)} data-testid="new-meeting">
            {mt('newMeeting')}
          </button>
        </p>
      )}
      {rights?.plan && creating && <MeetingForm owner={owner} onCancel={() => setCreating(false)} onSaved={(m) => navigate(`/meetings/${m.id}`)} />}
    </div>
  );
}

const FIELDS = ['no', 'year', 'month', 'date', 'startTime', 'cutOff', 'venues', 'organizer', 'purposes', 'note'] as const;

/** The form of a meeting: a new one (owner given) or a change of a draft one (meeting given). The weekday is shown from the date, never typed. */
export function MeetingForm({
  owner,
  meeting,
  onCancel,
  onSaved,
}: {
  owner: string;
  meeting?: Meeting;
  onCancel(): void;
  onSaved(m: Meeting): void;
}) {
  const mt = useMeT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const [no, setNo] = useState(meeting ? String(meeting.no) : '');
  const [year, setYear] = useState(meeting ? String(meeting.year) : String(fiscalYearOf(todayIso())));
  const [date, setDate] = useState(meeting?.date ?? '');
  const [month, setMonth] = useState(meeting?.month ?? '');
  const [startTime, setStartTime] = useState(meeting?.startTime ?? '');
  const [cutOff, setCutOff] = useState(meeting?.cutOff ?? '');
  const [venues, setVenues] = useState(meeting?.venues.join('\n') ?? '');
  const [organizer, setOrganizer] = useState(meeting?.organizer ?? '');
  const [purposes, setPurposes] = useState(meeting?.purposes.join('\n') ?? '');
  const [note, setNote] = useState(meeting?.note ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const fields = {
      no: Number(no),
      year: Number(year),
      month,
      date,
      startTime: startTime.trim() || null,
      cutOff: cutOff || date,
      venues: lines(venues),
      organizer,
      purposes: lines(purposes),
      note,
    };
    const input: z.input<typeof MeetingInput> = { owner, ...fields };
    const parsed = MeetingInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      onSaved(
        meeting
          ? await api.patch<Meeting>(`/meetings/${meeting.id}`, { version: meeting.version, ...fields })
          : await api.post<Meeting>('/meetings', input),
      );
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const title = meeting ? mt('edit') : mt('newMeeting');
  return (
    <form
      className="panel form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{title}</h2>
      <div className="form-row">
        <TextField label={mt('no')} name="no" inputMode="numeric" value={no} onChange={setNo} error={errors.no} />
        <TextField label={mt('year')} name="year" inputMode="numeric" value={year} onChange={setYear} error={errors.year} />
      </div>
      <div className="form-row">
        <BeDatePicker
          label={mt('date')}
          name="date"
          value={date}
          onChange={(d) => {
            setDate(d);
            if (!month && isIsoDate(d)) {
              // The month covered is usually the one before the meeting's.
              const [y, m] = d.split('-').map(Number) as [number, number];
              setMonth(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
            }
          }}
          error={errors.date}
        />
        <div className="field">
          <span className="label">{mt('weekday')}</span>
          <output data-testid="meeting-weekday">{isIsoDate(date) ? dateWithWeekday(fmt, date, lang) : '–'}</output>
        </div>
        <TextField label={mt('startTime')} name="startTime" value={startTime} onChange={setStartTime} error={errors.startTime} placeholder="09:00" />
      </div>
      <div className="form-row">
        <MonthField label={mt('month')} value={month} onChange={setMonth} error={errors.month} />
        <BeDatePicker label={mt('cutOff')} name="cutOff" value={cutOff || date} onChange={setCutOff} error={errors.cutOff} />
      </div>
      <TextField label={mt('venues')} name="venues" value={venues} onChange={setVenues} error={errors.venues} multiline />
      <TextField label={mt('organizer')} name="organizer" value={organizer} onChange={setOrganizer} error={errors.organizer} />
      <TextField label={mt('purposes')} name="purposes" value={purposes} onChange={setPurposes} error={errors.purposes} multiline />
      <TextField label={mt('note')} name="note" value={note} onChange={setNote} error={errors.note} multiline />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="save-meeting">
          {mt('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}

/** A month as its Thai name and B.E. year (never the Common Era); the value is YYYY-MM. */
function MonthField({ label, value, onChange, error }: { label: string; value: string; onChange(m: string): void; error?: string | undefined }) {
  const fmt = useFmt();
  const [y, m] = value ? (value.split('-').map(Number) as [number, number]) : [0, 0];
  const beYear = y ? y + BE_OFFSET : fiscalYearOf(todayIso());
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const set = (be: number, month: number) => onChange(`${be - BE_OFFSET}-${String(month).padStart(2, '0')}`);
  return (
    <fieldset className="group">
      <legend>{label}</legend>
      <select name="monthOfYear" aria-label={label} value={m || ''} onChange={(e) => set(beYear, Number(e.target.value))}>
        <option value="">–</option>
        {months.map((i) => (
          <option key={i} value={i}>
            {fmt.monthYear(`2000-${String(i).padStart(2, '0')}`, true).replace(/\s*\S+$/, '')}
          </option>
        ))}
      </select>{' '}
      <input
        name="monthYear"
        aria-label={`${label} (${beYear})`}
        inputMode="numeric"
        size={5}
        value={beYear}
        onChange={(e) => m && set(Number(e.target.value), m)}
      />
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
