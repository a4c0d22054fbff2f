/**
 * One monitoring visit (GET /monitoring/visits/{id}): its committee, dates with their weekdays,
 * provinces and projects; per project the day visited, findings, recommendations with their
 * follow-ups, and photos (thumbnails, the full image on click, the GPS position and time each
 * carries, on a map of the visit's provinces). Officers of the owner and the cluster's committee
 * members record results, recommendations, follow-ups and photos.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { FollowUpInput, RecommendationInput, VisitResultInput } from '../../../src/features/monitoring/monitoring.schema.ts';
import type { Photo, Recommendation, Visit, VisitedProject } from '../../../src/features/monitoring/monitoring.schema.ts';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../../../src/features/monitoring/monitoring.rules.ts';
import { api, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { TextField } from '../components/TextField.tsx';
import { DateRange, dateWithWeekday, SelectField } from '../components/monitoring-common.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import type { Format } from '../format.ts';
import { useMT, type MonitoringTranslate } from '../monitoring-i18n.ts';
import { useOwnerRights, type OwnerRights } from '../permissions.ts';
import { useFmt, usePrefs } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';
import '../components/monitoring.css';

const PhotoMap = lazy(() => import('../charts/PhotoMap.tsx'));

/** "15 มกราคม 2559 10:30 น." from the camera's local time "2016-01-15T10:30:00" (and its offset, if written). */
export function photoTime(fmt: Format, lang: 'th' | 'en', p: Pick<Photo, 'takenAt' | 'takenOffset'>): string | null {
  if (!p.takenAt) return null;
  const hhmm = p.takenAt.slice(11, 16);
  const time = lang === 'th' ? `${hhmm} น.` : hhmm;
  return fmt.digits(`${fmt.date(p.takenAt.slice(0, 10))} ${time}${p.takenOffset ? ` (UTC${p.takenOffset})` : ''}`);
}

/** Decimal degrees to 6 places (about 0.1 m), in the reader's digits. */
const coord = (fmt: Format, n: number) => fmt.digits(n.toFixed(6));

