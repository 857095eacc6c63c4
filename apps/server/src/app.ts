/**
 * buildApp(): Fastify with the platform's plugins and every module's routes. The same app
 * serves the API, Open311, the portal and the console.
 */
import { forgetAuth } from './platform/auth/token-cache.ts';
import fs from 'node:fs';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import './platform/http/plugin-types.ts';
import type { Ctx } from './platform/context.ts';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './platform/http/errors.ts';
import { installBodyParsers } from './platform/http/body.ts';
import { validateRequest } from './platform/http/validation.ts';
import { AppError } from './platform/http/problem.ts';
import { checkCsrf, resolveActor } from './platform/auth/sessions.ts';
import { assertRouteAccess, publicActor } from './platform/authz.ts';
import { accessExtensions, installRouteAccess } from './platform/http/route-access.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { orgRoutes } from './platform/orgs/orgs.routes.ts';
import { userRoutes } from './platform/orgs/users.routes.ts';
import { calendarRoutes } from './platform/time/calendar.routes.ts';
import { caseRoutes } from './platform/cases/cases.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { metricRoutes } from './platform/metrics/metrics.routes.ts';
import { fileRoutes } from './platform/files/files.routes.ts';
import { notificationRoutes } from './platform/notifications/notifications.routes.ts';
import { systemRoutes } from './platform/system.routes.ts';
import { settingsRoutes } from './platform/settings/settings.ts';
import { designationRoutes } from './platform/orgs/designations.ts';

export type App = FastifyInstance;

/** Routes whose state changes may change who may do what (users, grants, tokens, orgs, passwords). */
const AUTH_WRITES = /^\/api\/v1\/(users|tokens|orgs|auth)(\/|$)/;

export async function buildApp(ctx: Ctx, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{8,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : crypto.randomUUID()),
    // X-Forwarded-For only from the configured proxies (TRUST_PROXY); none by default, so req.ip is the peer.
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    // Errors before a route is found (bad %-escapes, over-long parameters) and connection-level ones are problem+json too.
    frameworkErrors: frameworkErrors((err, req, reply) => ctx.registry.modules.some((m) => m.frameworkError?.(err, req, reply))),
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // Validation is done by validateRequest (all parts at once); the compiler only passes data on.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installBodyParsers(app);

  await app.register(cookie);
  // Security headers on every reply: helmet's middleware built once (@fastify/helmet built it again for every request:
  // ~25 µs and two hooks a request, issue 12) and run first, before the routes' own hooks.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'], connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'yifa 依法 API', version: '0.1.0', description: '县级法治政府运行平台 API。错误一律为 application/problem+json。'
        + 'Open311 GeoReport v2 另见 /open311/v2/（不在此列出）：POST requests 也接受 multipart/form-data，文件字段 media 为一张 JPG/PNG 照片'
        + '（FixMyStreet 扩展，大小限制同热线网上诉求），随工单在同一事务中保存为附件，不通过 Open311 输出；media_url 仅为客户端提供的网址。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yifa_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // Each operation says who may call it: x-access, x-permissions and x-token-scopes (from the manifests' routeAccess).
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      return { ...out, schema: { ...out.schema, ...accessExtensions(args.route.config as never) } };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const routeAccess = installRouteAccess(app, ctx.registry);
  app.decorateRequest('actor', null as never);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // A change to users, grants, tokens or orgs has committed (the handler returned): cached token lookups go (auth/token-cache.ts).
    if (req.method !== 'GET' && req.method !== 'HEAD' && AUTH_WRITES.test(req.routeOptions.url ?? '')) forgetAuth();
  });
  app.addHook('preValidation', async (req) => {
    const url = req.url;
    const isApi = url.startsWith('/api/v1/');
    const isPublic = req.routeOptions.config?.public === true;
    if (isApi || url.startsWith('/open311/')) {
      try {
        req.actor = await resolveActor(ctx, req);
      } catch (err) {
        if (isPublic && err instanceof AppError && err.code === 'session_expired') req.actor = publicActor(req.ip);
        else throw err;
      }
      if (isApi && !isPublic && req.actor.kind === 'public') throw new AppError('unauthenticated', '请先登录');
      // Who may call the route is decided before its input is looked at (a token outside its scope learns nothing more).
      const access = req.routeOptions.config?.access;
      if (access) assertRouteAccess(req.actor, access);
      checkCsrf(req, req.actor);
    } else {
      req.actor = publicActor(req.ip);
    }
    validateRequest(req);
  });

  await app.register(async (api) => {
    await authRoutes(api, ctx);
    await orgRoutes(api, ctx);
    await userRoutes(api, ctx);
    await calendarRoutes(api, ctx);
    await caseRoutes(api, ctx);
    await auditRoutes(api, ctx);
    await metricRoutes(api, ctx);
    await fileRoutes(api, ctx);
    await notificationRoutes(api, ctx);
    await settingsRoutes(api, ctx);
    await designationRoutes(api, ctx);
    for (const m of ctx.registry.modules) await m.routes?.(api, ctx);
  }, { prefix: '/api/v1' });
  await systemRoutes(app, ctx);
  for (const m of ctx.registry.modules) await m.rootRoutes?.(app, ctx);
  routeAccess.verify();

  if (fs.existsSync(ctx.config.webDist)) {
    await app.register(fastifyStatic, { root: ctx.config.webDist, prefix: '/', wildcard: false, index: false });
    const page = (file: string) => fs.readFileSync(`${ctx.config.webDist}/${file}`, 'utf8');
    app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(page('console.html')));
    app.get('/console/*', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(page('console.html')));
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(page('index.html')));
    app.get('/p/*', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(page('index.html')));
  }
  return app;
}
