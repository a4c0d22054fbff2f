import { z } from 'zod';
import { ReasonBody } from '../../core/schemas.ts';
import { ctxOf, actorOf, type Api, type RouteDeps } from '../../http/deps.ts';
import { createToken, listTokens, revokeToken } from './auth.service.ts';
import { createUser, listUsers, setUserDeleted, updateUser } from './user.service.ts';
import { ApiToken, CreatedToken, CreateTokenInput, CreateUserInput, UpdateUserInput, User } from './user.schema.ts';

const UsernameParam = z.object({ username: z.string().min(1).max(64) });

export async function userRoutes(api: Api, deps: RouteDeps): Promise<void> {
  const { db } = deps;
  api.get('/users', { schema: { tags: ['users'], summary: 'Accounts (administrators)', response: { 200: z.array(User) } } }, async (req) =>
    listUsers(db, actorOf(req)),
  );

  api.post(
    '/users',
    { schema: { tags: ['users'], summary: 'Create an account (administrators)', body: CreateUserInput, response: { 201: User } } },
    async (req, reply) => reply.code(201).send(await createUser(ctxOf(deps, req), req.body)),
  );

  api.patch(
    '/users/:username',
    {
      schema: {
        tags: ['users'],
        summary: 'Change an account: role, scope, projects, password (administrators)',
        params: UsernameParam,
        body: UpdateUserInput,
        response: { 200: User },
      },
    },
    async (req) => updateUser(ctxOf(deps, req), req.params.username, req.body),
  );

  api.post(
    '/users/:username/delete',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete an account (soft: an administrator can restore it)',
        params: UsernameParam,
        body: ReasonBody,
        response: { 200: User },
      },
    },
    async (req) => setUserDeleted(ctxOf(deps, req), req.params.username, true, req.body.reason),
  );

  api.post(
    '/users/:username/restore',
    {
      schema: {
        tags: ['users'],
        summary: 'Restore a deleted account (administrators)',
        params: UsernameParam,
        body: ReasonBody,
        response: { 200: User },
      },
    },
    async (req) => setUserDeleted(ctxOf(deps, req), req.params.username, false, req.body.reason),
  );

  api.get(
    '/users/:username/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'API tokens of a user (oneself, or anyone for an administrator)',
        params: UsernameParam,
        response: { 200: z.array(ApiToken) },
      },
    },
    async (req) => listTokens(db, actorOf(req), req.params.username),
  );

  api.post(
    '/users/:username/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token: returned once, stored hashed',
        params: UsernameParam,
        body: CreateTokenInput,
        response: { 201: CreatedToken },
      },
    },
    async (req, reply) => reply.code(201).send(await createToken(ctxOf(deps, req), req.params.username, req.body.name)),
  );

  api.post(
    '/users/:username/tokens/:id/revoke',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: UsernameParam.extend({ id: z.string().max(20) }),
        response: { 200: ApiToken },
      },
    },
    async (req) => revokeToken(ctxOf(deps, req), req.params.username, req.params.id),
  );
}
