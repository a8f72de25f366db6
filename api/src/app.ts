import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import { buildValidatorCompiler } from './validation.js';
import { errorHandler } from './plugins/error-handler.js';
import { authenticatePlugin } from './plugins/authenticate.js';
import { openApiPlugin } from './plugins/openapi.js';
import { routes } from './routes/index.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Log lines carry no credentials: these never reach pino (and URLs are logged without query). */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.code',
  '*.token',
];

/**
 * The Central API as one fastify instance built from plugins. Tests call `inject()` on it without
 * a port; server.ts only listens. Body limit 64 KiB: nothing the API accepts is bigger.
 */
export async function buildApp(deps: ApiDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.setValidatorCompiler(buildValidatorCompiler());
  // While draining for shutdown, answers close their connection: a keep-alive socket left open
  // after the last in-flight request would hold the process until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-request-id', String(request.id));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  await app.register(errorHandler);
  await app.register(cookie, { secret: deps.keyring.derive('cookie signing').toString('base64') });
  await app.register(rateLimit, {
    global: false,
    max: deps.authRateLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new ApiError('rate_limited'),
  });
  await app.register(authenticatePlugin);
  await app.register(openApiPlugin);
  await app.register(routes);
  return app;
}
