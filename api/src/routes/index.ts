import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signInRoutes } from './auth/sign-in.js';
import { sessionRoutes } from './auth/session.js';
import { tokenRoutes } from './auth/tokens.js';
import { oidcRoutes } from './auth/oidc.js';
import { tenantRoutes } from './tenants.js';
import { fleetRoutes } from './fleet.js';
import { healRoutes } from './heals.js';
import { controlRoutes } from './control.js';
import { applianceRoutes } from './appliances.js';
import { applianceProtocolRoutes } from './appliance-protocol.js';
import { credentialRoutes } from './credentials.js';
import { approvalRoutes } from './approvals.js';
import { runbookSettingRoutes } from './runbook-settings.js';
import { channelRoutes } from './channels.js';
import { auditRoutes } from './audit-log.js';
import { userRoutes } from './users.js';
import { reportRoutes } from './reports/index.js';
import { attestationRoutes } from './attestations/index.js';
import { postureRoutes } from './posture.js';

/** Every feature's routes; each file owns one feature. */
export const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { config: { auth: 'public' }, schema: { tags: ['meta'], response: { 200: Type.Object({ ok: Type.Literal(true) }) } } }, async () => ({ ok: true as const }));
  for (const feature of [
    signInRoutes,
    sessionRoutes,
    tokenRoutes,
    oidcRoutes,
    tenantRoutes,
    fleetRoutes,
    healRoutes,
    controlRoutes,
    applianceRoutes,
    applianceProtocolRoutes,
    credentialRoutes,
    approvalRoutes,
    runbookSettingRoutes,
    channelRoutes,
    auditRoutes,
    userRoutes,
    reportRoutes,
    attestationRoutes,
    postureRoutes,
  ]) {
    await app.register(feature);
  }
};
