/** A form that posts {reason} to an endpoint (delete, restore): the reason is required, as the server requires it. */
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../api.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useT } from '../prefs.tsx';
import { TextField } from './TextField.tsx';

/** The server's schema for a reason (project and user delete/restore). */
export const ReasonInput = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) });

interface Props {
  title: string;
  hint?: string;
  path: string;
  submitLabel: string;
  danger?: boolean;
  onDone(): void;
  onCancel?: () => void;
}

export function ReasonForm({ title, hint, path, submitLabel, danger, onDone, onCancel }: Props) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = ReasonInput.safeParse({ reason });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await api.post(path, parsed.data);
      setReason('');
      onDone();
    } catch (e) {
      setErrors(apiFieldErrors(e, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      <TextField label={`${t('reason')} (${t('required')})`} name="reason" value={reason} onChange={setReason} error={errors.reason} multiline />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className={danger ? 'danger' : undefined} disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
