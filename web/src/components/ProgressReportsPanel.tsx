/**
 * The monthly progress reports of a project (รายงานความก้าวหน้า): each month's report with its
 * status and, when returned, the reviewer's reason in plain sight; the form to save a draft or
 * submit (validated with the API's own schema); photos and PDF files (a phone offers its camera);
 * and, for an officer who may review it, Accept or Return with a reason.
 */
import { useId, useState } from 'react';
import { ProgressReportInput, ReviewInput, type MonthlyReport, type ReportFile } from '../../../src/features/progress-reports/report.schema.ts';
import { nextMonth } from '../../../src/features/progress-reports/report.rules.ts';
import { INLINE_MEDIA_TYPES } from '../../../src/features/progress-reports/report-files.rules.ts';
import { fiscalYearEnd, fiscalYearStart, todayIso } from '../../../src/core/dates.ts';
import { api, ApiError, type Me, type Project } from '../api.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useProjectRights } from '../permissions.ts';
import { useFmt, useT } from '../prefs.tsx';
import { useMe } from '../session.tsx';
import { useApi } from '../useApi.ts';
import type { MessageKey } from '../i18n.ts';
import { TextField } from './TextField.tsx';

const FIELDS = ['percent', 'done', 'obstacles', 'solutions', 'helpRequested'] as const;
type Field = (typeof FIELDS)[number];

