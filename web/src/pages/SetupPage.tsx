/** The one-time setup: creates the first administrator (while none exists), then signs in as it. */
import { useState } from 'react';
import { z } from 'zod';
import { Password, Username } from '../../../src/features/users/user.schema.ts';
import { api } from '../api.ts';
import { TextField } from '../components/TextField.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useT } from '../prefs.tsx';
import { useSession } from '../session.tsx';

const SetupInput = z.object({ username: Username, displayName: z.string().trim().min(1).max(200).optional(), password: Password });
const FIELDS = ['username', 'displayName', 'password'] as const;

export default function SetupPage() {
  const t = useT();
  const { signIn, refresh } = useSession();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', again: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  async function submit() {
    const parsed = SetupInput.safeParse({ ...form, displayName: form.displayName.trim() || undefined });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    if (form.password !== form.again) return setErrors({ again: t('passwordMismatch') });
    setErrors({});
    setBusy(true);
    try {
      await api.post('/auth/setup', parsed.data);
      await signIn(parsed.data.username, parsed.data.password);
    } catch (e) {
      setErrors(apiFieldErrors(e, FIELDS));
      setBusy(false);
      void refresh().catch(() => undefined);
    }
  }

  return (
    <form
      className="panel form narrow"
      aria-label={t('setupTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{t('setupTitle')}</h1>
      <p className="hint">{t('setupIntro')}</p>
      <TextField
        label={t('username')}
        name="username"
        autoComplete="username"
        value={form.username}
        onChange={(username) => set({ username })}
        error={errors.username}
      />
      <TextField
        label={t('displayName')}
        name="displayName"
        value={form.displayName}
        onChange={(displayName) => set({ displayName })}
        error={errors.displayName}
      />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(password) => set({ password })}
        error={errors.password}
      />
      <TextField
        label={t('passwordAgain')}
        name="again"
        type="password"
        autoComplete="new-password"
        value={form.again}
        onChange={(again) => set({ again })}
        error={errors.again}
      />
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('setupCreate')}
      </button>
    </form>
  );
}
