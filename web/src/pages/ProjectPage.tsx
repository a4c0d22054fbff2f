/** One project: its figures, ledger, status history, and the forms to change its status and record a disbursement. */
import { Link } from 'wouter';
import type { LedgerEntry, Project, StatusChange } from '../api.ts';
import { DisbursementForm } from '../components/DisbursementForm.tsx';
import { StatusChangeForm } from '../components/StatusChangeForm.tsx';
import { StatusLabel } from '../components/StatusLabel.tsx';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';

export default function ProjectPage({ code }: { code: string }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const path = `/projects/${encodeURIComponent(code)}`;
  const project = useApi<Project>(path);
  const ledger = useApi<LedgerEntry[]>(`${path}/ledger`);
  const history = useApi<StatusChange[]>(`${path}/status-history`);
  const reload = () => {
    project.reload();
    ledger.reload();
    history.reload();
  };
  if (project.error) return <p className="error">{project.error.message}</p>;
  const p = project.data;
  if (!p) return <p className="loading">{t('loading')}</p>;
  const owner = fmt.digits(lang === 'th' ? p.owner.nameTh : p.owner.nameEn);

  return (
    <div className="project">
      <p className="crumbs">
        <Link href="/projects">{t('navProjects')}</Link> › {fmt.digits(p.code)}
      </p>
      <h1 data-testid="project-name">{fmt.digits(p.nameTh)}</h1>
      <p className="subtitle">
        <Link href={`/?owner=${p.owner.code}&fy=${p.fiscalYear}&asOf=${p.asOf}`}>{owner}</Link> · {t('fiscalYear')} {fmt.int(p.fiscalYear)} ·{' '}
        <StatusLabel status={p.status} />
        {p.agency && <> · {fmt.digits(p.agency)}</>} · {t('asOf')} {fmt.date(p.asOf)}
      </p>
      <section className="cards" aria-label={t('figures')}>
        <Card label={t('budget')} value={fmt.money(p.budget)} testId="p-budget" />
        <Card label={t('allocatedAfter')} value={fmt.money(p.allocated)} testId="p-allocated" />
        <Card label={t('disbursed')} value={fmt.money(p.disbursed)} testId="p-disbursed" sub={`${t('percent')} ${fmt.percent(p.disbursedPercent)}`} />
        <Card label={t('remaining')} value={fmt.money(p.remaining)} testId="p-remaining" />
      </section>

      <div className="two-cols">
        <DisbursementForm code={p.code} onRecorded={reload} />
        <StatusChangeForm key={`${p.status}-${p.version}`} project={p} onChanged={reload} />
      </div>

      <section className="panel">
        <h2>{t('ledger')}</h2>
        <table className="table" data-testid="ledger">
          <thead>
            <tr>
              <th>{t('date')}</th>
              <th>{t('kind')}</th>
              <th className="num">{t('amount')}</th>
              <th>{t('ref')}</th>
              <th>{t('note')}</th>
              <th>{t('by')}</th>
            </tr>
          </thead>
          <tbody>
            {[...(ledger.data ?? [])]
              .sort((a, b) => a.date.localeCompare(b.date) || Number(a.id) - Number(b.id))
              .map((e) => (
                <tr key={e.id}>
                  <td>{fmt.date(e.date)}</td>
                  <td>{t(e.kind)}</td>
                  <td className="num">{fmt.money(e.amount)}</td>
                  <td>{fmt.digits(e.ref)}</td>
                  <td>{e.note}</td>
                  <td>{e.createdBy}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>

      <section className="panel">
        <h2>{t('statusHistory')}</h2>
        <table className="table" data-testid="status-history">
          <thead>
            <tr>
              <th>{t('date')}</th>
              <th>{t('fromTo')}</th>
              <th>{t('by')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.map((h, i) => (
              <tr key={i}>
                <td>{fmt.date(h.effectiveDate)}</td>
                <td>
                  {h.fromStatus ? <StatusLabel status={h.fromStatus} /> : '–'} → <StatusLabel status={h.toStatus} />
                </td>
                <td>{h.changedBy}</td>
                <td>{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Card({ label, value, testId, sub }: { label: string; value: string; testId: string; sub?: string }) {
  return (
    <div className="card">
      <div className="card-label">{label}</div>
      <div className="card-value" data-testid={testId}>
        {value}
      </div>
      {sub && <div className="card-sub">{sub}</div>}
    </div>
  );
}
