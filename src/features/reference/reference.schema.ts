import { z } from 'zod';

/** An owner is a cluster slug ("upper-north-1") or a province ("50" or "TH-50"). */
export const OwnerCode = z
  .string()
  .trim()
  .regex(/^(?:[a-z][a-z0-9-]*|\d{2}|TH-\d{2})$/i, 'owner must be a cluster code such as upper-north-1, or a province code such as 50 or TH-50')
  .transform((s) => (/^TH-\d{2}$/i.test(s) ? s.slice(3) : s.toLowerCase()));

export const Province = z.object({
  code: z.string(),
  iso: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  clusterCode: z.string().nullable(),
});
export type Province = z.infer<typeof Province>;

export const Cluster = z.object({
  scheme: z.string(),
  code: z.string(),
  no: z.number().int(),
  nameTh: z.string(),
  nameEn: z.string(),
  opsCenterProvinceCode: z.string().nullable(),
  confirmed: z.boolean(),
  provinceCodes: z.array(z.string()),
});
export type Cluster = z.infer<typeof Cluster>;

export const ReferenceQuery = z.object({
  date: z.iso.date().optional().describe('composition in force on this date (default: today)'),
});
