import { z } from 'zod';
import { IsoDateString } from '../../core/schemas.ts';

export const AuditQuery = z.object({
  entityType: z.string().trim().max(50).optional().describe('project, ledger_entry, user, api_token, setting'),
  entityKey: z.string().trim().max(200).optional().describe('e.g. a project code; ledger entries of a project are keyed CODE/kind/ref'),
  since: IsoDateString.optional().describe('records on or after this date'),
  limit: z.coerce.number().int().min(1).max(100000).default(1000),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditRecord = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityKey: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;
