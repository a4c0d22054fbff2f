import { z } from 'zod';
import { IsoDateString } from '../../core/schemas.ts';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { Milestone, MilestoneActualInput, Plan, PlanInput } from './plan.schema.ts';
import { createPlan, getPlan, listPlans, setMilestoneActual } from './plan.service.ts';

const CodeParam = z.object({ code: z.string().min(1).max(64) });

export async function planRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/projects/:code/plan',
    {
      schema: {
        tags: ['plans'],
        summary: 'The spending plan in force on a date (default today): monthly disbursement, physical progress, milestones',
        params: CodeParam,
        querystring: z.object({ asOf: IsoDateString.optional() }),
        response: { 200: Plan },
      },
    },
    async (req) => getPlan(deps.db, actorOf(req), req.params.code, req.query.asOf),
  );
  api.get(
    '/projects/:code/plans',
    { schema: { tags: ['plans'], summary: 'Every version of the plan, oldest first', params: CodeParam, response: { 200: z.array(Plan) } } },
    async (req) => listPlans(deps.db, actorOf(req), req.params.code),
  );
  api.post(
    '/projects/:code/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Save the plan, or a revision of it (with a reason) in force from its effective date',
        params: CodeParam,
        body: PlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(ctxOf(deps, req), req.params.code, req.body)),
  );
  api.post(
    '/projects/:code/milestones/:key/actual',
    {
      schema: {
        tags: ['plans'],
        summary: 'Record the actual start and end of a milestone',
        params: CodeParam.extend({ key: z.string().min(1).max(64) }),
        body: MilestoneActualInput,
        response: { 200: Milestone },
      },
    },
    async (req) => setMilestoneActual(ctxOf(deps, req), req.params.code, req.params.key, req.body),
  );
}
