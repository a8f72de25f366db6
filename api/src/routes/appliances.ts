import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { applianceStatus } from '@custos/core';
import { createEnrolmentCode, getSite, listAppliances, revokeAppliance, type ApplianceView } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, userOf } from '../auth/request.js';
import { newEnrolmentCode, normaliseEnrolmentCode, sha256 } from '../auth/secrets.js';
import { audit } from '../plugins/audit.js';
import { DateTime, errorResponses, IdParams, Nullable, SiteParams, Uuid } from '../schemas/common.js';

const ENROLMENT_TTL_MS = 24 * 3600_000;

export const ApplianceSchema = Type.Object({
  id: Uuid,
  siteId: Uuid,
  name: Type.String(),
  publicKey: Type.String({ description: 'X25519, base64' }),
  agentVersion: Nullable(Type.String()),
  status: Type.Union([Type.Literal('online'), Type.Literal('stale'), Type.Literal('offline'), Type.Literal('pending'), Type.Literal('revoked')]),
  lastHeartbeatAt: Nullable(DateTime),
  enrolledAt: DateTime,
  revokedAt: Nullable(DateTime),
});

export const applianceView = (a: ApplianceView) => ({
  id: a.id,
  siteId: a.site_id,
  name: a.name,
  publicKey: a.public_key.toString('base64'),
  agentVersion: a.agent_version,
  status: a.revoked_at !== null ? ('revoked' as const) : applianceStatus(a.last_heartbeat_at),
  lastHeartbeatAt: a.last_heartbeat_at?.toISOString() ?? null,
  enrolledAt: a.enrolled_at.toISOString(),
  revokedAt: a.revoked_at?.toISOString() ?? null,
});

/** Partners enrol appliances with one-time codes, watch their health and revoke them. */
export const applianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.post(
    '/sites/:siteId/enrolment-codes',
    {
      config: { auth: 'user', action: 'appliances.manage' },
      schema: { tags: ['appliances'], params: SiteParams, response: { 201: Type.Object({ code: Type.String({ description: 'shown once' }), expiresAt: DateTime }), ...errorResponses } },
    },
    async (request, reply) => {
      const code = newEnrolmentCode();
      const row = await db.transaction().execute(async (trx) => {
        const r = await createEnrolmentCode(trx, scope(request), {
          siteId: request.params.siteId,
          codeSha256: sha256(normaliseEnrolmentCode(code)),
          createdBy: userOf(request).userId,
          expiresAt: new Date(Date.now() + ENROLMENT_TTL_MS),
        });
        if (!r) throw new ApiError('not_found');
        await audit(trx, request, { action: 'appliances.enrolment_code', target: { kind: 'site', id: r.site_id }, tenant: { partnerId: r.partner_id, clientId: r.client_id } });
        return r;
      });
      return reply.code(201).send({ code, expiresAt: row.expires_at.toISOString() });
    },
  );

  app.get(
    '/sites/:siteId/appliances',
    { config: { auth: 'user', action: 'appliances.read' }, schema: { tags: ['appliances'], params: SiteParams, response: { 200: Type.Array(ApplianceSchema), ...errorResponses } } },
    async (request) => {
      const s = scope(request);
      if (!(await getSite(db, s, request.params.siteId))) throw new ApiError('not_found');
      return (await listAppliances(db, s, { siteId: request.params.siteId })).map(applianceView);
    },
  );

  app.post(
    '/appliances/:id/revoke',
    { config: { auth: 'user', action: 'appliances.manage' }, schema: { tags: ['appliances'], params: IdParams, response: { 200: ApplianceSchema, ...errorResponses } } },
    async (request) => {
      const revoked = await db.transaction().execute(async (trx) => {
        const a = await revokeAppliance(trx, scope(request), { applianceId: request.params.id, by: userOf(request).userId });
        if (!a) throw new ApiError('not_found');
        await audit(trx, request, { action: 'appliances.revoke', target: { kind: 'appliance', id: a.id }, tenant: { partnerId: a.partner_id, clientId: a.client_id } });
        return a;
      });
      return applianceView(revoked);
    },
  );
};
