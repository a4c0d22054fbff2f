/**
 * Trainings, seminars, workshops and meetings of an owner in a fiscal year (GET /events), and the
 * form to record one (officers of the owner). EventForm also edits an event (PATCH /events/{id}).
 */
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { fiscalYearEnd, fiscalYearOf, fiscalYearStart } from '../../../src/core/dates.ts';
import { EventInput, EventKind, EventUpdate, type Event } from '../../../src/features/events/events.schema.ts';
import { EVENT_KINDS, type EventKind as Kind } from '../../../src/features/events/events.rules.ts';
import { api, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { TextField } from '../components/TextField.tsx';
import { DateRange, ownerRef, ProvinceChecklist, SelectField, useOwnerView } from '../components/monitoring-common.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useMT } from '../monitoring-i18n.ts';
import { useOwnerRights } from '../permissions.ts';
import { useFmt } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';

export default function EventListPage() {
  const mt = useMT();
  const fmt = useFmt();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const { owner, fy, params } = useOwnerView();
  const kindParam = params.get('kind');
  const kind = EventKind.safeParse(kindParam).success ? (kindParam as Kind) : undefined;
  const list = useApi<Event[]>('/events', { owner, from: fiscalYearStart(fy), to: fiscalYearEnd(fy), kind });
  const rights = useOwnerRights(me, ownerRef(owner), fy);
  const [adding, setAdding] = useState(false);
  const go = (next: { owner?: string; fy?: number; kind?: string }) =>
    navigate(`/events${query({ owner: next.owner ?? owner, fy: next.fy ?? fy, kind: next.kind ?? kind })}`, { replace: true });

  return (
    <div className="events">
      <h1>{mt('events')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={owner} date={fiscalYearEnd(fy)} onChange={(o) => go({ owner: o })} />
        <FiscalYearSelect value={fy} onChange={(v) => v && go({ fy: v })} />
        <SelectField
          label={mt('kind')}
          name="kind"
          value={kind ?? ''}
          onChange={(k) => go({ kind: k })}
          options={[{ value: '', label: '–' }, ...EVENT_KINDS.map((k) => ({ value: k, label: mt(`kind_${k}`) }))]}
        />
      </form>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p data-testid="no-events">{mt('noEvents')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table" data-testid="event-list">
          <thead>
            <tr>
              <th>{mt('dates')}</th>
              <th>{mt('kind')}</th>
              <th>{mt('title')}</th>
              <th>{mt('provinces')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id} data-testid={`event-${e.id}`}>
                <td>
                  <DateRange from={e.startDate} to={e.endDate} />
                </td>
                <td>{mt(`kind_${e.kind}`)}</td>
                <td>
                  <Link href={`/events/${e.id}`}>{fmt.digits(e.title)}</Link>
                </td>
                <td>{e.provinces.map((p) => p.nameTh).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rights?.plan && !adding && (
        <p>
          <button type="button" onClick={() => setAdding(true)} data-testid="new-event">
            {mt('newEvent')}
          </button>
        </p>
      )}
      {rights?.plan && adding && <EventForm owner={owner} fy={fy} onCancel={() => setAdding(false)} onSaved={(e) => navigate(`/events/${e.id}`)} />}
    </div>
  );
}

interface PersonRow {
  name: string;
  position: string;
}
interface GroupRow {
  name: string;
  attended: string;
}

const FIELDS = [
  'kind',
  'title',
  'organizer',
  'startDate',
  'endDate',
  'startTime',
  'venues',
  'provinces',
  'chair',
  'speakers',
  'invitedGroups',
  'attendance',
  'note',
];

const person = (p: PersonRow) => ({ name: p.name.trim() || null, position: p.position.trim() || null });
const count = (s: string) => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** Records a new event of an owner, or changes `event` (with its version). */
export function EventForm({
  owner,
  fy,
  event,
  onCancel,
  onSaved,
}: {
  owner: string;
  fy: number;
  event?: Event;
  onCancel(): void;
  onSaved(e: Event): void;
}) {
  const mt = useMT();
  const [kind, setKind] = useState<Kind>(event?.kind ?? 'training');
  const [title, setTitle] = useState(event?.title ?? '');
  const [organizer, setOrganizer] = useState(event?.organizer ?? '');
  const [startDate, setStartDate] = useState(event?.startDate ?? '');
  const [endDate, setEndDate] = useState(event?.endDate ?? '');
  const [startTime, setStartTime] = useState(event?.startTime ?? '');
  const [venues, setVenues] = useState(event?.venues.join('\n') ?? '');
  const [provinces, setProvinces] = useState<string[]>(event?.provinces.map((p) => p.code) ?? []);
  const [chair, setChair] = useState<PersonRow>({ name: event?.chair?.name ?? '', position: event?.chair?.position ?? '' });
  const [speakers, setSpeakers] = useState<PersonRow[]>(event?.speakers.map((s) => ({ name: s.name ?? '', position: s.position ?? '' })) ?? []);
  const [groups, setGroups] = useState<GroupRow[]>(
    event?.invitedGroups.map((g) => ({ name: g.name, attended: g.attended === null ? '' : String(g.attended) })) ?? [],
  );
  const [attendance, setAttendance] = useState(event?.attendance === null || event?.attendance === undefined ? '' : String(event.attendance));
  const [note, setNote] = useState(event?.note ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const provinceFy = startDate ? fiscalYearOf(startDate) : fy;

  async function submit() {
    const body = {
      kind,
      title,
      organizer,
      startDate,
      endDate: endDate || startDate,
      startTime: startTime.trim() || null,
      venues: venues
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      provinces,
      chair: chair.name.trim() || chair.position.trim() ? person(chair) : null,
      speakers: speakers.filter((s) => s.name.trim() || s.position.trim()).map(person),
      invitedGroups: groups.filter((g) => g.name.trim() || g.attended.trim()).map((g) => ({ name: g.name, attended: count(g.attended) })),
      attendance: count(attendance),
      note,
    };
    const parsed = event ? EventUpdate.safeParse({ ...body, version: event.version }) : EventInput.safeParse({ ...body, owner });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setBusy(true);
    try {
      onSaved(
        event
          ? await api.patch<Event>(`/events/${event.id}`, { ...body, version: event.version })
          : await api.post<Event>('/events', { ...body, owner }),
      );
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const people = (rows: PersonRow[], set: (r: PersonRow[]) => void, name: string) =>
    rows.map((row, i) => (
      <div className="form-row" key={i} data-testid={`${name}-${i}`}>
        <TextField
          label={mt('personName')}
          name={`${name}-${i}-name`}
          value={row.name}
          onChange={(v) => set(rows.map((r, j) => (j === i ? { ...r, name: v } : r)))}
        />
        <TextField
          label={mt('personPosition')}
          name={`${name}-${i}-position`}
          value={row.position}
          onChange={(v) => set(rows.map((r, j) => (j === i ? { ...r, position: v } : r)))}
        />
        <button type="button" className="secondary" onClick={() => set(rows.filter((_, j) => j !== i))}>
          {mt('remove')}
        </button>
      </div>
    ));

  return (
    <form
      className="panel form"
      aria-label={mt('newEvent')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{event ? event.title : mt('newEvent')}</h2>
      <SelectField
        label={mt('kind')}
        name="kind"
        value={kind}
        onChange={(k) => setKind(k as Kind)}
        options={EVENT_KINDS.map((k) => ({ value: k, label: mt(`kind_${k}`) }))}
      />
      <TextField label={mt('title')} name="title" value={title} onChange={setTitle} error={errors.title} />
      <TextField label={mt('organizer')} name="organizer" value={organizer} onChange={setOrganizer} error={errors.organizer} />
      <div className="form-row">
        <BeDatePicker label={mt('startDate')} name="startDate" value={startDate} onChange={setStartDate} error={errors.startDate} />
        <BeDatePicker label={mt('endDate')} name="endDate" value={endDate} onChange={setEndDate} error={errors.endDate} />
        <TextField label={mt('startTime')} name="startTime" value={startTime} onChange={setStartTime} error={errors.startTime} placeholder="09:00" />
      </div>
      <TextField label={`${mt('venues')} (${mt('venuesHint')})`} name="venues" value={venues} onChange={setVenues} error={errors.venues} multiline />
      <ProvinceChecklist owner={owner} fy={provinceFy} value={provinces} onChange={setProvinces} label={mt('provinces')} error={errors.provinces} />
      <fieldset className="group">
        <legend>{mt('chair')}</legend>
        <div className="form-row">
          <TextField label={mt('personName')} name="chair-name" value={chair.name} onChange={(v) => setChair({ ...chair, name: v })} />
          <TextField
            label={mt('personPosition')}
            name="chair-position"
            value={chair.position}
            onChange={(v) => setChair({ ...chair, position: v })}
          />
        </div>
        {errors.chair && <div className="field-error">{errors.chair}</div>}
      </fieldset>
      <fieldset className="group">
        <legend>{mt('speakers')}</legend>
        {people(speakers, setSpeakers, 'speaker')}
        <button type="button" className="secondary" onClick={() => setSpeakers([...speakers, { name: '', position: '' }])}>
          {mt('addSpeaker')}
        </button>
        {errors.speakers && <div className="field-error">{errors.speakers}</div>}
      </fieldset>
      <fieldset className="group">
        <legend>{mt('invitedGroups')}</legend>
        {groups.map((g, i) => (
          <div className="form-row" key={i} data-testid={`group-${i}`}>
            <TextField
              label={mt('groupName')}
              name={`group-${i}-name`}
              value={g.name}
              onChange={(v) => setGroups(groups.map((r, j) => (j === i ? { ...r, name: v } : r)))}
            />
            <TextField
              label={mt('attended')}
              name={`group-${i}-attended`}
              inputMode="numeric"
              value={g.attended}
              onChange={(v) => setGroups(groups.map((r, j) => (j === i ? { ...r, attended: v } : r)))}
            />
            <button type="button" className="secondary" onClick={() => setGroups(groups.filter((_, j) => j !== i))}>
              {mt('remove')}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setGroups([...groups, { name: '', attended: '' }])}>
          {mt('addGroup')}
        </button>
        {errors.invitedGroups && <div className="field-error">{errors.invitedGroups}</div>}
      </fieldset>
      <TextField
        label={mt('attendance')}
        name="attendance"
        inputMode="numeric"
        value={attendance}
        onChange={setAttendance}
        error={errors.attendance}
      />
      <TextField label={mt('note')} name="note" value={note} onChange={setNote} error={errors.note} multiline />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {mt('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}
