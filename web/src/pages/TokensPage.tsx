/** The signed-in user's API tokens: list, create (the token is shown once), revoke. */
import { useState } from 'react';
import { CreateTokenInput } from '../../../src/features/users/user.schema.ts';
import { api, type ApiToken, type CreatedToken } from '../api.ts';
import { TextField } from '../components/TextField.tsx';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../formErrors.ts';
import { useFmt, useT } from '../prefs.tsx';
import { useMe } from '../session.tsx';
import { useApi } from '../useApi.ts';

export default function TokensPage() {
  const t = useT();
  const fmt = useFmt();
  const me = useMe();
  const base = `/users/${encodeURIComponent(me?.username ?? '')}/tokens`;
  const tokens = useApi<ApiToken[]>(me ? base : null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  async function create() {
    const parsed = CreateTokenInput.safeParse({ name });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      setCreated(await api.post<CreatedToken>(base, parsed.data));
      setCopied(false);
      setName('');
      tokens.reload();
    } catch (e) {
      setErrors(apiFieldErrors(e, ['name']));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    try {
      await api.post(`${base}/${encodeURIComponent(id)}/revoke`);
      if (created?.id === id) setCreated(null);
      tokens.reload();
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    }
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div>
      <h1>{t('tokensTitle')}</h1>
      <p className="hint">{t('tokensIntro')}</p>
      <form
        className="panel form narrow"
        aria-label={t('createToken')}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <TextField label={t('tokenName')} name="name" value={name} onChange={setName} error={errors.name} />
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('createToken')}
        </button>
      </form>
      {created && (
        <div className="panel token-once" role="status" data-testid="new-token">
          <p>{t('tokenOnce')}</p>
          <p className="token-row">
            <code data-testid="token-value">{created.token}</code>
            <button type="button" onClick={() => void copy(created.token)}>
              {copied ? t('copied') : t('copy')}
            </button>
          </p>
        </div>
      )}
      <table className="table" data-testid="tokens">
        <thead>
          <tr>
            <th>{t('tokenName')}</th>
            <th>{t('prefix')}</th>
            <th>{t('createdAt')}</th>
            <th>{t('lastUsed')}</th>
            <th>{t('status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.error && (
            <tr>
              <td colSpan={6} className="error">
                {tokens.error.message}
              </td>
            </tr>
          )}
          {tokens.data?.length === 0 && (
            <tr>
              <td colSpan={6}>{t('noTokens')}</td>
            </tr>
          )}
          {tokens.data?.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>padme_{k.prefix}_…</code>
              </td>
              <td>{fmt.dateTime(k.createdAt)}</td>
              <td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('never')}</td>
              <td>{k.revokedAt ? t('revokedAt', { at: fmt.dateTime(k.revokedAt) }) : t('active')}</td>
              <td>
                {!k.revokedAt && (
                  <button type="button" className="secondary" onClick={() => void revoke(k.id)}>
                    {t('revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
