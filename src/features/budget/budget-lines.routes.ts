import { z } from 'zod';
import { actorOf, ctxOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { BudgetLines, SetBudgetLinesInput } from './budget-lines.schema.ts';
import { getBudgetLines, setBudgetLines } from './budget-lines.service.ts';

const CodeParam = z.object({ code: z.string().min(1).max(64) });

export async function budgetLineRoutes(api: Api, deps: RouteDeps): Promise<void> {
  api.get(
    '/projects/:code/budget-lines',
    {
      schema: {
        tags: ['budget'],
        summary: "A project's budget by category (without lines: all operating)",
        params: CodeParam,
        response: { 200: BudgetLines },
      },
    },
    async (req) => getBudgetLines(deps.db, actorOf(req), req.params.code),
  );
  api.put(
    '/projects/:code/budget-lines',
    {
      schema: {
        tags: ['budget'],
        summary: "Set a project's budget by category (its budget becomes their sum), with a reason",
        params: CodeParam,
        body: SetBudgetLinesInput,
        response: { 200: BudgetLines },
      },
    },
    async (req) => setBudgetLines(ctxOf(deps, req), req.params.code, req.body),
  );
}
