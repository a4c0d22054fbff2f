/** The project list: filters, word-aware search, sortable columns, pages and an XLSX export of the same filter. */
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { PROJECT_STATUSES, type ProjectStatus } from '../../../src/features/projects/project.status.ts';
import { todayIso } from '../../../src/core/dates.ts';
import { query, type ProjectList } from '../api.ts';
import { FiscalYearSelect } from '../components/FiscalYearSelect.tsx';
import { OwnerSelect } from '../components/OwnerSelect.tsx';
import { StatusLabel, useStatusLabel } from '../components/StatusLabel.tsx';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';

const PAGE = 20;
type Sort = 'code' | 'nameTh' | 'budget' | 'disbursed' | 'disbursedPercent' | 'status' | 'fiscalYear';

function filtersFrom(search: string) {
  const s = new URLSearchParams(search);
  const status = s.get('status');
  return {
    fiscalYear: s.get('fiscalYear') ?? '',
    owner: s.get('owner') ?? '',
    status: PROJECT_STATUSES.includes(status as ProjectStatus) ? (status as ProjectStatus) : '',
    q: s.get('q') ?? '',
    sort: (s.get('sort') as Sort | null) ?? 'code',
    order: s.get('order') === 'desc' ? 'desc' : 'asc',
    page: Math.max(0, Number(s.get('page') ?? 0) || 0),
  };
}
type Filters = ReturnType<typeof filtersFrom>;

export default function ProjectListPage() {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const statusLabel = useStatusLabel();
  const search = useSearch();
  const [, navigate] = useLocation();
  const f = filtersFrom(search);
  const [q, setQ] = useState(f.q);
  const set = (patch: Partial<Filters>) => navigate(`/projects${query({ ...f, page: 0, ...patch })}`, { replace: true });
  const apiFilters = { fiscalYear: f.fiscalYear, owner: f.owner, status: f.status, q: f.q, sort: f.sort, order: f.order };
  const list = useApi<ProjectList>('/projects', { ...apiFilters, limit: PAGE, offset: f.page * PAGE });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));

  const header = (key: Sort, label: string, numeric = false) => {
    const active = f.sort === key;
    return (
      <th className={numeric ? 'num' : undefined} aria-sort={active ? (f.order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort" onClick={() => set({ sort: key, order: active && f.order === 'asc' ? 'desc' : 'asc' })}>
          {label} {active ? (f.order === 'asc' ? '▲' : '▼') : ''}
        </button>
      </th>
    );
  };

  return (
    <div>
      <h1>{t('navProjects')}</h1>
      <form
        className="controls"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() });
        }}
      >
        <FiscalYearSelect allowAll value={f.fiscalYear ? Number(f.fiscalYear) : null} onChange={(fy) => set({ fiscalYear: fy ? String(fy) : '' })} />
        <OwnerSelect allowAll value={f.owner} date={todayIso()} onChange={(owner) => set({ owner })} />
        <div className="field">
          <label htmlFor="status-filter">{t('status')}</label>
          <select id="status-filter" value={f.status} onChange={(e) => set({ status: e.target.value as ProjectStatus | '' })}>
            <option value="">{t('allStatuses')}</option>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="q">{t('search')}</label>
          <div className="search-row">
            <input id="q" type="search" value={q} placeholder={t('searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
            <button type="submit">{t('search')}</button>
          </div>
        </div>
      </form>
      <p className="list-meta">
        <span data-testid="total">{list.data ? t('found', { n: fmt.int(list.data.total) }) : t('loading')}</span>
        <a className="button" href={`/api/v1/projects/export.xlsx${query(apiFilters)}`} download>
          {t('exportXlsx')}
        </a>
      </p>
      {list.error && <p className="error">{list.error.message}</p>}
      <table className="table">
        <thead>
          <tr>
            {header('code', t('code'))}
            {header('fiscalYear', t('fiscalYearShort'))}
            {header('nameTh', t('name'))}
            <th>{t('owner')}</th>
            {header('status', t('status'))}
            {header('budget', t('allocated'), true)}
            {header('disbursed', t('disbursed'), true)}
            {header('disbursedPercent', t('percent'), true)}
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((p) => (
            <tr key={p.code}>
              <td className="code">
                <Link href={`/projects/${encodeURIComponent(p.code)}`}>{fmt.digits(p.code)}</Link>
              </td>
              <td>{fmt.int(p.fiscalYear)}</td>
              <td className="project-name">{fmt.digits(p.nameTh)}</td>
              <td>{fmt.digits(lang === 'th' ? p.owner.nameTh : p.owner.nameEn)}</td>
              <td>
                <StatusLabel status={p.status} />
              </td>
              <td className="num">{fmt.money(p.allocated)}</td>
              <td className="num">{fmt.money(p.disbursed)}</td>
              <td className="num">{fmt.percent(p.disbursedPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager">
        <button type="button" disabled={f.page === 0} onClick={() => set({ page: f.page - 1 })}>
          {t('prev')}
        </button>
        <span>{t('page', { page: fmt.int(f.page + 1), pages: fmt.int(pages) })}</span>
        <button type="button" disabled={f.page + 1 >= pages} onClick={() => set({ page: f.page + 1 })}>
          {t('next')}
        </button>
      </nav>
    </div>
  );
}
