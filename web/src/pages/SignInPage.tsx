/** Sign in with a username and password; the server's message on failure (wrong password, locked). */
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { TextField } from '../components/TextField.tsx';
import { useT } from '../prefs.tsx';
import { useSession } from '../session.tsx';

export default function SignInPage({ needed }: { needed?: boolean }) {
  const t = useT();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!username.trim() || !password) return;
    setError(null);
    setBusy(true);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form narrow sign-in"
      aria-label={t('signIn')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{t('signInTitle')}</h1>
      {needed && <p className="hint">{t('signInNeeded')}</p>}
      <TextField label={t('username')} name="username" autoComplete="username" required autoFocus value={username} onChange={setUsername} />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
