/** One event (GET /events/{id}): kind, dates with their weekdays and start time, venues, provinces, chair, speakers, invited groups, attendance. */
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { fiscalYearOf } from '../../../src/core/dates.ts';
import { personTh } from '../../../src/features/events/events.rules.ts';
import type { Event } from '../../../src/features/events/events.schema.ts';
import { query } from '../api.ts';
import { DateRange } from '../components/monitoring-common.tsx';
import { useMT } from '../monitoring-i18n.ts';
import { useOwnerRights } from '../permissions.ts';
import { useFmt } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';
import { EventForm } from './EventListPage.tsx';

export default function EventPage({ id }: { id: string }) {
  const mt = useMT();
  const fmt = useFmt();
  const { me } = useSession();
  const loaded = useApi<Event>(`/events/${encodeURIComponent(id)}`);
  const e = loaded.data;
  const fy = e ? fiscalYearOf(e.startDate) : null;
  const rights = useOwnerRights(me, e ? { kind: e.owner.kind, code: e.owner.code } : null, fy);
  const [editing, setEditing] = useState(false);
  if (loaded.error) return <p className="error">{loaded.error.message}</p>;
  if (!e || fy === null) return <p className="loading">{mt('event')}…</p>;
  const row = (label: string, value: ReactNode, testId: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <div className="event">
      <p className="crumbs">
        <Link href={`/events${query({ owner: e.owner.code, fy })}`}>{mt('events')}</Link>
      </p>
      <h1 data-testid="event-title">{fmt.digits(e.title)}</h1>
      <dl className="report-texts">
        {row(mt('kind'), mt(`kind_${e.kind}`), 'event-kind')}
        {row(
          mt('dates'),
          <>
            <DateRange from={e.startDate} to={e.endDate} />
            {e.startTime && ` ${mt('atTime', { time: fmt.digits(e.startTime) })}`}
          </>,
          'event-dates',
        )}
        {e.organizer && row(mt('organizer'), fmt.digits(e.organizer), 'event-organizer')}
        {e.venues.length > 0 &&
          row(
            mt('venues'),
            <ul>
              {e.venues.map((v, i) => (
                <li key={i}>{fmt.digits(v)}</li>
              ))}
            </ul>,
            'event-venues',
          )}
        {e.provinces.length > 0 && row(mt('provinces'), e.provinces.map((p) => p.nameTh).join(', '), 'event-provinces')}
        {e.chair && row(mt('chair'), fmt.digits(personTh(e.chair)), 'event-chair')}
        {e.speakers.length > 0 &&
          row(
            mt('speakers'),
            <ul>
              {e.speakers.map((s, i) => (
                <li key={i}>{fmt.digits(personTh(s))}</li>
              ))}
            </ul>,
            'event-speakers',
          )}
        {e.invitedGroups.length > 0 &&
          row(
            mt('invitedGroups'),
            <ul>
              {e.invitedGroups.map((g, i) => (
                <li key={i}>
                  {fmt.digits(g.name)}
                  {g.attended !== null && ` (${mt('people', { n: fmt.int(g.attended) })})`}
                </li>
              ))}
            </ul>,
            'event-groups',
          )}
        {e.attendance !== null && row(mt('attendance'), mt('people', { n: fmt.int(e.attendance) }), 'event-attendance')}
        {e.note && row(mt('note'), fmt.digits(e.note), 'event-note')}
      </dl>
      {rights?.plan && !editing && (
        <button type="button" className="secondary" onClick={() => setEditing(true)} data-testid="edit-event">
          {mt('edit')}
        </button>
      )}
      {rights?.plan && editing && (
        <EventForm
          owner={e.owner.code}
          fy={fy}
          event={e}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            loaded.reload();
          }}
        />
      )}
    </div>
  );
}
