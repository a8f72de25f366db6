import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { siteTaskQueue } from '@custos/core';
import { listAppliances, openSiteCredentials, recordHeartbeat, redeemEnrolmentCode, sealForAppliance } from '@custos/db';
import { ApiError } from '../errors.js';
import { applianceOf, scope } from '../auth/request.js';
import { newSecret, normaliseEnrolmentCode, sha256, TOKEN_PREFIX } from '../auth/secrets.js';
import { audit } from '../plugins/audit.js';
import { afterCommit } from '../temporal/after-commit.js';
import { DateTime, ErrorBody, errorResponses, Nullable, SafeText, Uuid } from '../schemas/common.js';

const Base64Key32 = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$', description: '32-byte X25519 public key, base64' });
const Version = Type.String({ pattern: '^[0-9A-Za-z.+-]{1,40}$' });

const EnrolBody = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9-]{20,40}$' }), name: SafeText(100), publicKey: Base64Key32, agentVersion: Version },
  { additionalProperties: false },
);
const Identity = Type.Object({ applianceId: Uuid, siteId: Uuid, taskQueue: Type.String(), token: Type.String({ description: 'bearer token; shown once' }) });

const HeartbeatBody = Type.Object(
  {
    agentVersion: Version,
    health: Type.Object(
      {
        status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('failing')]),
        queueDepth: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
        uptimeSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Delivery = Type.Object({
  credentialId: Uuid,
  hostId: Nullable(Uuid),
  kind: Type.String(),
  label: Type.String(),
  sealed: Type.Object({ ephemeralPublicKey: Type.String(), nonce: Type.String(), ciphertext: Type.String() }),
  associatedData: Type.String(),
});

/** The associated data binding a delivered credential to one appliance. */
export function deliveryAad(applianceId: string, credentialId: string): string {
  return `custos credential delivery appliance ${applianceId} credential ${credentialId}`;
}

/**
 * What appliances call. Enrolment is public but rate-limited and spends the code atomically;
 * everything else authenticates by the appliance's own token, never by a site id in the body.
 */
export const applianceProtocolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.post(
    '/appliance/enrol',
    {
      config: { auth: 'public', auditAs: 'appliances.enrol', rateLimit: { max: app.deps.authRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['appliance protocol'], body: EnrolBody, response: { 201: Identity, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const token = newSecret(TOKEN_PREFIX.appliance);
      const appliance = await db.transaction().execute(async (trx) => {
        const a = await redeemEnrolmentCode(trx, {
          codeSha256: sha256(normaliseEnrolmentCode(request.body.code)),
          name: request.body.name,
          publicKey: Buffer.from(request.body.publicKey, 'base64'),
          tokenSha256: sha256(token),
          agentVersion: request.body.agentVersion,
        });
        if (!a) throw new ApiError('enrolment_refused');
        await audit(trx, request, { action: 'appliances.enrol', target: { kind: 'appliance', id: a.id }, tenant: { partnerId: a.partner_id, clientId: a.client_id }, detail: { siteId: a.site_id } });
        const site = { kind: 'site' as const, partnerId: a.partner_id, clientId: a.client_id, siteId: a.site_id };
        const first = (await listAppliances(trx, site, { siteId: a.site_id })).length === 1;
        return { ...a, first };
      });
      // The site's first appliance turns its scan and discovery Schedules on (later ones find them on).
      if (appliance.first) {
        await afterCommit(request, 'site schedules', { siteId: appliance.site_id }, () => app.deps.workflows.enableSiteSchedules(appliance.site_id));
      }
      return reply.code(201).send({ applianceId: appliance.id, siteId: appliance.site_id, taskQueue: siteTaskQueue(appliance.site_id), token });
    },
  );

  app.post(
    '/appliance/heartbeat',
    {
      config: { auth: 'appliance', auditAs: 'appliances.heartbeat' },
      schema: { tags: ['appliance protocol'], body: HeartbeatBody, response: { 200: Type.Object({ serverTime: DateTime }), ...errorResponses } },
    },
    async (request) => {
      const a = applianceOf(request);
      const ok = await recordHeartbeat(db, scope(request), { applianceId: a.applianceId, agentVersion: request.body.agentVersion, health: request.body.health });
      if (!ok) throw new ApiError('unauthenticated', 'the appliance was revoked');
      return { serverTime: new Date().toISOString() };
    },
  );

  app.get(
    '/appliance/credentials',
    {
      config: { auth: 'appliance', auditAs: 'appliances.credentials' },
      schema: { tags: ['appliance protocol'], response: { 200: Type.Array(Delivery), ...errorResponses } },
    },
    async (request) => {
      const a = applianceOf(request);
      const site = { kind: 'site' as const, partnerId: a.partnerId, clientId: a.clientId, siteId: a.siteId };
      const creds = await openSiteCredentials(db, site, app.deps.keyring);
      await audit(db, request, { action: 'appliances.credentials', target: { kind: 'appliance', id: a.applianceId }, detail: { count: creds.length } });
      return creds.map((c) => {
        const aad = deliveryAad(a.applianceId, c.id);
        return {
          credentialId: c.id,
          hostId: c.host_id,
          kind: c.kind,
          label: c.label,
          sealed: sealForAppliance(a.publicKey, Buffer.from(JSON.stringify(c.secret)), aad),
          associatedData: aad,
        };
      });
    },
  );
};
