/**
 * The recommendations of an owner's monitoring visits overdue as of a date
 * (GET /monitoring/recommendations/overdue): each with its days overdue, linking to its visit.
 */
import { Link } from 'wouter';
import type { OverdueRecommendations } from '../../../src/features/monitoring/monitoring.schema.ts';
import { useMT } from '../monitoring-i18n.ts';
import { useFmt } from '../prefs.tsx';
import { useSession } from '../session.tsx';
import { useApi } from '../useApi.ts';
import './monitoring.css';

export function OverdueRecommendationsPanel({ owner, asOf }: { owner: string; asOf: string }) {
  const mt = useMT();
  const fmt = useFmt();
  const { me } = useSession();
  // Visits are never public: without a session (public reports) there is no panel.
  const overdue = useApi<OverdueRecommendations>(me ? '/monitoring/recommendations/overdue' : null, { owner, asOf });
  const items = overdue.data?.items;
  // A role that may not read the owner's visits sees no panel rather than an error.
  if (!me || overdue.error?.status === 403) return null;
  return (
    <section className="panel overdue-panel" data-testid="overdue-recommendations" aria-label={mt('overdueRecs')}>
      <h2>
        {mt('overdueRecs')}
        {items && items.length > 0 && ` (${fmt.int(items.length)})`}
      </h2>
      {overdue.error && <p className="error">{overdue.error.message}</p>}
      {items && items.length === 0 && (
        <p className="none" data-testid="no-overdue">
          {mt('noOverdue')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul>
          {items.map((r) => (
            <li key={r.id} data-testid="overdue-item">
              <Link href={`/visits/${r.visitId}#rec-${r.id}`}>{fmt.digits(r.text)}</Link>
              <div className="muted">
                <span data-testid="overdue-days">{mt('daysOverdue', { n: fmt.int(r.daysOverdue) })}</span> ·{' '}
                {mt('dueOn', { date: fmt.date(r.dueDate) })} · {fmt.digits(r.responsible)} ·{' '}
                <Link href={`/projects/${encodeURIComponent(r.project)}`}>{r.project}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
