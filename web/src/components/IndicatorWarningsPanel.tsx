/**
 * The indicator warnings of an owner and fiscal year as of a date (GET /indicators/warnings): a
 * component no project supports, a latest result behind its target, a result missing for a period
 * ended; each links to its indicator's page. On the dashboard and the indicators page.
 */
import { Link } from 'wouter';
import { query } from '../api.ts';
import { warningText, type IndicatorWarnings } from '../indicators.ts';
import { useFmt, usePrefs, useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';
import { canReadIndicators } from '../permissions.ts';
import { useMe } from '../session.tsx';

interface Props {
  owner: string;
  fiscalYear: number;
  asOf: string;
}

/** Only for a signed-in reader of indicators (the public dashboard has none: the API would answer 401). */
export function IndicatorWarningsPanel(props: Props) {
  const me = useMe();
  return canReadIndicators(me) ? <Panel {...props} /> : null;
}

function Panel({ owner, fiscalYear, asOf }: Props) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const warnings = useApi<IndicatorWarnings>('/indicators/warnings', { owner, fiscalYear, asOf });
  const items = warnings.data?.items;
  return (
    <section className="panel warnings-panel" data-testid="indicator-warnings" aria-label={t('indWarningsTitle')}>
      <h2>
        <Link href={`/indicators${query({ owner, fy: fiscalYear, asOf })}`}>{t('indWarningsTitle')}</Link>
        {items && items.length > 0 && ` (${fmt.int(items.length)})`}
      </h2>
      {warnings.error && <p className="error">{warnings.error.message}</p>}
      {!items && !warnings.error && <p className="loading">{t('loading')}</p>}
      {items && items.length === 0 && (
        <p className="none" data-testid="no-indicator-warnings">
          {t('indNoWarnings')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul>
          {items.map((w, i) => (
            <li key={`${w.indicatorId}-${w.kind}-${w.component ?? ''}-${w.period ?? ''}-${i}`} data-testid="indicator-warning">
              <Link href={`/indicators/${w.indicatorId}${query({ asOf })}`}>{warningText(w, t, fmt, lang)}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
