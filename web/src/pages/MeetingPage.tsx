/**
 * One meeting: its facts (the weekday derived from the date), its agenda grouped by the OSM's three
 * divisions (topics added, edited, reordered and removed while it is a draft), closing it (which
 * freezes its report), regenerating the report (what changed since the frozen one), the downloads,
 * and the report's preview as the official document (print CSS: A4 and its margins).
 */
import { Fragment, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { fiscalYearOf } from '../../../src/core/dates.ts';
import {
  AgendaItemInput,
  DIVISIONS,
  type AgendaEntry,
  type AgendaItem,
  type Division,
  type Meeting,
  type MeetingReportOut,
  type RegeneratedOut,
} from '../../../src/features/meetings/meetings.schema.ts';
import { breakUnits } from '../../../src/features/meetings/meetings.lines.ts';
import { api, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { TextField } from '../components/TextField.tsx';
import { dateWithWeekday, ownerRef } from '../components/monitoring-common.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useMeT, type MeetingsKey } from '../meetings-i18n.ts';
import { useOwnerRights } from '../permissions.ts';
import { useFmt, usePrefs } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';
import { MeetingForm, lines } from './MeetingListPage.tsx';
import './meeting-report.css';

type Kind = AgendaEntry['kind'];
const KINDS: Kind[] = ['text', 'approval', 'indicators', 'monitoring', 'previousYear', 'disbursement', 'eventsHeld'];
const FORMATS = ['docx', 'pdf', 'xlsx', 'html', 'text'] as const;

export default function MeetingPage({ id }: { id: string }) {
  const mt = useMeT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const { me } = useSession();
  const meeting = useApi<Meeting>(`/meetings/${id}`);
  const m = meeting.data;
  const rights = useOwnerRights(me, m ? ownerRef(m.owner.code) : null, m ? fiscalYearOf(m.date) : null);
  const [editing, setEditing] = useState(false);
  const [reportTick, setReportTick] = useState(0);
  const thai = useReportDigits();
  const changed = () => {
    meeting.reload();
    setReportTick((t) => t + 1);
  };

  if (meeting.error) return <p className="error">{meeting.error.message}</p>;
  if (!m) return <p className="loading">…</p>;
  const write = !!rights?.plan && m.status === 'draft';

  return (
    <div className="meeting">
      <p className="no-print">
        <Link href={`/meetings${query({ owner: m.owner.code, year: m.year })}`}>{mt('meetings')}</Link>
      </p>
      <section className="no-print">
        <h1 data-testid="meeting-title">
          {mt('noYear', { no: fmt.int(m.no), year: fmt.digits(String(m.year)) })} · {fmt.monthYear(m.month, true)}
        </h1>
        <dl className="facts">
          <dt>{mt('date')}</dt>
          <dd data-testid="meeting-date">
            {dateWithWeekday(fmt, m.date, lang)}
            {m.startTime && ` ${mt('timeOf', { time: fmt.digits(lang === 'th' ? m.startTime.replace(':', '.') : m.startTime) })}`}
          </dd>
          <dt>{mt('cutOff')}</dt>
          <dd>{fmt.date(m.cutOff)}</dd>
          <dt>{mt('venue')}</dt>
          <dd>{fmt.digits(m.venues.join(', ')) || '–'}</dd>
          <dt>{mt('organizer')}</dt>
          <dd>{fmt.digits(m.organizer)}</dd>
          <dt>{mt('purpose')}</dt>
          <dd>{fmt.digits(m.purposes.join(' ')) || '–'}</dd>
          <dt>{mt('status')}</dt>
          <dd data-testid="meeting-status">
            {mt(m.status)}
            {m.closedAt && ` · ${mt('closedOn', { at: fmt.dateTime(m.closedAt), by: m.closedBy ?? '' })}`}
          </dd>
        </dl>
        {write && !editing && (
          <button type="button" onClick={() => setEditing(true)} data-testid="edit-meeting">
            {mt('edit')}
          </button>
        )}
        {write && editing && (
          <MeetingForm
            owner={m.owner.code}
            meeting={m}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              changed();
            }}
          />
        )}
      </section>
      <Agenda meeting={m} write={write} onChanged={changed} />
      {rights?.plan && m.status === 'draft' && <CloseMeeting meeting={m} onClosed={changed} />}
      {rights?.plan && m.status === 'draft' && <DeleteMeeting meeting={m} />}
      <Downloads meeting={m} thai={thai.on} />
      <ReportPreview meeting={m} tick={reportTick} regenerate={!!rights?.plan} thai={thai.on} setThai={thai.set} />
    </div>
  );
}

