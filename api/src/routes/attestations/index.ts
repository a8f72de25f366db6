import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { attestationRoutes as attestations } from './attestation-routes.js';
import { riskAcceptanceRoutes } from './risk-acceptance-routes.js';

/** Manual controls attested by the client's owner, and risk acceptances. */
export const attestationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(attestations);
  await app.register(riskAcceptanceRoutes);
};
