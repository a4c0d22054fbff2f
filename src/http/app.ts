import fs from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/db.ts';
import { errorHandler } from './errors.ts';
import { AppError } from '../core/errors.ts';
import { pathOfNul } from '../core/text.ts';
import { isDemo } from '../features/demo/demo.load.ts';
import { getSettings } from '../features/settings/settings.service.ts';
import { referenceRoutes } from '../features/reference/reference.routes.ts';
import { projectRoutes } from '../features/projects/project.routes.ts';
import { ledgerRoutes } from '../features/budget/ledger.routes.ts';
import { reportRoutes } from '../features/reports/report.routes.ts';
import { importRoutes } from '../features/imports/import.routes.ts';
import { authRoutes } from '../features/users/auth.routes.ts';
import { userRoutes } from '../features/users/user.routes.ts';
import { auditRoutes } from '../features/audit/audit.routes.ts';
import { settingsRoutes } from '../features/settings/settings.routes.ts';
import { budgetLineRoutes } from '../features/budget/budget-lines.routes.ts';
import { commitmentRoutes } from '../features/commitments/commitment.routes.ts';
import { planRoutes } from '../features/plans/plan.routes.ts';
import { progressRoutes } from '../features/progress/progress.routes.ts';
import { progressReportRoutes } from '../features/progress-reports/report.routes.ts';
import { monitoringRoutes } from '../features/monitoring/monitoring.routes.ts';
import { eventRoutes } from '../features/events/events.routes.ts';
import { indicatorRoutes } from '../features/indicators/indicators.routes.ts';
import { meetingRoutes } from '../features/meetings/meetings.routes.ts';
import type { SignInPolicy } from '../features/users/auth.service.ts';
import { registerAuth } from './auth.ts';

export interface AppOptions {
  db: Db;
  /** The built web UI to serve at /, if any. */
  webDir?: string | null;
  logger?: boolean;
  /** Largest upload accepted, in bytes (default 50 MiB). */
  maxUploadBytes?: number;
  /** Requests a client (IP address) may make per minute (default 1200). */
  rateLimitPerMinute?: number;
  signInPolicy?: SignInPolicy;
  /** Mark cookies Secure: set when PADME is served over HTTPS (PADME_SECURE_COOKIES=1). */
  secureCookies?: boolean;
}

export type App = FastifyInstance;

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyRateLimit, {
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    // What this returns is thrown: an AppError reaches the one error handler like any other.
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many requests: at most ${ctx.max} a minute. Try again in ${Math.ceil(ctx.ttl / 1000)} s.`),
  });
  // A NUL character cannot be stored in PostgreSQL text: refuse it at the edge, naming the field.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const path = pathOfNul(value);
      if (path !== null) throw new AppError('validation', `${path || part}: a NUL character (\\u0000) is not allowed`, { field: path || part });
    }
  });
  registerAuth(app, opts.db);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // An API route, or a missing file (an extension): 404. Any other path is a route of the web UI.
    if (path.startsWith('/api/') || !opts.webDir || /\.[a-z0-9]+$/i.test(path)) {
      void reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${path}` } });
      return;
    }
    // The web UI routes on the client: every other path gets its index page.
    void reply.sendFile('index.html');
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'PADME API',
        description:
          "Plans, projects, budget disbursement and rankings of Thailand's provincial clusters and provinces. Amounts are decimal strings of baht; dates are ISO; fiscal years are B.E.",
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'a personal API token (padme token create)' },
          session: { type: 'apiKey', in: 'cookie', name: 'padme_session', description: 'the web session; writes also need the X-CSRF-Token header' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyMultipart, { limits: { fileSize: opts.maxUploadBytes ?? 50 * 1024 * 1024, files: 1 } });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/v1/meta',
    {
      config: { access: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'About this PADME: whether it holds the demo data, whether reports are public',
        response: { 200: z.object({ demo: z.boolean(), database: z.enum(['pglite', 'postgres']), publicReports: z.boolean() }) },
      },
    },
    async () => ({
      demo: await isDemo(opts.db),
      database: opts.db.kind,
      publicReports: (await getSettings(opts.db)).publicReports,
    }),
  );
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await opts.db.query('SELECT 1');
    return { ok: true, database: opts.db.kind };
  });

  const deps = { db: opts.db };
  await app.register(
    async (api) => {
      await authRoutes(api, { ...deps, signInPolicy: opts.signInPolicy, secureCookies: opts.secureCookies });
      await userRoutes(api, deps);
      await auditRoutes(api, deps);
      await settingsRoutes(api, deps);
      await referenceRoutes(api, deps);
      await projectRoutes(api, deps);
      await ledgerRoutes(api, deps);
      await reportRoutes(api, deps);
      await importRoutes(api, deps);
      await budgetLineRoutes(api, deps);
      await commitmentRoutes(api, deps);
      await planRoutes(api, deps);
      await progressRoutes(api, deps);
      await progressReportRoutes(api, deps);
      await monitoringRoutes(api, deps);
      await eventRoutes(api, deps);
      await indicatorRoutes(api, deps);
      await meetingRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );

  if (opts.webDir && fs.existsSync(nodePath.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: nodePath.resolve(opts.webDir), wildcard: true });
  }
  return app;
}
