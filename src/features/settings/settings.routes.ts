import { ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { Settings, SettingsPatch } from './settings.schema.ts';
import { getSettings, updateSettings } from './settings.service.ts';

export async function settingsRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get('/settings', { schema: { tags: ['settings'], summary: 'Settings of this PADME', response: { 200: Settings } } }, async () =>
    getSettings(deps.db),
  );
  api.patch(
    '/settings',
    { schema: { tags: ['settings'], summary: 'Change settings (administrators)', body: SettingsPatch, response: { 200: Settings } } },
    async (req) => updateSettings(ctxOf(deps, req), req.body),
  );
}
