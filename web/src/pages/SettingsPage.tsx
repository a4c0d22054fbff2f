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

  async function set(patch: Partial<Settings>) {
    setBusy(true);
    setMessage(null);
    try {
      await api.patch<Settings>('/settings', patch);
      settings.reload();
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel form narrow">
      <h1>{t('settingsTitle')}</h1>
      {settings.error && <p className="error">{settings.error.message}</p>}
      {settings.data && (
        <label className="toggle">
          <input
            type="checkbox"
            name="publicReports"
            checked={settings.data.publicReports}
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
