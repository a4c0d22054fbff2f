import { z } from 'zod';
import { IsoDateString, ReasonBody } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { Commitment, CommitmentCancellation, CommitmentCorrection, CommitmentInput, ProjectCommitments } from './commitment.schema.ts';
import { cancelCommitment, correctCommitment, deleteCommitment, listCommitments, recordCommitment } from './commitment.service.ts';

const CodeParam = z.object({ code: z.string().min(1).max(64) });
const NumberParams = CodeParam.extend({ number: z.string().min(1).max(100) });
const Outcome = z.object({ outcome: z.enum(['added', 'unchanged']) });

export async function commitmentRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/projects/:code/commitments',
    {
      schema: {
        tags: ['commitments'],
        summary: "A project's commitments (contracts, purchase orders) with committed, disbursed against them and uncommitted as of a date",
        params: CodeParam,
        querystring: z.object({ asOf: IsoDateString.optional() }),
        response: { 200: ProjectCommitments },
      },
    },
    async (req) => listCommitments(deps.db, actorOf(req), req.params.code, req.query.asOf),
  );
  api.post(
    '/projects/:code/commitments',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Record a commitment; refused above the uncommitted balance. The same number with the same values again is a no-op.',
        params: CodeParam,
        body: CommitmentInput,
        response: { 201: Outcome, 200: Outcome },
      },
    },
    async (req, reply) => {
      const outcome = await recordCommitment(ctxOf(deps, req), req.params.code, req.body);
      return reply.code(outcome === 'added' ? 201 : 200).send({ outcome });
    },
  );

  api.patch(
    '/projects/:code/commitments/:number',
    {
      schema: {
        tags: ['commitments'],
        summary:
          "Correct a commitment's date, vendor, amount, kind or note, with a reason: the record is fixed for every date (the old values stay in the audit trail); refused above the uncommitted balance on any date or below what was paid against it",
        params: NumberParams,
        body: CommitmentCorrection,
        response: { 200: Commitment },
      },
    },
    async (req) => correctCommitment(ctxOf(deps, req), req.params.code, req.params.number, req.body),
  );
  api.post(
    '/projects/:code/commitments/:number/cancel',
    {
      schema: {
        tags: ['commitments'],
        summary:
          'Cancel a commitment from a date, with a reason: figures before that date keep it in full; from it only what was paid against it counts, the rest is uncommitted again',
        params: NumberParams,
        body: CommitmentCancellation,
        response: { 200: Commitment },
      },
    },
    async (req) => cancelCommitment(ctxOf(deps, req), req.params.code, req.params.number, req.body),
  );
  api.post(
    '/projects/:code/commitments/:number/delete',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Delete a commitment (soft, with a reason); refused while disbursements are paid against it',
        params: NumberParams,
        body: ReasonBody,
        response: { 200: Commitment },
      },
    },
    async (req) => deleteCommitment(ctxOf(deps, req), req.params.code, req.params.number, req.body.reason),
  );
}
