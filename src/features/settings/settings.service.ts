import type { Queryable } from '../../db/db.ts';
import type { Ctx } from '../../core/context.ts';
import { audit } from '../audit/audit.service.ts';
import { assertAdmin } from '../users/access.ts';
import { Settings, type Settings as SettingsT } from './settings.schema.ts';

const DEFAULTS: SettingsT = { publicReports: false };

export async function getSettings(q: Queryable): Promise<SettingsT> {
  const rows = await q.query<{ key: string; value: unknown }>('SELECT key, value FROM settings');
  return Settings.parse({ ...DEFAULTS, ...Object.fromEntries(rows.map((r) => [r.key, r.value])) });
}

export async function updateSettings(ctx: Ctx, patch: Partial<SettingsT>): Promise<SettingsT> {
  return ctx.db.transaction(async (tx) => {
    assertAdmin(ctx.actor, 'change settings');
    const before = await getSettings(tx);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === before[key as keyof SettingsT]) continue;
      await tx.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        [key, JSON.stringify(value)],
      );
      await audit(tx, ctx.actor, {
        action: 'update',
        entityType: 'setting',
        entityKey: key,
        before: { value: before[key as keyof SettingsT] },
        after: { value },
      });
    }
    return getSettings(tx);
  });
}
