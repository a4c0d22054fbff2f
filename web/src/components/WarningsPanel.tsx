/**
 * The warnings of the progress report of an owner as of a date (GET /reports/progress), grouped by
 * kind, in the reader's language; a project's warning links to the project's page.
 */
import { Link } from 'wouter';
import type { ProgressReport } from '../../../src/features/progress/progress.schema.ts';
import type { MessageKey } from '../i18n.ts';
import { useFmt, usePrefs, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';
import './dashboard-progress.css';

type Warning = ProgressReport['warnings'][number];

/** The kinds in the order shown: the owner's first, then the projects'. */
const KINDS: { kind: Warning['kind']; label: MessageKey }[] = [
  { kind: 'below_target', label: 'warnBelowTarget' },
  { kind: 'behind_plan', label: 'warnBehindPlan' },
  { kind: 'physical_behind_plan', label: 'warnPhysicalBehind' },
  { kind: 'report_overdue', label: 'warnReportOverdue' },
  { kind: 'no_commitment', label: 'warnNoCommitment' },
];

export function WarningsPanel({ owner, fiscalYear, asOf }: { owner: string; fiscalYear: number; asOf: string }) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const progress = useApi<ProgressReport>('/reports/progress', { owner, fiscalYear, asOf });
  const warnings = progress.data?.warnings;
  return (
    <section className="panel warnings-panel" data-testid="warnings" aria-label={t('warnings')}>
      <h2>{t('warnings')}</h2>
      {progress.error && <p className="error">{progress.error.message}</p>}
      {!warnings && !progress.error && <p className="loading">{t('loading')}</p>}
      {warnings && warnings.length === 0 && (
        <p className="none" data-testid="no-warnings">
          {t('noWarnings')}
        </p>
      )}
      {warnings &&
        KINDS.map(({ kind, label }) => {
          const group = warnings.filter((w) => w.kind === kind);
          if (!group.length) return null;
          return (
            <div key={kind} className="warning-group" data-testid={`warnings-${kind}`}>
              <h3>
                {t(label)} ({fmt.int(group.length)})
              </h3>
              <ul>
                {group.map((w, i) => {
                  const text = fmt.digits(lang === 'th' ? w.messageTh : w.message);
                  return (
                    <li key={`${w.project ?? w.category}-${i}`} data-testid="warning">
                      {w.project ? <Link href={`/projects/${encodeURIComponent(w.project)}`}>{text}</Link> : text}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
    </section>
  );
}
