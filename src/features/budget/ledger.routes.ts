import { z } from 'zod';
import { ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { AdjustmentInput, DisbursementInput, LedgerEntry, UpdateEntryInput } from './ledger.schema.ts';
import { listLedger, recordAdjustment, recordDisbursement, setEntryDeleted, updateEntry } from './ledger.service.ts';

const CodeParam = z.object({ code: z.string().min(1).max(64) });
const Outcome = z.object({ outcome: z.enum(['added', 'unchanged']) });

export async function ledgerRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/projects/:code/ledger',
    {
      schema: {
        tags: ['budget'],
        summary: 'The budget ledger of a project: adjustments and disbursements by date',
        params: CodeParam,
        response: { 200: z.array(LedgerEntry) },
      },
    },
    async (req) => listLedger(deps.db, actorOf(req), req.params.code),
  );

  api.post(
    '/projects/:code/disbursements',
    {
      schema: {
        tags: ['budget'],
        summary: 'Record a disbursement (negative: a return of funds). The same ref with the same values again is a no-op.',
        params: CodeParam,
        body: DisbursementInput,
        response: { 201: Outcome, 200: Outcome },
      },
    },
    async (req, reply) => {
      const outcome = await recordDisbursement(ctxOf(deps, req), req.params.code, req.body);
      return reply.code(outcome === 'added' ? 201 : 200).send({ outcome });
    },
  );

  api.post(
    '/projects/:code/adjustments',
    {
      schema: {
        tags: ['budget'],
        summary: 'Record a dated budget adjustment (transfer) with its reason',
        params: CodeParam,
        body: AdjustmentInput,
        response: { 201: Outcome, 200: Outcome },
      },
    },
    async (req, reply) => {
      const outcome = await recordAdjustment(ctxOf(deps, req), req.params.code, req.body);
      return reply.code(outcome === 'added' ? 201 : 200).send({ outcome });
    },
  );

  const EntryParam = CodeParam.extend({ id: z.string().max(20) });

  api.post(
    '/projects/:code/ledger/:id/delete',
    {
      schema: {
        tags: ['budget'],
        summary: 'Delete a ledger entry (soft, with a reason; the ledger rules still hold)',
        params: EntryParam,
        body: ReasonBody,
        response: { 200: LedgerEntry },
      },
    },
    async (req) => setEntryDeleted(ctxOf(deps, req), req.params.code, req.params.id, true, req.body.reason),
  );

  api.post(
    '/projects/:code/ledger/:id/restore',
    {
      schema: {
        tags: ['budget'],
        summary: 'Restore a deleted ledger entry (administrators)',
        params: EntryParam,
        body: ReasonBody,
        response: { 200: LedgerEntry },
      },
    },
    async (req) => setEntryDeleted(ctxOf(deps, req), req.params.code, req.params.id, false, req.body.reason),
  );

  api.patch(
    '/projects/:code/ledger/:id',
    {
      schema: {
        tags: ['budget'],
        summary: 'Correct a ledger entry (date, amount, ref, note) with a reason; send the version you read',
        params: EntryParam,
        body: UpdateEntryInput,
        response: { 200: LedgerEntry },
      },
    },
    async (req) => updateEntry(ctxOf(deps, req), req.params.code, req.params.id, req.body),
  );
}
