import { z } from 'zod';
import { systemActor } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Api, RouteDeps } from '../../http/deps.ts';
import { actorOf } from '../../http/deps.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../../http/auth.ts';
import { DEFAULT_SIGN_IN_POLICY, signIn, signOut, type SignInPolicy } from './auth.service.ts';
import { assignedProjects, createFirstAdmin, hasAdmin } from './user.service.ts';
import { Me, Password, SignInInput, Username } from './user.schema.ts';

export interface AuthRouteOptions {
  signInPolicy?: SignInPolicy;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
}

export async function authRoutes(api: Api, deps: RouteDeps & AuthRouteOptions): Promise<void> {
  const { db } = deps;
  api.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign in: sets an HttpOnly, SameSite=Strict session cookie', body: SignInInput, response: { 200: Me } },
    },
    async (req, reply) => {
      const s = await signIn(db, req.body.username, req.body.password, deps.signInPolicy ?? DEFAULT_SIGN_IN_POLICY);
      setSessionCookie(reply, s.token, s.expiresAt, !!deps.secureCookies);
      return {
        username: s.actor.username,
        displayName: s.displayName,
        role: s.actor.role as Me['role'],
        scope: s.actor.scopeCode,
        csrfToken: s.csrfToken,
        projects: await assignedProjects(db, s.actor),
      };
    },
  );

  api.post(
    '/auth/sign-out',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
    async (req, reply) => {
      const token = readCookie(req, SESSION_COOKIE);
      if (token) await signOut(db, token);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, with the CSRF token of the session', response: { 200: Me } } },
    async (req) => {
      const a = actorOf(req);
      if (a.role === 'system') throw new AppError('unauthorized', 'Sign in first');
      return {
        username: a.username,
        displayName: req.displayName ?? a.username,
        role: a.role,
        scope: a.scopeCode,
        csrfToken: req.csrfToken ?? null,
        projects: await assignedProjects(db, a),
      };
    },
  );

  api.get(
    '/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether the one-time setup (creating the first administrator) is open',
        response: { 200: z.object({ open: z.boolean() }) },
      },
    },
    async () => ({ open: !(await hasAdmin(db)) }),
  );

  api.post(
    '/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create the first administrator; works only while no administrator exists',
        body: z.object({ username: Username, displayName: z.string().trim().min(1).max(200).optional(), password: Password }),
        response: { 201: z.object({ username: z.string() }) },
      },
    },
    async (req, reply) => {
      const user = await createFirstAdmin({ db, actor: systemActor('setup') }, req.body);
      return reply.code(201).send({ username: user.username });
    },
  );
}