export default function VisitPage({ id }: { id: string }) {
  const mt = useMT();
  const fmt = useFmt();
  const { me } = useSession();
  const visit = useApi<Visit>(`/monitoring/visits/${encodeURIComponent(id)}`);
  const v = visit.data;
  const rights = useOwnerRights(me, v ? { kind: v.owner.kind, code: v.owner.code } : null, v?.fiscalYear ?? null);
  const photos = useMemo(() => v?.projects.flatMap((p) => p.photos) ?? [], [v]);
  const numbers = useMemo(() => new Map(photos.map((p, i) => [p.id, String(i + 1)])), [photos]);
  const { lang } = usePrefs();
  const points = useMemo(
    () =>
      photos
        .filter((p) => p.latitude !== null && p.longitude !== null)
        .map((p) => ({
          id: p.id,
          label: numbers.get(p.id) ?? '',
          latitude: p.latitude!,
          longitude: p.longitude!,
          title: [p.fileName, photoTime(fmt, lang, p)].filter(Boolean).join(' · '),
        })),
    [photos, numbers, fmt, lang],
  );

  // A link to one recommendation (#rec-ID, from the dashboard's overdue panel) scrolls to it once the visit is shown.
  const loaded = !!v;
  useEffect(() => {
    if (loaded && window.location.hash.startsWith('#rec-'))
      document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [loaded]);

  if (visit.error) return <p className="error">{visit.error.message}</p>;
  if (!v) return <p className="loading">{mt('visit')}…</p>;
  return (
    <div className="visit">
      <p className="crumbs">
        <Link href={`/visits${query({ owner: v.owner.code, fy: v.fiscalYear })}`}>{mt('visits')}</Link>
      </p>
      <h1 data-testid="visit-title">{fmt.digits(v.title || v.committee)}</h1>
      <dl className="report-texts">
        <div>
          <dt>{mt('committee')}</dt>
          <dd data-testid="visit-committee">{fmt.digits(v.committee)}</dd>
        </div>
        <div>
          <dt>{mt('dates')}</dt>
          <dd>
            <DateRange from={v.startDate} to={v.endDate} testId="visit-dates" />
          </dd>
        </div>
        <div>
          <dt>{mt('provinces')}</dt>
          <dd data-testid="visit-provinces">{v.provinces.map((p) => p.nameTh).join(', ')}</dd>
        </div>
        <div>
          <dt>{mt('projectsToVisit')}</dt>
          <dd data-testid="visit-count">{mt('visitedCount', { n: fmt.int(v.visitedCount), of: fmt.int(v.projectCount) })}</dd>
        </div>
      </dl>
      {points.length > 0 && (
        <section className="panel">
          <h2>{mt('photoMap')}</h2>
          <Suspense fallback={null}>
            <PhotoMap provinces={v.provinces.map((p) => p.code)} points={points} label={mt('photoMap')} />
          </Suspense>
        </section>
      )}
      {v.projects.map((p) => (
        <VisitedProjectSection key={p.project} visit={v} vp={p} rights={rights} numbers={numbers} onChange={visit.reload} />
      ))}
    </div>
  );
}

function VisitedProjectSection({
  visit,
  vp,
  rights,
  numbers,
  onChange,
}: {
  visit: Visit;
  vp: VisitedProject;
  rights: OwnerRights | null;
  numbers: Map<string, string>;
  onChange(): void;
}) {
  const mt = useMT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const [editing, setEditing] = useState(false);
  const [addingRec, setAddingRec] = useState(false);
  const base = `/monitoring/visits/${visit.id}/projects/${encodeURIComponent(vp.project)}`;
  return (
    <section className="panel visited-project" data-testid={`project-${vp.project}`}>
      <h2>
        <Link href={`/projects/${encodeURIComponent(vp.project)}`}>{vp.project}</Link> {fmt.digits(vp.nameTh)}
      </h2>
      <p data-testid="visited-on">{vp.visitedOn ? `${mt('visitedOn')} ${dateWithWeekday(fmt, vp.visitedOn, lang)}` : mt('notVisited')}</p>
      <h3>{mt('findings')}</h3>
      {vp.findings.length ? (
        <ul data-testid="findings">
          {vp.findings.map((f, i) => (
            <li key={i}>{fmt.digits(f)}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{mt('noFindings')}</p>
      )}
      {rights?.record && !editing && (
        <button type="button" className="secondary" onClick={() => setEditing(true)} data-testid="record-result">
          {mt('recordResult')}
        </button>
      )}
      {rights?.record && editing && (
        <ResultForm
          path={base}
          vp={vp}
          visit={visit}
          onDone={(changed) => {
            setEditing(false);
            if (changed) onChange();
          }}
        />
      )}
      <h3>{mt('recommendations')}</h3>
      {vp.recommendations.length === 0 && <p className="muted">{mt('noRecommendations')}</p>}
      {vp.recommendations.length > 0 && (
        <ol className="recommendations" data-testid="recommendations">
          {vp.recommendations.map((r) => (
            <RecommendationItem key={r.id} r={r} canRecord={!!rights?.record} onChange={onChange} />
          ))}
        </ol>
      )}
      {rights?.record && vp.visitedOn && !addingRec && (
        <button type="button" className="secondary" onClick={() => setAddingRec(true)} data-testid="add-recommendation">
          {mt('addRecommendation')}
        </button>
      )}
      {rights?.record && vp.visitedOn && addingRec && (
        <RecommendationForm
          path={`${base}/recommendations`}
          visitedOn={vp.visitedOn}
          onDone={(changed) => {
            setAddingRec(false);
            if (changed) onChange();
          }}
        />
      )}
      <h3>{mt('photos')}</h3>
      <Photos photos={vp.photos} numbers={numbers} />
      {rights?.record && vp.visitedOn && <PhotoUpload path={`${base}/photos`} onChange={onChange} />}
    </section>
  );
}

function ResultForm({ path, vp, visit, onDone }: { path: string; vp: VisitedProject; visit: Visit; onDone(changed: boolean): void }) {
  const mt = useMT();
  const [visitedOn, setVisitedOn] = useState(vp.visitedOn ?? visit.startDate);
  const [findings, setFindings] = useState(vp.findings.join('\n'));
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit() {
    const body = {
      visitedOn,
      findings: findings
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      version: vp.version,
    };
    const parsed = VisitResultInput.safeParse(body);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    try {
      await api.put(path, body);
      onDone(true);
    } catch (e) {
      setErrors(apiFieldErrors(e, ['visitedOn', 'findings']));
    }
  }
  return (
    <form
      className="form"
      aria-label={mt('recordResult')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <BeDatePicker label={mt('visitedOn')} name="visitedOn" value={visitedOn} onChange={setVisitedOn} error={errors.visitedOn} />
      <TextField
        label={`${mt('findings')} (${mt('findingsHint')})`}
        name="findings"
        value={findings}
        onChange={setFindings}
        error={errors.findings}
        multiline
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit">{mt('save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}

function RecommendationForm({ path, visitedOn, onDone }: { path: string; visitedOn: string; onDone(changed: boolean): void }) {
  const mt = useMT();
  const [text, setText] = useState('');
  const [responsible, setResponsible] = useState('');
  const [dueDate, setDueDate] = useState(visitedOn);
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit() {
    const body = { text, responsible, dueDate };
    const parsed = RecommendationInput.safeParse(body);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    try {
      await api.post(path, body);
      onDone(true);
    } catch (e) {
      setErrors(apiFieldErrors(e, ['text', 'responsible', 'dueDate']));
    }
  }
  return (
    <form
      className="form"
      aria-label={mt('addRecommendation')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField label={mt('recommendation')} name="text" value={text} onChange={setText} error={errors.text} multiline />
      <TextField label={mt('responsible')} name="responsible" value={responsible} onChange={setResponsible} error={errors.responsible} />
      <BeDatePicker label={mt('dueDate')} name="dueDate" value={dueDate} onChange={setDueDate} error={errors.dueDate} />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit">{mt('save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}

const statusLabel = (mt: MonitoringTranslate, s: RecommendationStatus) => mt(`status_${s}`);

function RecommendationItem({ r, canRecord, onChange }: { r: Recommendation; canRecord: boolean; onChange(): void }) {
  const mt = useMT();
  const fmt = useFmt();
  const [adding, setAdding] = useState(false);
  return (
    <li id={`rec-${r.id}`} data-testid={`recommendation-${r.id}`}>
      <div className="rec-text" data-testid="rec-text">
        {fmt.digits(r.text)}
      </div>
      <div className="muted">
        {mt('responsible')}: <span data-testid="rec-responsible">{fmt.digits(r.responsible)}</span> · {mt('dueDate')}{' '}
        <span data-testid="rec-due">{fmt.date(r.dueDate)}</span> ·{' '}
        <span className={`report-status rec-status-${r.status}`} data-testid="rec-status">
          {statusLabel(mt, r.status)}
          {r.closedOn && ` (${mt('closedOn', { date: fmt.date(r.closedOn) })})`}
        </span>
      </div>
      {r.followUps.length > 0 && (
        <ul className="follow-ups" data-testid="follow-ups" aria-label={mt('followUps')}>
          {r.followUps.map((f) => (
            <li key={f.id}>
              {fmt.date(f.date)}: {fmt.digits(f.note)} ({statusLabel(mt, f.status)})
            </li>
          ))}
        </ul>
      )}
      {canRecord && r.status !== 'closed' && !adding && (
        <button type="button" className="secondary" onClick={() => setAdding(true)} data-testid="add-follow-up">
          {mt('addFollowUp')}
        </button>
      )}
      {canRecord && adding && (
        <FollowUpForm
          r={r}
          onDone={(changed) => {
            setAdding(false);
            if (changed) onChange();
          }}
        />
      )}
    </li>
  );
}

function FollowUpForm({ r, onDone }: { r: Recommendation; onDone(changed: boolean): void }) {
  const mt = useMT();
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<RecommendationStatus>(r.status);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Forward only: the current status (a note keeping it) or a later one.
  const allowed = RECOMMENDATION_STATUSES.slice(RECOMMENDATION_STATUSES.indexOf(r.status));
  async function submit() {
    const body = { date, note, status };
    const parsed = FollowUpInput.safeParse(body);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    try {
      await api.post(`/monitoring/recommendations/${r.id}/follow-ups`, body);
      onDone(true);
    } catch (e) {
      setErrors(apiFieldErrors(e, ['date', 'note', 'status']));
    }
  }
  return (
    <form
      className="form"
      aria-label={mt('addFollowUp')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <BeDatePicker label={mt('followUpDate')} name="date" value={date} onChange={setDate} error={errors.date} />
      <TextField label={mt('followUpNote')} name="note" value={note} onChange={setNote} error={errors.note} multiline />
      <SelectField
        label={mt('statusAfter')}
        name="status"
        value={status}
        onChange={(v) => setStatus(v as RecommendationStatus)}
        options={allowed.map((s) => ({ value: s, label: statusLabel(mt, s) }))}
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit">{mt('save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {mt('cancel')}
        </button>
      </div>
    </form>
  );
}

function Photos({ photos, numbers }: { photos: Photo[]; numbers: Map<string, string> }) {
  const mt = useMT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const [open, setOpen] = useState<Photo | null>(null);
  if (!photos.length) return <p className="muted">{mt('noPhotos')}</p>;
  return (
    <>
      <ul className="photo-grid" data-testid="photos">
        {photos.map((p) => {
          const when = photoTime(fmt, lang, p);
          return (
            <li key={p.id} data-testid={`photo-${p.id}`}>
              <button type="button" className="photo-thumb" onClick={() => setOpen(p)} aria-label={p.caption || p.fileName}>
                <img src={p.thumbnailUrl} width={p.thumbnailWidth} height={p.thumbnailHeight} alt={p.caption || p.fileName} className="thumb" />
              </button>
              <div className="photo-meta">
                <strong>{fmt.digits(numbers.get(p.id) ?? '')}.</strong> {p.caption && <span>{p.caption} </span>}
                {when && <div data-testid="photo-time">{mt('takenAt', { when })}</div>}
                {p.latitude !== null && p.longitude !== null ? (
                  <div data-testid="photo-position">
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=16/${p.latitude}/${p.longitude}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {mt('position', { lat: coord(fmt, p.latitude), lon: coord(fmt, p.longitude) })}
                    </a>
                  </div>
                ) : (
                  <div className="muted">{mt('noPosition')}</div>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {open && (
        <div
          className="photo-dialog"
          role="dialog"
          aria-label={open.caption || open.fileName}
          data-testid="photo-dialog"
          onClick={() => setOpen(null)}
        >
          <img src={open.url} alt={open.caption || open.fileName} />
          <button type="button" onClick={() => setOpen(null)}>
            {mt('close')}
          </button>
        </div>
      )}
    </>
  );
}

function PhotoUpload({ path, onChange }: { path: string; onChange(): void }) {
  const mt = useMT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function upload(files: File[]) {
    setBusy(true);
    setError(null);
    try {
      for (const f of files) await api.upload(path, f);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      onChange();
    }
  }
  return (
    <div className="field">
      <label>
        {mt('uploadPhotos')}
        <input
          type="file"
          name="photos"
          accept="image/jpeg,image/png"
          capture="environment"
          multiple
          disabled={busy}
          data-testid="photo-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void upload(files);
          }}
        />
      </label>
      {busy && <p className="loading">{mt('uploading')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
