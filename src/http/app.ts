import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/db.ts';
import { errorHandler } from './errors.ts';
import { referenceRoutes } from '../features/reference/reference.routes.ts';
import { projectRoutes } from '../features/projects/project.routes.ts';
import { ledgerRoutes } from '../features/budget/ledger.routes.ts';
import { reportRoutes } from '../features/reports/report.routes.ts';
import { importRoutes } from '../features/imports/import.routes.ts';

export interface AppOptions {
  db: Db;
  /** The built web UI to serve at /, if any. */
  webDir?: string | null;
  logger?: boolean;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
}

export type App = FastifyInstance;

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !opts.webDir) {
      void reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
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
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyMultipart, { limits: { fileSize: opts.maxUploadBytes ?? 50 * 1024 * 1024, files: 1 } });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await opts.db.query('SELECT 1');
    return { ok: true, database: opts.db.kind };
  });

  const deps = { db: opts.db };
  await app.register(
    async (api) => {
      await referenceRoutes(api, deps);
      await projectRoutes(api, deps);
      await ledgerRoutes(api, deps);
      await reportRoutes(api, deps);
      await importRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.webDir), wildcard: false });
  }
  return app;
}
