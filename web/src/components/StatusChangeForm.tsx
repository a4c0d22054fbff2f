/** Change a project's status: only the transitions the domain allows are offered. */
import { useState } from 'react';
import { ChangeStatusInput } from '../../../src/features/projects/project.schema.ts';
import { allowedTransitions } from '../../../src/features/projects/project.status.ts';
import { todayIso } from '../../../src/core/dates.ts';
import { api, type Project } from '../api.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useT } from '../prefs.tsx';
import { BeDatePicker } from './BeDatePicker.tsx';
import { useStatusLabel } from './StatusLabel.tsx';
import { TextField } from './TextField.tsx';
import { ApiError } from '../api.ts';
import { ConflictNotice, changedFields } from './ConflictNotice.tsx';

/** The fields of a project a stale status change may have missed. */
const COMPARED = ['status', 'nameTh', 'agency', 'budget'] as const;

const FIELDS = ['status', 'date', 'reason'] as const;

export function StatusChangeForm({ project, onChanged }: { project: Project; onChanged(): void }) {
  const t = useT();
  const label = useStatusLabel();
  const allowed = allowedTransitions(project.status);
  const [status, setStatus] = useState<string>(allowed[0] ?? '');
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<ReturnType<typeof changedFields> | null>(null);

  if (allowed.length === 0) return <p className="panel">{t('finalStatus')}</p>;

  async function submit() {
    const parsed = ChangeStatusInput.safeParse({ status, date, reason: reason.trim() || undefined, version: project.version });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await api.post<Project>(`/projects/${encodeURIComponent(project.code)}/status`, parsed.data);
      setReason('');
      onChanged();
    } catch (e) {
      const current =
        e instanceof ApiError && e.code === 'conflict' ? (e.details as { current?: Record<string, unknown> } | null)?.current : undefined;
      if (current) setConflict(changedFields(project, current, COMPARED));
      else setErrors(apiFieldErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      aria-label={t('changeStatus')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('changeStatus')}</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="new-status">{t('newStatus')}</label>
          <select id="new-status" name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {allowed.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
          {errors.status && <div className="field-error">{errors.status}</div>}
        </div>
        <BeDatePicker label={t('date')} name="statusDate" value={date} onChange={setDate} error={errors.date} />
      </div>
      <TextField label={`${t('reason')} (${t('required')})`} name="reason" value={reason} onChange={setReason} error={errors.reason} multiline />
      {conflict && <ConflictNotice changes={conflict} onReload={onChanged} />}
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('save')}
      </button>
    </form>
  );
}
