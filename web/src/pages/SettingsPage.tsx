/** Settings (administrators): whether the aggregate reports are public. */
import { useState } from 'react';
import { api, type Settings } from '../api.ts';
import { useT } from '../prefs.tsx';
import { useApi } from '../useApi.ts';

export default function SettingsPage() {
  const t = useT();
  const settings = useApi<Settings>('/settings');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The change, shown at once while saving, then the server's answer. */
  const [override, setOverride] = useState<Partial<Settings>>({});
  const current = settings.data && { ...settings.data, ...override };

  async function set(patch: Partial<Settings>) {
    setBusy(true);
    setMessage(null);
    setOverride(patch);
    try {
      setOverride(await api.patch<Settings>('/settings', patch));
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setOverride({});
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel form narrow">
      <h1>{t('settingsTitle')}</h1>
      {settings.error && <p className="error">{settings.error.message}</p>}
      {current && (
        <label className="toggle">
          <input
            type="checkbox"
            name="publicReports"
            checked={current.publicReports}
            disabled={busy}
            onChange={(e) => void set({ publicReports: e.target.checked })}
          />
          {t('publicReports')}
        </label>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