/** The months of the project's fiscal year that have begun, oldest first. */
function reportableMonths(fiscalYear: number): string[] {
  const last = [fiscalYearEnd(fiscalYear).slice(0, 7), todayIso().slice(0, 7)].sort()[0]!;
  const out: string[] = [];
  for (let m = fiscalYearStart(fiscalYear).slice(0, 7); m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

const reportsPath = (code: string) => `/projects/${encodeURIComponent(code)}/progress-reports`;
const fileUrl = (code: string, month: string, id: string) => `/api/v1${reportsPath(code)}/${month}/files/${id}`;

export function ProgressReportsPanel({ project }: { project: Project }) {
  const t = useT();
  const fmt = useFmt();
  const me = useMe();
  const rights = useProjectRights(me, project);
  const reports = useApi<MonthlyReport[]>(reportsPath(project.code));
  const [month, setMonth] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text?: string) => {
    setNotice(text ?? null);
    reports.reload();
  };
  const canReport = !!rights?.disburse && project.status !== 'cancelled';
  const list = [...(reports.data ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  const free = reportableMonths(project.fiscalYear).filter((m) => !list.some((r) => r.month === m));
  const monthId = useId();

  return (
    <section className="panel progress-reports" data-testid="progress-reports">
      <h2>{t('progressReports')}</h2>
      {reports.error && <p className="error">{reports.error.message}</p>}
      {notice && (
        <p className="ok" role="status" data-testid="report-notice">
          {notice}
        </p>
      )}
      {reports.data && list.length === 0 && <p>{t('noReports')}</p>}
      {list.map((r) => (
        <ReportCard
          key={`${r.month}-${r.version}`}
          project={project}
          report={r}
          me={me}
          canReport={canReport}
          canReview={!!rights?.manage}
          onChanged={changed}
        />
      ))}
      {canReport && reports.data && free.length > 0 && (
        <div className="report-new" data-testid="report-new">
          <h3>{t('newReport')}</h3>
          <div className="field">
            <label htmlFor={monthId}>{t('reportMonth')}</label>
            <select id={monthId} name="month" value={month} onChange={(e) => setMonth(e.target.value)}>
              <option value="">{t('chooseMonth')}</option>
              {free.map((m) => (
                <option key={m} value={m}>
                  {fmt.monthYear(m)}
                </option>
              ))}
            </select>
          </div>
          {month && (
            <ReportForm
              key={month}
              code={project.code}
              month={month}
              onSaved={(text) => {
                setMonth('');
                changed(text);
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

function ReportCard({
  project,
  report: r,
  me,
  canReport,
  canReview,
  onChanged,
}: {
  project: Project;
  report: MonthlyReport;
  me: Me | null;
  canReport: boolean;
  canReview: boolean;
  onChanged(notice?: string): void;
}) {
  const t = useT();
  const fmt = useFmt();
  const editable = canReport && (r.status === 'draft' || r.status === 'returned');
  const reviewable = canReview && r.status === 'submitted' && r.submittedBy !== me?.username;
  const texts: [MessageKey, string][] = [
    ['reportDone', r.done],
    ['reportObstacles', r.obstacles],
    ['reportSolutions', r.solutions],
    ['reportHelp', r.helpRequested],
  ];
  return (
    <article className={`report report-${r.status}`} data-testid={`report-${r.month}`}>
      <h3>
        {t('reportOf', { month: fmt.monthYear(r.month) })}{' '}
        <span className={`report-status report-status-${r.status}`} data-testid="report-status">
          {t(`reportStatus_${r.status}`)}
        </span>
      </h3>
      {r.status === 'returned' && r.returnReason && (
        <p className="error banner" role="alert" data-testid="return-reason">
          {t('returnedBecause', { by: r.reviewedBy ?? '', reason: r.returnReason })}
        </p>
      )}
      {r.submittedBy && r.submittedAt && (
        <p className="report-meta">
          {t('submittedBy')} {r.submittedBy} · {t('submittedAt')} {fmt.dateTime(r.submittedAt)}
        </p>
      )}
      {editable ? (
        <ReportForm code={project.code} month={r.month} report={r} onSaved={onChanged} />
      ) : (
        <dl className="report-texts">
          <dt>{t('physicalPercent')}</dt>
          <dd data-testid="report-percent">{fmt.percent(r.percent)}</dd>
          {texts.map(([label, text]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{text || '–'}</dd>
            </div>
          ))}
        </dl>
      )}
      <ReportFiles code={project.code} report={r} editable={editable} onChanged={onChanged} />
      {reviewable && <ReviewForm code={project.code} month={r.month} onDone={onChanged} />}
    </article>
  );
}

/** Save a draft or submit the report of a month (a new one, or a draft or returned one). */
function ReportForm({ code, month, report, onSaved }: { code: string; month: string; report?: MonthlyReport; onSaved(notice: string): void }) {
  const t = useT();
  const fmt = useFmt();
  const [values, setValues] = useState<Record<Field, string>>({
    percent: report?.percent ?? '',
    done: report?.done ?? '',
    obstacles: report?.obstacles ?? '',
    solutions: report?.solutions ?? '',
    helpRequested: report?.helpRequested ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (f: Field) => (v: string) => setValues((old) => ({ ...old, [f]: v }));

  async function save(submit: boolean) {
    const body = { ...values, percent: values.percent.trim(), submit, version: report?.version };
    const parsed = ProgressReportInput.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.put<MonthlyReport>(`${reportsPath(code)}/${month}`, body);
      onSaved(t(submit ? 'reportSent' : 'draftSaved'));
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form report-form"
      aria-label={t('reportOf', { month: fmt.monthYear(month) })}
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <TextField
        label={t('physicalPercent')}
        name="percent"
        inputMode="decimal"
        value={values.percent}
        onChange={set('percent')}
        error={errors.percent}
      />
      <TextField label={t('reportDone')} name="done" value={values.done} onChange={set('done')} error={errors.done} multiline />
      <TextField
        label={t('reportObstacles')}
        name="obstacles"
        value={values.obstacles}
        onChange={set('obstacles')}
        error={errors.obstacles}
        multiline
      />
      <TextField
        label={t('reportSolutions')}
        name="solutions"
        value={values.solutions}
        onChange={set('solutions')}
        error={errors.solutions}
        multiline
      />
      <TextField
        label={t('reportHelp')}
        name="helpRequested"
        value={values.helpRequested}
        onChange={set('helpRequested')}
        error={errors.helpRequested}
        multiline
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="secondary" disabled={busy}>
          {t('saveDraft')}
        </button>
        <button type="button" disabled={busy} onClick={() => void save(true)}>
          {t('submitReport')}
        </button>
      </div>
    </form>
  );
}

/** The report's photos (thumbnails) and documents (links); attach and remove while the report may change. */
function ReportFiles({ code, report, editable, onChanged }: { code: string; report: MonthlyReport; editable: boolean; onChanged(): void }) {
  const t = useT();
  const fmt = useFmt();
  const inputId = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function upload(files: File[]) {
    setBusy(true);
    const failed: string[] = [];
    // One request a file, in order: each is checked (type by content, size, count) on its own.
    for (const f of files) {
      try {
        await api.upload<ReportFile>(`${reportsPath(code)}/${report.month}/files`, f);
      } catch (e) {
        failed.push(e instanceof ApiError ? e.message : String(e));
      }
    }
    setErrors(failed);
    setBusy(false);
    onChanged();
  }

  async function remove(f: ReportFile) {
    try {
      await api.post(`${reportsPath(code)}/${report.month}/files/${f.id}/delete`);
      setErrors([]);
    } catch (e) {
      setErrors([e instanceof ApiError ? e.message : String(e)]);
    }
    onChanged();
  }

  return (
    <div className="report-files" data-testid="report-files">
      <h4>{t('reportFiles')}</h4>
      {report.files.length === 0 && <p className="muted">{t('noFiles')}</p>}
      <ul className="file-list">
        {report.files.map((f) => {
          const url = fileUrl(code, report.month, f.id);
          return (
            <li key={f.id} data-testid="report-file">
              {INLINE_MEDIA_TYPES.includes(f.mediaType) ? (
                <a href={url} target="_blank" rel="noreferrer">
                  <img className="thumb" src={url} alt={f.name} loading="lazy" />
                </a>
              ) : (
                <a href={url} download={f.name}>
                  📄 {f.name}
                </a>
              )}
              <span className="file-meta">
                {f.name} · {fmt.int(Math.ceil(f.size / 1024))} KB
              </span>
              {editable && (
                <button type="button" className="secondary" aria-label={t('removeFile', { name: f.name })} onClick={() => void remove(f)}>
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {editable && (
        <div className="field">
          <label htmlFor={inputId}>{t('addFiles')}</label>
          <input
            id={inputId}
            type="file"
            name="files"
            accept="image/*,application/pdf"
            capture="environment"
            multiple
            disabled={busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) void upload(files);
            }}
          />
        </div>
      )}
      {errors.map((m, i) => (
        <p key={i} className="error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

/** Accept a submitted report, or return it with a reason (required). */
function ReviewForm({ code, month, onDone }: { code: string; month: string; onDone(notice: string): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function review(decision: 'accept' | 'return') {
    const body = { decision, reason: reason.trim() || undefined };
    const parsed = ReviewInput.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.post<MonthlyReport>(`${reportsPath(code)}/${month}/review`, body);
      onDone(t(`reviewDone_${decision}`));
    } catch (e) {
      setErrors(apiFieldErrors(e, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form review-form" aria-label={t('returnReport')} onSubmit={(e) => e.preventDefault()}>
      <TextField label={t('returnReason')} name="reason" value={reason} onChange={setReason} error={errors.reason} multiline />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="buttons">
        <button type="button" disabled={busy} onClick={() => void review('accept')}>
          {t('acceptReport')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void review('return')}>
          {t('returnReport')}
        </button>
      </div>
    </form>
  );
}
