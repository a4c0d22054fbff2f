/** After a 409 for a stale version: what changed meanwhile (the value read → the value now), and a reload. */
import { useT } from '../prefs.tsx';

type Values = Record<string, unknown>;

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : String(v));

export function changedFields(read: Values, current: Values, fields: readonly string[]): { field: string; was: string; now: string }[] {
  return fields.filter((f) => shown(read[f]) !== shown(current[f])).map((f) => ({ field: f, was: shown(read[f]), now: shown(current[f]) }));
}

export function ConflictNotice({ changes, onReload }: { changes: { field: string; was: string; now: string }[]; onReload(): void }) {
  const t = useT();
  return (
    <div className="error" role="alert" data-testid="conflict">
      <p>{t('changedMeanwhile')}</p>
      <ul>
        {changes.map((c) => (
          <li key={c.field}>
            {c.field}: {c.was} → {c.now}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onReload}>
        {t('reloadLatest')}
      </button>
    </div>
  );
}
