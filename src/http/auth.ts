/**
 * Authentication at the edge: an API token (Authorization: Bearer) or a session cookie (with a
 * CSRF token on every write). Routes declare who may call them at all; what an actor may do
 * with a given project or owner is decided by the domain functions.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.ts';
import type { Actor } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { actorOfSession, actorOfToken } from '../features/users/auth.service.ts';
import { getSettings } from '../features/settings/settings.service.ts';

/** public: anyone; report: signed in, or anyone when public reports are on; user: signed in. */
export type Access = 'public' | 'report' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    csrfToken?: string;
    displayName?: string;
  }
}

export const SESSION_COOKIE = 'padme_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const PUBLIC_ACTOR: Actor = { username: 'public', role: 'viewer', scopeCode: null, userId: null, via: 'public' };

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  const attrs = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Expires=${expires.toUTCString()}`];
  if (secure) attrs.push('Secure');
  void reply.header('set-cookie', attrs.join('; '));
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

export function registerAuth(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (req) => {
    // By the route matched, not the URL as written (the router decodes %-escapes): the web UI's files,
    // the API docs and unknown paths (404) are public.
    if (!req.routeOptions.url?.startsWith('/api/v1/')) return;
    const access: Access = req.routeOptions.config?.access ?? 'user';
    const authorization = req.headers.authorization;
    if (authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const actor = token ? await actorOfToken(db, token) : null;
      if (!actor) throw new AppError('unauthorized', 'The API token is unknown or revoked');
      req.actor = actor;
      return;
    }
    const sessionToken = readCookie(req, SESSION_COOKIE);
    const session = sessionToken ? await actorOfSession(db, sessionToken) : null;
    if (session) {
      if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
        throw new AppError('forbidden', 'This request lacks the CSRF token of your session: reload the page and try again');
      }
      req.actor = session.actor;
      req.csrfToken = session.csrfToken;
      req.displayName = session.displayName;
      return;
    }
    if (access === 'public') return;
    if (access === 'report' && (await getSettings(db)).publicReports) {
      req.actor = PUBLIC_ACTOR;
      return;
    }
    throw new AppError('unauthorized', 'Sign in first, or send an API token as Authorization: Bearer …');
  });
}
