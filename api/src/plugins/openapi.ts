import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * OpenAPI 3 generated from the routes' TypeBox schemas, served at /openapi.json with a docs page
 * at /docs. Both are public on purpose: the document describes the API, not any tenant's data,
 * and every route it lists still requires its own authentication.
 */
export const openApiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Custos Central API', version: '0.1.0', description: 'Tenants, sign-in, appliances, credentials, approvals and the audit log.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-custos_session' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'API token (cst_…)' },
          appliance: { type: 'http', scheme: 'bearer', description: 'Appliance token (cap_…)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
});
