/**
 * One project: its figures, ledger, status history and audit history, and the forms the user may use:
 * record a disbursement, change the status, delete (with a reason), restore (administrators).
 */
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { AuditRecord, LedgerEntry, Project, StatusChange } from '../api.ts';
import { DisbursementForm } from '../components/DisbursementForm.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { StatusChangeForm } from '../components/StatusChangeForm.tsx';
import { StatusLabel } from '../components/StatusLabel.tsx';
import { ProgressReportsPanel } from '../components/ProgressReportsPanel.tsx';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';
import { useMe } from '../session.tsx';
import { useProjectRights } from '../permissions.ts';
import { MESSAGES, type MessageKey } from '../i18n.ts';

const MESSAGE_KEYS = MESSAGES.th;

/** Whether the project is deleted now: its last delete or restore record says. */
function isDeleted(history: AuditRecord[] | null): boolean {
  const last = [...(history ?? [])].reverse().find((r) => r.entityType === 'project' && (r.action === 'delete' || r.action === 'restore'));
  return last?.action === 'delete';
}

export default function ProjectPage({ code }: { code: string }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const path = `/projects/${encodeURIComponent(code)}`;
  const project = useApi<Project>(path);
  const ledger = useApi<LedgerEntry[]>(`${path}/ledger`);
  const history = useApi<StatusChange[]>(`${path}/status-history`);
  const audit = useApi<AuditRecord[]>(`${path}/history`);
  const me = useMe();
  const [, navigate] = useLocation();
  const [deleting, setDeleting] = useState(false);
  const rights = useProjectRights(me, project.data);
  const reload = () => {
    project.reload();
    ledger.reload();
    history.reload();
    audit.reload();
  };
  if (project.error) return <p className="error">{project.error.message}</p>;
  const p = project.data;
  if (!p) return <p className="loading">{t('loading')}</p>;
  const owner = fmt.digits(lang === 'th' ? p.owner.nameTh : p.owner.nameEn);
  const deleted = isDeleted(audit.data);
  // Ledger entries are keyed CODE/kind/ref.
  const ledgerItem = (key: string) => {
    const [kind, ...ref] = key.split('/');
    return kind === 'disbursement' || kind === 'adjustment'
      ? `${t(kind)} ${fmt.digits(ref.join('/'))}`
      : `${t('entity_ledger_entry')} ${fmt.digits(key)}`;
  };
  const actionLabel = (a: string) => (`action_${a}` in MESSAGE_KEYS ? t(`action_${a}` as MessageKey) : a);

  return (
    <div className="project" data-rights={rights ? 'ready' : 'loading'}>
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

      {deleted && (
        <p className="error banner" role="status" data-testid="deleted-banner">
          {t('deletedBanner')}
        </p>
      )}
      {deleted && rights?.restore && <ReasonForm title={t('restoreProject')} path={`${path}/restore`} submitLabel={t('restore')} onDone={reload} />}
      {!deleted && rights && (rights.disburse || rights.manage) && (
        <div className="two-cols">
          {rights.disburse && <DisbursementForm code={p.code} onRecorded={reload} />}
          {rights.manage && <StatusChangeForm key={`${p.status}-${p.version}`} project={p} onChanged={reload} />}
        </div>
      )}

      {!deleted && <ProgressReportsPanel project={p} />}

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

      <section className="panel">
        <h2>{t('history')}</h2>
        <table className="table" data-testid="history">
          <thead>
            <tr>
              <th>{t('when')}</th>
              <th>{t('who')}</th>
              <th>{t('action')}</th>
              <th>{t('item')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.error && (
              <tr>
                <td colSpan={5} className="error">
                  {audit.error.message}
                </td>
              </tr>
            )}
            {audit.data?.map((r) => (
              <tr key={r.id}>
                <td>{fmt.dateTime(r.at)}</td>
                <td>{r.actor}</td>
                <td>{actionLabel(r.action)}</td>
                <td>{r.entityType === 'project' ? t('entity_project') : ledgerItem(r.entityKey.slice(p.code.length + 1))}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {!deleted && rights?.manage && (
        <div className="danger-zone">
          {deleting ? (
            <ReasonForm
              title={t('deleteProject')}
              hint={t('deleteHint')}
              path={`${path}/delete`}
              submitLabel={t('deleteProject')}
              danger
              onCancel={() => setDeleting(false)}
              onDone={() => {
                setDeleting(false);
                if (rights.restore) reload();
                else navigate('/projects');
              }}
            />
          ) : (
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              {t('deleteProject')}
            </button>
          )}
        </div>
      )}
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
