/**
 * One indicator as of a date: its definition and the version in force (with the history of
 * versions), the chart of results against targets, the results with their evidence and a form to
 * enter one, the projects supporting it with their budget shares, and the change requests (an
 * officer requests, an administrator approves or rejects).
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { isIsoDate, todayIso } from '../../../src/core/dates.ts';
import { ChangeRequestInput, DecisionInput, LinksInput, PeriodText, ResultInput } from '../../../src/features/indicators/indicators.schema.ts';
import { api, ApiError, query, type ProjectList } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { TextField } from '../components/TextField.tsx';
import { decText, periodsOf, periodText, warningText, type ChangeRequest, type IndicatorDetail } from '../indicators.ts';
import { canDecideIndicators, canWriteIndicators } from '../permissions.ts';
import { useFmt, usePrefs, useT } from '../prefs.tsx';
import { useReference } from '../reference.ts';
import { useMe } from '../session.tsx';
import { useApi } from '../useApi.ts';
import { fiscalYearEnd } from '../../../src/core/dates.ts';
import '../charts/indicators.css';

const IndicatorChart = lazy(() => import('../charts/IndicatorChart.tsx'));

const fileHref = (id: string) => `/api/v1/indicator-files/${id}`;
const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
/** The first message of a zod error, with its field. */
const zodMessage = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'form'}: ${i.message}`)[0] ?? '';

export default function IndicatorPage({ id }: { id: string }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const fromUrl = new URLSearchParams(search).get('asOf') ?? '';
  const asOf = isIsoDate(fromUrl) ? fromUrl : todayIso();
  const detail = useApi<IndicatorDetail>(`/indicators/${encodeURIComponent(id)}`, { asOf });
  const t = useT();
  if (detail.error) return <p className="error">{detail.error.message}</p>;
  if (!detail.data) return <p className="loading">{t('loading')}</p>;
  return (
    <IndicatorView
      d={detail.data}
      asOf={asOf}
      reload={detail.reload}
      setAsOf={(a) => navigate(`/indicators/${id}${query({ asOf: a })}`, { replace: true })}
    />
  );
}

function IndicatorView({ d, asOf, reload, setAsOf }: { d: IndicatorDetail; asOf: string; reload(): void; setAsOf(a: string): void }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const me = useMe();
  const ref = useReference(fiscalYearEnd(d.fiscalYear));
  const writer = canWriteIndicators(me, d.owner, ref);
  const admin = canDecideIndicators(me);
  const compName = (k: string | null) => (k === null ? t('indWhole') : (d.components.find((c) => c.key === k)?.nameTh ?? k));
  const open = d.changeRequests.find((c) => c.decision === null);
  return (
    <div className="indicators indicator-page">
      <p className="crumbs">
        <Link href={`/indicators${query({ owner: d.owner, fy: d.fiscalYear, asOf })}`}>{t('navIndicators')}</Link>
      </p>
      <h1 data-testid="indicator-title">
        {d.code} {fmt.digits(d.nameTh)}
      </h1>
      <p className="subtitle">
        <span data-testid="version-in-force">{t('indVersionInForce', { v: fmt.int(d.version), date: fmt.date(d.effectiveFrom) })}</span>
        {' · '}
        {t('indAgreement')}: <span data-testid="agreement-status">{d.agreementStatus ? t(`indStatus_${d.agreementStatus}`) : '–'}</span>
        {d.removed && (
          <strong className="error" data-testid="removed">
            {' '}
            {t('indRemoved')}
          </strong>
        )}
      </p>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <BeDatePicker label={t('asOf')} name="asOf" value={asOf} onChange={setAsOf} />
      </form>

      <section className="panel warnings-panel" data-testid="warnings" aria-label={t('indWarnings')}>
        <h2>{t('indWarnings')}</h2>
        {d.warnings.length === 0 ? (
          <p className="none">{t('indNoWarnings')}</p>
        ) : (
          <ul>
            {d.warnings.map((w, i) => (
              <li key={i} data-testid="warning">
                {warningText(w, t, fmt, lang)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="two-cols">
        <section className="panel" aria-label={t('indDefinition')}>
          <h2>{t('indDefinition')}</h2>
          <dl className="definition" data-testid="definition">
            <dt>{t('indUnit')}</dt>
            <dd>{d.unit}</dd>
            <dt>{t('indDirection')}</dt>
            <dd>{t(`indDir_${d.direction}`)}</dd>
            <dt>{t('indWeight')}</dt>
            <dd>{decText(d.weight, fmt)}</dd>
            <dt>{t('indBaseline')}</dt>
            <dd>{decText(d.baseline, fmt)}</dd>
            <dt>{t('indDataSource')}</dt>
            <dd>{fmt.digits(d.dataSource)}</dd>
            {d.components.length > 0 && (
              <>
                <dt>{t('indComponents')}</dt>
                <dd data-testid="components">{d.components.map((c) => c.nameTh).join(', ')}</dd>
              </>
            )}
            <dt>{t('indScale')}</dt>
            <dd data-testid="scale">
              {d.scale.levels.map((v, i) => `${t('indLevel', { n: fmt.int(i + 1) })}: ${decText(v, fmt)}`).join(' · ')} ({t('indBelow')}{' '}
              {decText(d.scale.below, fmt)}, {t('indAbove')} {decText(d.scale.above, fmt)})
            </dd>
          </dl>
          <h3>{t('indTargets')}</h3>
          <table className="table" data-testid="targets">
            <tbody>
              {d.targets.map((x) => (
                <tr key={`${x.component ?? ''}-${x.period}`}>
                  <td>{compName(x.component)}</td>
                  <td>{periodText(x.period, t, fmt)}</td>
                  <td className="num">
                    {decText(x.value, fmt)} {d.unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-label={t('indChart')}>
          <h2>{t('indChart')}</h2>
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            <IndicatorChart series={d.series} components={d.components} fiscalYear={d.fiscalYear} unit={d.unit} />
          </Suspense>
        </section>
      </div>

      <section className="panel" aria-label={t('indResults')}>
        <h2>{t('indResults')}</h2>
        {d.results.length === 0 ? (
          <p>{t('indNoResults')}</p>
        ) : (
          <table className="table" data-testid="results">
            <thead>
              <tr>
                <th>{t('indPeriod')}</th>
                <th>{t('indComponent')}</th>
                <th className="num">{t('indValue')}</th>
                <th>{t('indResultDate')}</th>
                <th>{t('indSource')}</th>
                <th>{t('indEvidence')}</th>
                <th>{t('indEnteredBy')}</th>
              </tr>
            </thead>
            <tbody>
              {d.results.map((r) => (
                <tr key={`${r.component ?? ''}-${r.period}`} data-testid={`result-row-${r.component ?? 'indicator'}-${r.period}`}>
                  <td>{periodText(r.period, t, fmt)}</td>
                  <td>{compName(r.component)}</td>
                  <td className="num">
                    {decText(r.value, fmt)} {d.unit}
                  </td>
                  <td>{fmt.date(r.date)}</td>
                  <td>{fmt.digits(r.source)}</td>
                  <td>
                    {r.evidenceUrl && (
                      <a href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                        {t('indEvidenceUrl')}
                      </a>
                    )}
                    {r.evidenceUrl && r.evidenceFile && ' · '}
                    {r.evidenceFile && <a href={fileHref(r.evidenceFile.id)}>{r.evidenceFile.name}</a>}
                  </td>
                  <td>{r.enteredBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {writer && !d.removed && <ResultForm d={d} asOf={asOf} onDone={reload} />}
      </section>

      <section className="panel" aria-label={t('indVersions')}>
        <h2>{t('indVersions')}</h2>
        <table className="table" data-testid="versions">
          <thead>
            <tr>
              <th className="num">{t('indVersion')}</th>
              <th>{t('indEffectiveFrom')}</th>
              <th>{t('indName')}</th>
              <th>{t('indTargets')}</th>
              <th>{t('indFromRequest')}</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.version} className={v.version === d.version ? 'current' : ''} data-testid={`version-${v.version}`}>
                <td className="num">{fmt.int(v.version)}</td>
                <td>{fmt.date(v.effectiveFrom)}</td>
                <td>{v.removed ? t('indRemoved') : fmt.digits(v.nameTh)}</td>
                <td>
                  {v.targets
                    .map((x) => `${x.component ? `${compName(x.component)} ` : ''}${periodText(x.period, t, fmt)} ${decText(x.value, fmt)}`)
                    .join(', ')}
                </td>
                <td>{v.changeRequest ? `#${v.changeRequest}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <LinksSection d={d} writer={writer} onDone={reload} />

      <section className="panel" aria-label={t('indChangeRequests')}>
        <h2>{t('indChangeRequests')}</h2>
        {d.changeRequests.length === 0 ? (
          <p>{t('indNoRequests')}</p>
        ) : (
          <table className="table" data-testid="change-requests">
            <thead>
              <tr>
                <th>{t('indRequestedOn')}</th>
                <th>{t('indRequestedBy')}</th>
                <th>{t('indProposal')}</th>
                <th>{t('indReason')}</th>
                <th>{t('indFile')}</th>
                <th>{t('indDecision')}</th>
              </tr>
            </thead>
            <tbody>
              {d.changeRequests.map((c) => (
                <tr key={c.id} data-testid={`change-request-${c.id}`}>
                  <td>{fmt.date(c.requestedOn)}</td>
                  <td>{c.requestedBy}</td>
                  <td data-testid="proposal">{proposalText(c, t, fmt)}</td>
                  <td>{c.reason}</td>
                  <td>{c.file ? <a href={fileHref(c.file.id)}>{c.file.name}</a> : '–'}</td>
                  <td data-testid="decision">
                    {c.decision === null
                      ? t('indPending')
                      : t('indDecidedBy', {
                          decision: t(c.decision === 'approved' ? 'indApproved' : 'indRejected'),
                          by: c.decidedBy ?? '',
                          date: c.decidedOn ? fmt.date(c.decidedOn) : '',
                        })}
                    {c.note ? ` (${c.note})` : ''}
                    {c.decision === null && admin && <DecisionForm cr={c} asOf={asOf} onDone={reload} />}
                    {c.decision === null && writer && !c.file && <RequestFileForm cr={c} onDone={reload} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {writer && !open && !d.removed && <RequestForm d={d} asOf={asOf} onDone={reload} />}
      </section>
    </div>
  );
}

function proposalText(c: ChangeRequest, t: ReturnType<typeof useT>, fmt: ReturnType<typeof useFmt>): string {
  if (c.kind === 'remove') return t('indKind_remove');
  const parts: string[] = [];
  if (c.proposal.nameTh) parts.push(`${t('indNewName')}: ${fmt.digits(c.proposal.nameTh)}`);
  if (c.proposal.components) parts.push(`${t('indComponents')}: ${c.proposal.components.map((x) => x.nameTh).join(', ') || '–'}`);
  if (c.proposal.targets)
    parts.push(
      `${t('indTargets')}: ${c.proposal.targets.map((x) => `${x.component ? `${x.component} ` : ''}${periodText(x.period, t, fmt)} ${decText(x.value, fmt)}`).join(', ')}`,
    );
  return parts.join('; ');
}

/** Enter (or correct) the result of a period, with its date, source and evidence: a link, a file, or both. */
function ResultForm({ d, asOf, onDone }: { d: IndicatorDetail; asOf: string; onDone(): void }) {
  const t = useT();
  const fmt = useFmt();
  const [component, setComponent] = useState('');
  const [period, setPeriod] = useState('Q1');
  const [value, setValue] = useState('');
  const [date, setDate] = useState(asOf <= todayIso() ? asOf : todayIso());
  const [source, setSource] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body = { ...(component ? { component } : {}), value, date, source, evidenceUrl: url.trim() || null };
    const parsed = ResultInput.safeParse(body);
    const p = PeriodText.safeParse(period);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    if (!p.success) return setError(zodMessage(p.error.issues));
    setBusy(true);
    setError(null);
    try {
      await api.put(`/indicators/${d.id}/results/${period}`, body);
      if (file) await api.upload(`/indicators/${d.id}/results/${period}/evidence${query({ component: component || undefined })}`, file);
      setSaved(true);
      setValue('');
      setSource('');
      setUrl('');
      setFile(null);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="inline-form result-form" onSubmit={(e) => void submit(e)} aria-label={t('indEnterResult')} data-testid="result-form">
      <h3 style={{ width: '100%' }}>{t('indEnterResult')}</h3>
      {d.components.length > 0 && (
        <div className="field">
          <label htmlFor="result-component">{t('indComponent')}</label>
          <select id="result-component" value={component} onChange={(e) => setComponent(e.target.value)}>
            <option value="">{t('indWhole')}</option>
            {d.components.map((c) => (
              <option key={c.key} value={c.key}>
                {c.nameTh}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="result-period">{t('indPeriod')}</label>
        <select id="result-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {periodsOf(d.fiscalYear).map((p) => (
            <option key={p} value={p}>
              {periodText(p, t, fmt)}
            </option>
          ))}
        </select>
      </div>
      <TextField label={`${t('indValue')} (${d.unit})`} name="value" inputMode="decimal" value={value} onChange={setValue} />
      <BeDatePicker label={t('indResultDate')} name="resultDate" value={date} onChange={setDate} />
      <TextField label={t('indSource')} name="source" value={source} onChange={setSource} />
      <TextField label={t('indEvidenceUrl')} name="evidenceUrl" type="url" value={url} onChange={setUrl} />
      <div className="field">
        <label htmlFor="result-file">{t('indEvidenceFile')}</label>
        <input id="result-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" disabled={busy}>
        {t('indSave')}
      </button>
      {error && (
        <p className="error" role="alert" data-testid="result-error">
          {error}
        </p>
      )}
      {saved && (
        <p className="ok" role="status" data-testid="result-saved">
          {t('indSaved')}
        </p>
      )}
    </form>
  );
}

interface LinkRow {
  project: string;
  component: string;
  share: string;
}

/** The projects supporting the indicator or its components, with the share of each one's budget; officers edit them. */
function LinksSection({ d, writer, onDone }: { d: IndicatorDetail; writer: boolean; onDone(): void }) {
  const t = useT();
  const fmt = useFmt();
  const [rows, setRows] = useState<LinkRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const projects = useApi<ProjectList>(rows ? '/projects' : null, { fiscalYear: d.fiscalYear, limit: 1000 });
  const compName = (k: string | null) => (k === null ? t('indWhole') : (d.components.find((c) => c.key === k)?.nameTh ?? k));
  async function save() {
    if (!rows) return;
    const body = {
      links: rows.map((r) => ({ project: r.project.trim(), ...(r.component ? { component: r.component } : {}), share: r.share.trim() })),
    };
    const parsed = LinksInput.safeParse(body);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    setError(null);
    try {
      await api.put(`/indicators/${d.id}/links`, body);
      setRows(null);
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <section className="panel" aria-label={t('indLinks')}>
      <h2>{t('indLinks')}</h2>
      {d.links.length === 0 ? (
        <p>{t('indNoLinks')}</p>
      ) : (
        <table className="table" data-testid="links">
          <thead>
            <tr>
              <th>{t('indProject')}</th>
              <th>{t('indComponent')}</th>
              <th className="num">{t('indShare')}</th>
              <th className="num">{t('indLinkAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.links.map((l) => (
              <tr key={`${l.project}-${l.component ?? ''}`}>
                <td>
                  <Link href={`/projects/${encodeURIComponent(l.project)}`}>{l.project}</Link> {fmt.digits(l.projectNameTh)}
                </td>
                <td>{compName(l.component)}</td>
                <td className="num">{fmt.percent(l.share)}</td>
                <td className="num">{fmt.money(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writer && !rows && (
        <button type="button" onClick={() => setRows(d.links.map((l) => ({ project: l.project, component: l.component ?? '', share: l.share })))}>
          {t('indEditLinks')}
        </button>
      )}
      {rows && (
        <div data-testid="links-editor">
          <datalist id="link-projects">
            {projects.data?.items.map((p) => (
              <option key={p.code} value={p.code}>
                {p.nameTh}
              </option>
            ))}
          </datalist>
          {rows.map((r, i) => (
            <div className="inline-form" key={i}>
              <TextField
                label={t('indProject')}
                name={`link-project-${i}`}
                list="link-projects"
                value={r.project}
                onChange={(v) => setRows(rows.map((x, j) => (j === i ? { ...x, project: v } : x)))}
              />
              {d.components.length > 0 && (
                <div className="field">
                  <label htmlFor={`link-component-${i}`}>{t('indComponent')}</label>
                  <select
                    id={`link-component-${i}`}
                    value={r.component}
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, component: e.target.value } : x)))}
                  >
                    <option value="">{t('indWhole')}</option>
                    {d.components.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.nameTh}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <TextField
                label={t('indShare')}
                name={`link-share-${i}`}
                inputMode="decimal"
                value={r.share}
                onChange={(v) => setRows(rows.map((x, j) => (j === i ? { ...x, share: v } : x)))}
              />
              <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('indRemove')}
              </button>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setRows([...rows, { project: '', component: '', share: '100' }])}>
              {t('indAddLink')}
            </button>
            <button type="button" onClick={() => void save()}>
              {t('indSave')}
            </button>
            <button type="button" onClick={() => setRows(null)}>
              {t('indCancel')}
            </button>
          </div>
          {error && (
            <p className="error" role="alert" data-testid="links-error">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** An administrator approves (in force from the date) or rejects a change request. */
function DecisionForm({ cr, asOf, onDone }: { cr: ChangeRequest; asOf: string; onDone(): void }) {
  const t = useT();
  const [date, setDate] = useState(asOf <= todayIso() ? asOf : todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function decide(decision: 'approved' | 'rejected') {
    const body = { decision, date, ...(note.trim() ? { note: note.trim() } : {}) };
    const parsed = DecisionInput.safeParse(body);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    setError(null);
    try {
      await api.post(`/indicator-change-requests/${cr.id}/decision`, body);
      onDone();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="decision-form" data-testid="decision-form">
      <BeDatePicker label={t('indDecisionDate')} name="decisionDate" value={date} onChange={setDate} />
      <TextField label={t('indNote')} name="decisionNote" value={note} onChange={setNote} />
      <div className="actions">
        <button type="button" onClick={() => void decide('approved')}>
          {t('indApprove')}
        </button>
        <button type="button" onClick={() => void decide('rejected')}>
          {t('indReject')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="decision-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Attach the supporting file of an open request. */
function RequestFileForm({ cr, onDone }: { cr: ChangeRequest; onDone(): void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={`cr-file-${cr.id}`}>{t('indFile')}</label>
      <input
        id={`cr-file-${cr.id}`}
        type="file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f)
            api
              .upload(`/indicator-change-requests/${cr.id}/file`, f)
              .then(onDone)
              .catch((err: unknown) => setError(messageOf(err)));
        }}
      />
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/** An officer requests a change (a new name and annual target) or the removal of the indicator, with the reason and a supporting file. */
function RequestForm({ d, asOf, onDone }: { d: IndicatorDetail; asOf: string; onDone(): void }) {
  const t = useT();
  const [kind, setKind] = useState<'change' | 'remove'>('change');
  const [nameTh, setNameTh] = useState('');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(asOf <= todayIso() ? asOf : todayIso());
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body =
      kind === 'remove'
        ? { kind, reason, requestedOn: date }
        : {
            kind,
            ...(nameTh.trim() ? { nameTh: nameTh.trim() } : {}),
            ...(target.trim() ? { targets: [{ period: 'annual', value: target.trim() }] } : {}),
            reason,
            requestedOn: date,
          };
    const parsed = ChangeRequestInput.safeParse(body);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    setError(null);
    try {
      const cr = await api.post<ChangeRequest>(`/indicators/${d.id}/change-requests`, body);
      if (file) await api.upload(`/indicator-change-requests/${cr.id}/file`, file);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} aria-label={t('indRequestChange')} data-testid="request-form">
      <h3>{t('indRequestChange')}</h3>
      <fieldset className="form-row">
        {(['change', 'remove'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="crKind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`indKind_${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'change' && (
        <div className="inline-form">
          <TextField label={t('indNewName')} name="crName" value={nameTh} onChange={setNameTh} />
          <TextField label={`${t('indNewAnnualTarget')} (${d.unit})`} name="crTarget" inputMode="decimal" value={target} onChange={setTarget} />
        </div>
      )}
      <TextField label={t('indReason')} name="crReason" multiline value={reason} onChange={setReason} />
      <div className="inline-form">
        <BeDatePicker label={t('indRequestedOn')} name="crDate" value={date} onChange={setDate} />
        <div className="field">
          <label htmlFor="cr-file">{t('indFile')}</label>
          <input id="cr-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
      </div>
      <button type="submit">{t('indSubmitRequest')}</button>
      {error && (
        <p className="error" role="alert" data-testid="request-error">
          {error}
        </p>
      )}
    </form>
  );
}