/** The digits of the report (preview and downloads): Thai by default, as the official document has them; the app's switch, once moved, decides. */
function useReportDigits(): { on: boolean; set(on: boolean): void } {
  const { thaiDigits } = usePrefs();
  const [on, set] = useState(true);
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (first) setFirst(false);
    else set(thaiDigits);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thaiDigits]);
  return { on, set };
}

/** The topics by division, in their order; while a draft, forms to add, edit, move and remove them. */
function Agenda({ meeting, write, onChanged }: { meeting: Meeting; write: boolean; onChanged(): void }) {
  const mt = useMeT();
  const fmt = useFmt();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fy = fiscalYearOf(meeting.cutOff);

  /** Moves a topic within its division: the division's new order in one request (one transaction on the server). */
  async function move(topics: AgendaItem[], from: number, to: number) {
    setError(null);
    const order = topics.map((a) => a.id);
    const [moved] = order.splice(from, 1);
    order.splice(to, 0, moved!);
    try {
      await api.post(`/meetings/${meeting.id}/agenda/reorder`, { version: meeting.version, division: topics[0]!.division, items: order });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    onChanged();
  }

  return (
    <section className="agenda no-print" data-testid="agenda">
      <h2>{mt('agenda')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {DIVISIONS.map((d) => {
        const topics = meeting.agenda.filter((a) => a.division === d).sort((a, b) => a.position - b.position);
        return (
          <div key={d} className="division" data-testid={`division-${d}`}>
            <h3>{mt(`div_${d}`)}</h3>
            {topics.length === 0 && <p className="muted">{mt('noTopics')}</p>}
            <ol className="topics">
              {topics.map((a, i) => (
                <li key={a.id} data-testid={`topic-${a.id}`}>
                  {editing === a.id ? (
                    <TopicForm
                      meeting={meeting}
                      item={a}
                      fy={fy}
                      onCancel={() => setEditing(null)}
                      onSaved={() => {
                        setEditing(null);
                        onChanged();
                      }}
                    />
                  ) : (
                    <>
                      <strong className="topic-title">❖ {fmt.digits(a.topic)}</strong>
                      <ul className="entries">
                        {a.items.map((e, j) => (
                          <li key={j}>
                            <EntrySummary entry={e} />
                          </li>
                        ))}
                      </ul>
                      {write && (
                        <div className="actions">
                          <button type="button" className="secondary" onClick={() => setEditing(a.id)} data-testid="edit-topic">
                            {mt('edit')}
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            disabled={i === 0}
                            onClick={() => void move(topics, i, i - 1)}
                            aria-label={mt('moveUp')}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            disabled={i === topics.length - 1}
                            onClick={() => void move(topics, i, i + 1)}
                            aria-label={mt('moveDown')}
                          >
                            ↓
                          </button>
                          <button type="button" className="danger" onClick={() => setRemoving(a.id)} data-testid="remove-topic">
                            {mt('remove')}
                          </button>
                        </div>
                      )}
                      {removing === a.id && (
                        <ReasonForm
                          title={mt('removeReason')}
                          path={`/meetings/${meeting.id}/agenda/${a.id}/delete`}
                          submitLabel={mt('remove')}
                          danger
                          onCancel={() => setRemoving(null)}
                          onDone={() => {
                            setRemoving(null);
                            onChanged();
                          }}
                        />
                      )}
                    </>
                  )}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
      {write && !adding && (
        <button type="button" onClick={() => setAdding(true)} data-testid="add-topic">
          {mt('addTopic')}
        </button>
      )}
      {write && adding && (
        <TopicForm
          meeting={meeting}
          fy={fy}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** One agenda entry as a line: narrative text, or the computed block's kind and parameters. */
function EntrySummary({ entry }: { entry: AgendaEntry }) {
  const mt = useMeT();
  const fmt = useFmt();
  const range = (from: string, to: string) => `${fmt.date(from)} – ${fmt.date(to)}`;
  switch (entry.kind) {
    case 'text':
      return <span className="entry-text">{fmt.digits(entry.text)}</span>;
    case 'approval':
    case 'previousYear':
    case 'disbursement':
      return (
        <span className="entry-block">
          {mt(`kind_${entry.kind}`)} · {mt('fiscalYear')} {fmt.digits(String(entry.fiscalYear))}
        </span>
      );
    case 'indicators':
      return (
        <span className="entry-block">
          {mt('kind_indicators')} · {mt('fiscalYear')} {fmt.digits(String(entry.fiscalYear))} · {entry.setBy} · {entry.requestedBy}
        </span>
      );
    case 'monitoring':
      return (
        <span className="entry-block">
          {mt('kind_monitoring')} ({mt(`include_${entry.include}`)}) · {range(entry.from, entry.to)}
        </span>
      );
    case 'eventsHeld':
      return (
        <span className="entry-block">
          {mt('kind_eventsHeld')} · {range(entry.from, entry.to)}
        </span>
      );
  }
}

/** An entry being edited: every field as text (numbers and dates parsed by the schema on saving). */
type Draft = { kind: Kind; text: string; fiscalYear: string; setBy: string; requestedBy: string; from: string; to: string; include: string };

function toDraft(e: AgendaEntry, fy: number): Draft {
  const d: Draft = { kind: e.kind, text: '', fiscalYear: String(fy), setBy: 'สำนักงาน ก.พ.ร.', requestedBy: 'OSM', from: '', to: '', include: 'both' };
  if (e.kind === 'text') d.text = e.text;
  if ('fiscalYear' in e) d.fiscalYear = String(e.fiscalYear);
  if (e.kind === 'indicators') Object.assign(d, { setBy: e.setBy, requestedBy: e.requestedBy });
  if (e.kind === 'monitoring' || e.kind === 'eventsHeld') Object.assign(d, { from: e.from, to: e.to });
  if (e.kind === 'monitoring') d.include = e.include;
  return d;
}

function fromDraft(d: Draft): Record<string, unknown> {
  const fiscalYear = Number(d.fiscalYear);
  switch (d.kind) {
    case 'text':
      return { kind: 'text', text: d.text };
    case 'indicators':
      return { kind: 'indicators', fiscalYear, setBy: d.setBy, requestedBy: d.requestedBy };
    case 'monitoring':
      return { kind: 'monitoring', from: d.from, to: d.to, include: d.include };
    case 'eventsHeld':
      return { kind: 'eventsHeld', from: d.from, to: d.to };
    default:
      return { kind: d.kind, fiscalYear };
  }
}

/** The form of a topic: its division, its ❖ text and its items (narrative text or computed blocks with their parameters). */
function TopicForm({ meeting, item, fy, onCancel, onSaved }: { meeting: Meeting; item?: AgendaItem; fy: number; onCancel(): void; onSaved(): void }) {
  const mt = useMeT();
  const [division, setDivision] = useState<Division>(item?.division ?? 'strategy');
  const [topic, setTopic] = useState(item?.topic ?? '');
  const [entries, setEntries] = useState<Draft[]>(item ? item.items.map((e) => toDraft(e, fy)) : [toDraft({ kind: 'text', text: '' }, fy)]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Draft>) => setEntries(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));

  async function submit() {
    const input: z.input<typeof AgendaItemInput> = { division, topic, items: entries.map(fromDraft) as z.input<typeof AgendaItemInput>['items'] };
    const parsed = AgendaItemInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      if (item) await api.patch(`/meetings/${meeting.id}/agenda/${item.id}`, { version: item.version, ...input });
      else await api.post(`/meetings/${meeting.id}/agenda`, input);
      onSaved();
    } catch (e) {
      setErrors(apiFieldErrors(e, ['division', 'topic', 'items']));
    } finally {
      setBusy(false);
    }
  }

  const entryError = (i: number) =>
    Object.entries(errors)
      .filter(([k]) => k === `items.${i}` || k.startsWith(`items.${i}.`))
      .map(([k, v]) => `${k.replace(/^items\.\d+\.?/, '')} ${v}`.trim())
      .join('; ');
  const title = item ? mt('editTopic') : mt('addTopic');
  return (
    <form
      className="panel form topic-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{title}</h3>
      <div className="field">
        <label htmlFor="topic-division">{mt('division')}</label>
        <select id="topic-division" name="division" value={division} onChange={(e) => setDivision(e.target.value as Division)}>
          {DIVISIONS.map((d) => (
            <option key={d} value={d}>
              {mt(`div_${d}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField label={mt('topic')} name="topic" value={topic} onChange={setTopic} error={errors.topic} />
      <fieldset className="group">
        <legend>{mt('items')}</legend>
        {entries.map((d, i) => (
          <div key={i} className="entry-form" data-testid={`entry-${i}`}>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`entry-kind-${i}`}>{mt('kind')}</label>
                <select id={`entry-kind-${i}`} name="kind" value={d.kind} onChange={(e) => set(i, { kind: e.target.value as Kind })}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {mt(`kind_${k}` as MeetingsKey)}
                    </option>
                  ))}
                </select>
              </div>
              {['approval', 'indicators', 'previousYear', 'disbursement'].includes(d.kind) && (
                <TextField
                  label={mt('fiscalYear')}
                  name="fiscalYear"
                  inputMode="numeric"
                  value={d.fiscalYear}
                  onChange={(v) => set(i, { fiscalYear: v })}
                />
              )}
              {d.kind === 'monitoring' && (
                <div className="field">
                  <label htmlFor={`entry-include-${i}`}>{mt('include')}</label>
                  <select id={`entry-include-${i}`} name="include" value={d.include} onChange={(e) => set(i, { include: e.target.value })}>
                    {(['both', 'visits', 'trainings'] as const).map((v) => (
                      <option key={v} value={v}>
                        {mt(`include_${v}`)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
            {d.kind === 'text' && <TextField label={mt('text')} name="text" value={d.text} onChange={(v) => set(i, { text: v })} multiline />}
            {d.kind === 'indicators' && (
              <div className="form-row">
                <TextField label={mt('setBy')} name="setBy" value={d.setBy} onChange={(v) => set(i, { setBy: v })} />
                <TextField label={mt('requestedBy')} name="requestedBy" value={d.requestedBy} onChange={(v) => set(i, { requestedBy: v })} />
              </div>
            )}
            {(d.kind === 'monitoring' || d.kind === 'eventsHeld') && (
              <div className="form-row">
                <BeDatePicker label={mt('from')} name="from" value={d.from} onChange={(v) => set(i, { from: v })} />
                <BeDatePicker label={mt('to')} name="to" value={d.to} onChange={(v) => set(i, { to: v })} />
              </div>
            )}
            {entryError(i) && (
              <div className="field-error" role="alert">
                {entryError(i)}
              </div>
            )}
            <button type="button" className="secondary" onClick={() => setEntries(entries.filter((_, j) => j !== i))}>
              {mt('removeItem')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setEntries([...entries, toDraft({ kind: 'text', text: '' }, fy)])}
          data-testid="add-entry"
        >
          {mt('addItem')}
        </button>
        {errors.items && (
          <div className="field-error" role="alert">
            {errors.items}
          </div>
        )}
      </fieldset>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="save-topic">
          {mt('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Closing a draft meeting, after a confirmation: its report is frozen. */
function CloseMeeting({ meeting, onClosed }: { meeting: Meeting; onClosed(): void }) {
  const mt = useMeT();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function close() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/meetings/${meeting.id}/close`);
      setAsking(false);
      onClosed();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="no-print">
      {!asking && (
        <button type="button" className="danger" onClick={() => setAsking(true)} data-testid="close-meeting">
          {mt('closeMeeting')}
        </button>
      )}
      {asking && (
        <div className="panel" role="alertdialog" aria-label={mt('closeMeeting')} data-testid="close-confirm">
          <p>{mt('closeConfirm')}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void close()} data-testid="confirm-close">
              {mt('confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {mt('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** Deleting a draft meeting, with a reason (the server requires one) that confirms it; then back to the owner's list. */
function DeleteMeeting({ meeting }: { meeting: Meeting }) {
  const mt = useMeT();
  const fmt = useFmt();
  const [, navigate] = useLocation();
  const [asking, setAsking] = useState(false);
  return (
    <section className="no-print">
      {!asking && (
        <button type="button" className="danger" onClick={() => setAsking(true)} data-testid="delete-meeting">
          {mt('deleteMeeting')}
        </button>
      )}
      {asking && (
        <ReasonForm
          title={mt('deleteMeeting')}
          hint={mt('deleteConfirm', { no: fmt.int(meeting.no), year: fmt.digits(String(meeting.year)) })}
          path={`/meetings/${meeting.id}/delete`}
          submitLabel={mt('confirmDelete')}
          danger
          onCancel={() => setAsking(false)}
          onDone={() => navigate(`/meetings${query({ owner: meeting.owner.code, year: meeting.year })}`)}
        />
      )}
    </section>
  );
}

/** The report in every format, with the digits of the preview. */
function Downloads({ meeting, thai }: { meeting: Meeting; thai: boolean }) {
  const mt = useMeT();
  return (
    <section className="downloads no-print" data-testid="downloads">
      <h2>{mt('downloads')}</h2>
      <p>
        {FORMATS.map((f) => (
          <a
            key={f}
            className="button secondary"
            href={`/api/v1/meetings/${meeting.id}/report${query({ format: f, digits: thai ? 'thai' : 'arabic' })}`}
            download={`meeting-${meeting.no}-${meeting.year}.${f === 'text' ? 'txt' : f}`}
            data-testid={`download-${f}`}
          >
            {f.toUpperCase()}
          </a>
        ))}
      </p>
    </section>
  );
}

/**
 * The report as the official document: intro, division headings, ❖ topics, "- " items in Sarabun,
 * Thai digits unless the app's digits switch says otherwise (the API's digits option). A regenerated
 * report of a closed meeting lists what changed since the frozen one.
 */
function ReportPreview({
  meeting,
  tick,
  regenerate,
  thai,
  setThai,
}: {
  meeting: Meeting;
  tick: number;
  regenerate: boolean;
  thai: boolean;
  setThai(on: boolean): void;
}) {
  const mt = useMeT();
  const fmt = useFmt();
  const digits = thai ? 'thai' : 'arabic';
  const report = useApi<MeetingReportOut>(`/meetings/${meeting.id}/report`, { digits });
  const [regenerated, setRegenerated] = useState<RegeneratedOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { reload } = report;
  useEffect(() => {
    setRegenerated(null);
    if (tick) reload();
  }, [tick, meeting.version, reload]);

  async function regen() {
    setError(null);
    try {
      setRegenerated(await api.post<RegeneratedOut>(`/meetings/${meeting.id}/regenerate${query({ digits })}`));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const r = regenerated?.report ?? report.data;
  return (
    <section className="report-preview-section">
      <div className="preview-bar no-print">
        <h2>{mt('preview')}</h2>
        <label className="toggle">
          <input type="checkbox" checked={thai} onChange={(e) => setThai(e.target.checked)} data-testid="preview-thai-digits" />
          {mt('thaiDigits')}
        </label>
        {regenerate && (
          <button type="button" className="secondary" onClick={() => void regen()} data-testid="regenerate">
            {mt('regenerate')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {mt('print')}
        </button>
      </div>
      {(error || report.error) && <p className="error">{error ?? report.error?.message}</p>}
      {regenerated && meeting.status === 'closed' && (
        <div className="panel no-print" data-testid="report-changes">
          {regenerated.changes.length === 0 ? (
            <p>{mt('noChanges')}</p>
          ) : (
            <>
              <h3>{mt('changes', { n: fmt.int(regenerated.changes.length) })}</h3>
              <ul>
                {regenerated.changes.map((c, i) => (
                  <li key={i} data-testid="report-change">
                    <strong>❖ {c.topic}</strong>
                    <div className="change-old">
                      {mt('was')}: {c.old.join(' ')}
                    </div>
                    <div className="change-new">
                      {mt('now')}: {c.new.join(' ')}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {r && (
        <>
          <p className="muted no-print" data-testid="report-kind">
            {r.frozen && !regenerated ? mt('frozen') : mt('live', { date: fmt.date(r.cutOff) })}
          </p>
          <article className="report-doc" lang="th" data-testid="report-preview">
            {r.layout.map((p, i) => {
              if (p.kind === 'heading')
                return (
                  <h2 key={i} className="report-heading">
                    <Breakable units={p.units} />
                  </h2>
                );
              if (p.kind === 'topic')
                return (
                  <h3 key={i} className="report-topic">
                    {/* The layout's topic is "❖ …": its first units are the mark and the space. */}
                    <span className="mark">❖</span> <Breakable units={p.units.slice(2)} />
                  </h3>
                );
              return (
                <p key={i} className={`report-${p.kind}`}>
                  <Breakable units={p.units} />
                </p>
              );
            })}
          </article>
        </>
      )}
    </section>
  );
}

/** A paragraph of the document broken only where the PDF may break it (the server's units): each word unbreakable, a <wbr> between adjacent words. */
function Breakable({ units }: { units: readonly string[] }) {
  return (
    <>
      {breakUnits(units).map((u, i) =>
        u.space ? (
          u.text
        ) : (
          <Fragment key={i}>
            {u.wbr && <wbr />}
            <span className="w">{u.text}</span>
          </Fragment>
        ),
      )}
    </>
  );
}
