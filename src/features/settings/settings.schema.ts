import { z } from 'zod';

export const Settings = z.object({
  publicReports: z.boolean().describe('aggregate reports (disbursement, ranking, dashboard) readable without signing in'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial();
