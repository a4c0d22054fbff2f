/**
 * The performance-agreement indicators of an owner (cluster or province) for a fiscal year as of a
 * date: the agreement and its status (proposed and agreed by administrators), each indicator with
 * unit, direction, weight, targets, latest result, achievement, score and warnings, the weighted
 * score, creating and editing indicators while the agreement is a draft, and the ranking of the
 * clusters by their agreement score.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { fiscalYearEnd, fiscalYearOf, isIsoDate, todayIso } from '../../../src/core/dates.ts';
import { api, ApiError, query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { IndicatorForm } from '../components/IndicatorForm.tsx';
import { IndicatorWarningsPanel } from '../components/IndicatorWarningsPanel.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { defaultView, type View } from '../defaults.ts';
import { decText, periodText, warningText, type Agreement, type IndicatorRanking, type IndicatorReport } from '../indicators.ts';
import { canDecideIndicators, canWriteIndicators } from '../permissions.ts';
import { useFmt, usePrefs, useT } from '../prefs.tsx';
import { useReference } from '../reference.ts';
import { useMe } from '../session.tsx';
import { useApi } from '../useApi.ts';
import '../charts/indicators.css';

function viewFromUrl(search: string): Partial<View> {
  const s = new URLSearchParams(search);
  const fy = Number(s.get('fy'));
  const asOf = s.get('asOf') ?? '';
  return { owner: s.get('owner') || undefined, fy: Number.isInteger(fy) && fy > 2400 ? fy : undefined, asOf: isIsoDate(asOf) ? asOf : undefined };
}

export default function IndicatorsPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const t = useT();
  const fromUrl = viewFromUrl(search);
  const [fallback, setFallback] = useState<View | null>(null);
  useEffect(() => {
    if (!fromUrl.owner || !fromUrl.fy || !fromUrl.asOf) void defaultView().then(setFallback);
  }, [fromUrl.owner, fromUrl.fy, fromUrl.asOf]);
  const view: View | null =
    fromUrl.owner && fromUrl.fy && fromUrl.asOf
      ? (fromUrl as View)
      : fallback && { owner: fromUrl.owner ?? fallback.owner, fy: fromUrl.fy ?? fallback.fy, asOf: fromUrl.asOf ?? fallback.asOf };
  if (!view) return <p className="loading">{t('loading')}</p>;
  const go = (v: Partial<View>) => {
    const next = { ...view, ...v };
    navigate(`/indicators${query({ owner: next.owner, fy: next.fy, asOf: next.asOf })}`, { replace: true });
  };
  return <IndicatorsView view={view} go={go} />;
}

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

function IndicatorsView({ view, go }: { view: View; go(v: Partial<View>): void }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const me = useMe();
  const params = { owner: view.owner, fiscalYear: view.fy, asOf: view.asOf };
  const agreement = useApi<Agreement>('/agreements', params);
  const report = useApi<IndicatorReport>('/reports/indicators', params);
  const ranking = useApi<IndicatorRanking>('/reports/indicator-ranking', { fiscalYear: view.fy, asOf: view.asOf });
  const ref = useReference(fiscalYearEnd(view.fy));
  const [editing, setEditing] = useState<Editing>(null);
  const [tick, setTick] = useState(0);
  const a = agreement.data;
  const r = report.data;
  const status = a?.status ?? null;
  const writer = canWriteIndicators(me, view.owner, ref);
  const draft = status === null || status === 'draft';
  const reload = () => {
    agreement.reload();
    report.reload();
    ranking.reload();
    setTick((n) => n + 1);
  };
  const editingIndicator = editing?.kind === 'edit' ? a?.indicators.find((i) => i.id === editing.id) : undefined;

  return (
    <div className="indicators">
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={view.owner} date={view.asOf} onChange={(owner) => go({ owner })} />
        <FiscalYearSelect value={view.fy} onChange={(fy) => fy && go({ fy })} />
        <BeDatePicker label={t('asOf')} name="asOf" value={view.asOf} onChange={(asOf) => go({ asOf, fy: view.fy ?? fiscalYearOf(asOf) })} />
      </form>
      <h1>{t('indTitle')}</h1>
      {a && (
        <p className="subtitle" data-testid="agreement-owner">
          {fmt.digits(a.ownerNameTh)} · {t('fiscalYear')} {fmt.int(a.fiscalYear)} · {t('asOf')} {fmt.date(a.asOf)}
        </p>
      )}
      {(agreement.error ?? report.error) && <p className="error">{(agreement.error ?? report.error)?.message}</p>}

      {a && (
        <section className="panel" aria-label={t('indAgreement')}>
          <h2>{t('indAgreement')}</h2>
          <p>
            {t('status')}: <strong data-testid="agreement-status">{status ? t(`indStatus_${status}`) : t('indNoAgreement')}</strong>
          </p>
          {a.statusHistory.length > 0 && (
            <ul data-testid="agreement-history">
              {a.statusHistory.map((h, i) => (
                <li key={i}>
                  {t(`indStatus_${h.status}`)} · {fmt.date(h.date)} · {h.by}
                  {h.reason ? ` · ${h.reason}` : ''}
                </li>
              ))}
            </ul>
          )}
          {canDecideIndicators(me) && (status === 'draft' || status === 'proposed') && (
            <StatusAction owner={view.owner} fiscalYear={view.fy} to={status === 'draft' ? 'proposed' : 'agreed'} asOf={view.asOf} onDone={reload} />
          )}
        </section>
      )}

      {r && (
        <section className="panel" aria-label={t('indName')}>
          <h2>{t('indName')}</h2>
          <table className="table" data-testid="indicators-table">
            <thead>
              <tr>
                <th>{t('indCode')}</th>
                <th>{t('indName')}</th>
                <th>{t('indUnit')}</th>
                <th>{t('indDirection')}</th>
                <th className="num">{t('indWeight')}</th>
                <th className="num">{t('indAnnualTarget')}</th>
                <th>{t('indLatest')}</th>
                <th className="num">{t('indPeriodTarget')}</th>
                <th className="num">{t('indAchievement')}</th>
                <th className="num">{t('indScore')}</th>
                <th>{t('indWarnings')}</th>
                {writer && draft && <th />}
              </tr>
            </thead>
            <tbody>
              {r.indicators.map((l) => (
                <tr key={l.id} data-testid={`indicator-${l.code}`}>
                  <td className="code">
                    <Link href={`/indicators/${l.id}${query({ asOf: view.asOf })}`}>{l.code}</Link>
                  </td>
                  <td data-testid="name">
                    {fmt.digits(l.nameTh)}
                    {l.components.length > 0 && ` (${l.components.map((c) => c.nameTh).join(', ')})`}
                  </td>
                  <td>{l.unit}</td>
                  <td>{t(`indDir_${l.direction}`)}</td>
                  <td className="num">{decText(l.weight, fmt)}</td>
                  <td className="num" data-testid="annual-target">
                    {decText(l.annualTarget, fmt)}
                  </td>
                  <td data-testid="latest">{l.latest ? `${decText(l.latest.value, fmt)} (${periodText(l.latest.period, t, fmt)})` : '–'}</td>
                  <td className="num" data-testid="period-target">
                    {decText(l.latest?.target, fmt)}
                  </td>
                  <td className="num" data-testid="achievement">
                    {fmt.percent(l.latest?.achievement ?? null)}
                  </td>
                  <td className="num" data-testid="score">
                    {l.score === null ? '–' : fmt.digits(l.score)}
                  </td>
                  <td className={l.warnings.length ? 'warn' : ''} data-testid="warnings">
                    {l.warnings.map((w) => warningText(w, t, fmt, lang)).join('; ')}
                  </td>
                  {writer && draft && (
                    <td>
                      <button type="button" onClick={() => setEditing({ kind: 'edit', id: l.id })}>
                        {t('indEdit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="weighted-score">
            {t('indWeightedScore')}: <strong>{r.weightedScore === null ? t('indNotScored') : fmt.digits(r.weightedScore)}</strong> (
            {t('indScoredWeight', { scored: decText(r.scoredWeight, fmt), total: decText(r.totalWeight, fmt) })})
          </p>
          {writer && draft && !editing && (
            <button type="button" onClick={() => setEditing({ kind: 'new' })}>
              {t('indNew')}
            </button>
          )}
        </section>
      )}

      {editing && (editing.kind === 'new' || editingIndicator) && (
        <IndicatorForm
          key={editing.kind === 'edit' ? editing.id : 'new'}
          owner={view.owner}
          fiscalYear={view.fy}
          indicator={editingIndicator}
          onDone={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      <IndicatorWarningsPanel key={tick} owner={view.owner} fiscalYear={view.fy} asOf={view.asOf} />

      {ranking.data && (
        <section className="panel" aria-label={t('indRanking')}>
          <h2>{t('indRanking')}</h2>
          <table className="table" data-testid="indicator-ranking">
            <thead>
              <tr>
                <th className="num">{t('indRank')}</th>
                <th>{t('indCluster')}</th>
                <th className="num">{t('indWeightedScore')}</th>
                <th className="num">{t('indWeight')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.data.entries.map((e) => (
                <tr key={e.owner} className={e.owner === view.owner ? 'current' : ''}>
                  <td className="num">{e.rank === null ? '–' : fmt.int(e.rank)}</td>
                  <td>
                    <Link href={`/indicators${query({ owner: e.owner, fy: view.fy, asOf: view.asOf })}`}>{fmt.digits(e.nameTh)}</Link>
                  </td>
                  <td className="num">{e.weightedScore === null ? '–' : fmt.digits(e.weightedScore)}</td>
                  <td className="num">
                    {decText(e.scoredWeight, fmt)} / {decText(e.totalWeight, fmt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** An administrator moves the agreement one step (draft → proposed → agreed), dated. */
function StatusAction({
  owner,
  fiscalYear,
  to,
  asOf,
  onDone,
}: {
  owner: string;
  fiscalYear: number;
  to: 'proposed' | 'agreed';
  asOf: string;
  onDone(): void;
}) {
  const t = useT();
  const [date, setDate] = useState(asOf <= todayIso() ? asOf : todayIso());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/agreements/${encodeURIComponent(owner)}/${fiscalYear}/status`, { status: to, date });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="inline-form" data-testid="agreement-action">
      <BeDatePicker label={t('indStatusDate')} name="statusDate" value={date} onChange={setDate} error={error} />
      <button type="button" disabled={busy} onClick={() => void submit()}>
        {t(to === 'proposed' ? 'indPropose' : 'indAgree')}
      </button>
    </div>
  );
}
