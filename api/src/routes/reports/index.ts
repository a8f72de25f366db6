import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { brandingRoutes } from './branding-routes.js';
import { packetRoutes } from './packet-routes.js';

export { temporalReportWorkflows, type ReportDeps, type ReportWorkflows } from './report-deps.js';

/** Monthly compliance packets (list, download, generate) and partner branding. */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(packetRoutes);
  await app.register(brandingRoutes);
};
