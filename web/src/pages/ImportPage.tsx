/** Import projects, disbursements, spending plans, monthly progress reports or indicator results from CSV/XLSX: a dry run first (row errors or "ready"), then the import. */
import { useState } from 'react';
import { ApiError, uploadImport, type ImportKind, type ImportResult, type RowError } from '../api.ts';
import { useFmt, useT } from '../prefs.tsx';
import { canImport } from '../permissions.ts';
import { useMe } from '../session.tsx';

type Kind = ImportKind;

const LABEL = {
  projects: 'importProjects',
  disbursements: 'importDisbursements',
  plans: 'importPlans',
  progress: 'importProgress',
  results: 'importResults',
} as const;

interface State {
  phase: 'idle' | 'checking' | 'checked' | 'importing' | 'imported' | 'rejected' | 'failed';
  progress: number;
  result?: ImportResult;
  errors?: RowError[];
  message?: string;
}

export default function ImportPage() {
  const t = useT();
  const fmt = useFmt();
  const me = useMe();
  const kinds = (['projects', 'disbursements', 'plans', 'progress', 'results'] as const).filter((k) => canImport(me, k));
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'projects');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle', progress: 0 });

  async function run(dryRun: boolean) {
    if (!file) return;
    setState({ phase: dryRun ? 'checking' : 'importing', progress: 0 });
    try {
      const result = await uploadImport(kind, file, dryRun, (progress) => setState((s) => ({ ...s, progress })));
      setState({ phase: dryRun ? 'checked' : 'imported', progress: 1, result });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null);
      setState({ phase: err.code === 'import_rejected' ? 'rejected' : 'failed', progress: 1, errors: err.rowErrors, message: err.message });
    }
  }

  const busy = state.phase === 'checking' || state.phase === 'importing';
  return (
    <div className="panel form narrow">
      <h1>{t('importTitle')}</h1>
      <fieldset className="form-row">
        <legend>{t('importKind')}</legend>
        {kinds.map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setState({ phase: 'idle', progress: 0 });
              }}
            />
            {t(LABEL[k])}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="import-file">{t('file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setState({ phase: 'idle', progress: 0 });
          }}
        />
      </div>
      <div className="actions">
        <button type="button" disabled={!file || busy} onClick={() => void run(true)}>
          {t('check')}
        </button>
        <button type="button" disabled={state.phase !== 'checked' || busy} onClick={() => void run(false)}>
          {t('doImport')}
        </button>
      </div>
      {state.phase !== 'idle' && (
        <div className="progress-row">
          <progress max={100} value={Math.round(state.progress * 100)} aria-label={t('uploading')} />
          <span>{fmt.int(Math.round(state.progress * 100))}%</span>
        </div>
      )}
      {state.phase === 'checked' && state.result && (
        <p className="ok" role="status" data-testid="import-status">
          {t('ready', { n: fmt.int(state.result.rows) })}
        </p>
      )}
      {state.phase === 'imported' && state.result && (
        <p className="ok" role="status" data-testid="import-status">
          {t('imported', { n: fmt.int(state.result.rows), added: fmt.int(state.result.added), unchanged: fmt.int(state.result.unchanged) })}
        </p>
      )}
      {(state.phase === 'rejected' || state.phase === 'failed') && (
        <p className="error" role="alert" data-testid="import-status">
          {state.message}
        </p>
      )}
      {state.errors && state.errors.length > 0 && (
        <table className="table" data-testid="row-errors">
          <thead>
            <tr>
              <th>{t('row')}</th>
              <th>{t('field')}</th>
              <th>{t('message')}</th>
            </tr>
          </thead>
          <tbody>
            {state.errors.map((e, i) => (
              <tr key={i}>
                <td>{fmt.int(e.row)}</td>
                <td>{e.field}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
