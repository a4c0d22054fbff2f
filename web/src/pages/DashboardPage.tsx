/** The dashboard of a cluster or province for a fiscal year as of a date. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { fiscalYearOf, isIsoDate } from '../../../src/core/dates.ts';
import { PROJECT_STATUSES } from '../../../src/features/projects/project.status.ts';
import type { Dashboard, Ranking } from '../api.ts';
import { query } from '../api.ts';
import { BeDatePicker } from '../components/BeDatePicker.tsx';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { StatusLabel } from '../components/StatusLabel.tsx';
import { WarningsPanel } from '../components/WarningsPanel.tsx';
import { OverdueRecommendationsPanel } from '../components/OverdueRecommendationsPanel.tsx';
import { IndicatorWarningsPanel } from '../components/IndicatorWarningsPanel.tsx';
import { CategorySplitTable } from '../components/CategorySplitTable.tsx';
import { defaultView, type View } from '../defaults.ts';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';
import { useReference } from '../reference.ts';

const CumulativeChart = lazy(() => import('../charts/CumulativeChart.tsx'));
const RankingChart = lazy(() => import('../charts/RankingChart.tsx'));
const ChoroplethMap = lazy(() => import('../charts/ChoroplethMap.tsx'));

function viewFromUrl(search: string): Partial<View> {
  const s = new URLSearchParams(search);
  const fy = Number(s.get('fy'));
  const asOf = s.get('asOf') ?? '';
  return {
    owner: s.get('owner') || undefined,
    fy: Number.isInteger(fy) && fy > 2400 ? fy : undefined,
    asOf: isIsoDate(asOf) ? asOf : undefined,
  };
}

export default function DashboardPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const fromUrl = viewFromUrl(search);
  const [fallback, setFallback] = useState<View | null>(null);
  useEffect(() => {
    if (!fromUrl.owner || !fromUrl.fy || !fromUrl.asOf) void defaultView().then(setFallback);
  }, [fromUrl.owner, fromUrl.fy, fromUrl.asOf]);
  const view: View | null =
    fromUrl.owner && fromUrl.fy && fromUrl.asOf
      ? (fromUrl as View)
      : fallback && { owner: fromUrl.owner ?? fallback.owner, fy: fromUrl.fy ?? fallback.fy, asOf: fromUrl.asOf ?? fallback.asOf };
  const t = useT();
  if (!view) return <p className="loading">{t('loading')}</p>;
  const go = (v: Partial<View>) => {
    const next = { ...view, ...v };
    navigate(`/${query({ owner: next.owner, fy: next.fy, asOf: next.asOf })}`, { replace: true });
  };
  return <DashboardView view={view} go={go} />;
}

function DashboardView({ view, go }: { view: View; go(v: Partial<View>): void }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const params = { owner: view.owner, fiscalYear: view.fy, asOf: view.asOf };
  const dash = useApi<Dashboard>('/reports/dashboard', params);
  const ranking = useApi<Ranking>('/reports/ranking', { fiscalYear: view.fy, asOf: view.asOf, level: 'cluster' });
  const [mapLevel, setMapLevel] = useState<'cluster' | 'province'>('cluster');
  const provinceRanking = useApi<Ranking>(mapLevel === 'province' ? '/reports/ranking' : null, {
    fiscalYear: view.fy,
    asOf: view.asOf,
    level: 'province',
  });
  const d = dash.data?.disbursement;
  const ownerName = d ? fmt.digits(lang === 'th' ? d.ownerNameTh : d.ownerNameEn) : '';
  const ref = useReference(view.asOf);
  // A province's dashboard highlights its cluster among the clusters.
  const ownerCluster = ref?.provinces.find((p) => p.code === view.owner)?.clusterCode ?? view.owner;

  return (
    <div className="dashboard">
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <OwnerSelect value={view.owner} date={view.asOf} onChange={(owner) => go({ owner })} />
        <FiscalYearSelect value={view.fy} onChange={(fy) => fy && go({ fy })} />
        <BeDatePicker label={t('asOf')} name="asOf" value={view.asOf} onChange={(asOf) => go({ asOf, fy: view.fy ?? fiscalYearOf(asOf) })} />
      </form>

      {dash.error && <p className="error">{dash.error.message}</p>}
      {d && (
        <>
          <h1 data-testid="owner-name">{ownerName}</h1>
          <p className="subtitle">
            {t('fiscalYear')} <span data-testid="fiscal-year">{fmt.int(d.fiscalYear)}</span> · {t('asOf')}{' '}
            <span data-testid="as-of">{fmt.date(d.asOf)}</span>
          </p>
          <section className="cards" aria-label={t('figures')}>
            <Figure label={t('allocated')} amount={fmt.money(d.allocated)} testId="allocated" unit={t('baht')} />
            <Figure
              label={t('disbursed')}
              amount={fmt.money(d.disbursed)}
              testId="disbursed"
              unit={t('baht')}
              percent={fmt.percent(d.disbursedPercent)}
              percentLabel={t('percent')}
            />
            <Figure
              label={t('remaining')}
              amount={fmt.money(d.remaining)}
              testId="remaining"
              unit={t('baht')}
              percent={fmt.percent(d.remainingPercent)}
              percentLabel={t('percent')}
            />
            <div className="card">
              <div className="card-label">{t('projectCount')}</div>
              <div className="card-value" data-testid="project-count">
                {fmt.int(d.projectCount)}
              </div>
              {dash.data?.rank && (
                <div className="card-sub" data-testid="rank">
                  {dash.data.rank.rank === null ? t('unranked') : t('rankOf', { rank: fmt.int(dash.data.rank.rank), of: fmt.int(dash.data.rank.of) })}
                  {dash.data.rank.rank !== null &&
                    dash.data.rank.ranked < dash.data.rank.of &&
                    ` ${t('rankedOnly', { ranked: fmt.int(dash.data.rank.ranked) })}`}
                </div>
              )}
            </div>
          </section>
        </>
      )}

      <div className="dash-grid">
        <div className="dash-main">
          {d && (
            <section className="panel">
              <h2>{t('statusCounts')}</h2>
              <ul className="status-counts">
                {PROJECT_STATUSES.filter((s) => d.statusCounts[s]).map((s) => (
                  <li key={s} data-testid={`status-${s}`}>
                    <StatusLabel status={s} /> <strong>{fmt.int(d.statusCounts[s] ?? 0)}</strong>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            {dash.data && (
              <section className="panel">
                <h2>{t('cumulative')}</h2>
                <CumulativeChart monthly={dash.data.monthly} planned={dash.data.planned} targets={dash.data.targets} fiscalYear={view.fy} />
              </section>
            )}
            {dash.data && <CategorySplitTable report={dash.data.disbursement} />}
            {ranking.data?.clusters && (
              <section className="panel">
                <h2>{t('ranking')}</h2>
                <RankingChart entries={ranking.data.clusters} current={ownerCluster} />
              </section>
            )}
          </Suspense>
        </div>
        <aside className="dash-side">
          {d && <OverdueRecommendationsPanel owner={view.owner} asOf={view.asOf} />}
          {d && <WarningsPanel owner={view.owner} fiscalYear={view.fy} asOf={view.asOf} />}
          {d && <IndicatorWarningsPanel owner={view.owner} fiscalYear={view.fy} asOf={view.asOf} />}
          {ranking.data && (
            <section className="panel">
              <h2>{t('map')}</h2>
              <div className="segmented" role="group">
                {(['cluster', 'province'] as const).map((l) => (
                  <button key={l} type="button" aria-pressed={mapLevel === l} onClick={() => setMapLevel(l)}>
                    {t(l === 'cluster' ? 'mapByCluster' : 'mapByProvince')}
                  </button>
                ))}
              </div>
              <Suspense fallback={<p className="loading">{t('loading')}</p>}>
                <ChoroplethMap
                  level={mapLevel}
                  ranking={mapLevel === 'cluster' ? ranking.data : provinceRanking.data}
                  current={view.owner}
                  date={view.asOf}
                  onPick={(owner) => go({ owner })}
                />
              </Suspense>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

interface FigureProps {
  label: string;
  amount: string;
  unit: string;
  testId: string;
  percent?: string;
  percentLabel?: string;
}

function Figure({ label, amount, unit, testId, percent, percentLabel }: FigureProps) {
  return (
    <div className="card">
      <div className="card-label">{label}</div>
      <div className="card-value">
        <span data-testid={testId}>{amount}</span> <span className="unit">{unit}</span>
      </div>
      {percent !== undefined && (
        <div className="card-sub">
          {percentLabel} <span data-testid={`${testId}-percent`}>{percent}</span>
        </div>
      )}
    </div>
  );
}
