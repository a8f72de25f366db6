import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createCredential, deleteCredential, getSite, listCredentials, type CredentialMeta } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, userOf } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { DateTime, errorResponses, IdParams, Nullable, SafeText, SiteParams, Uuid } from '../schemas/common.js';

const CredentialView = Type.Object({
  id: Uuid,
  siteId: Uuid,
  hostId: Nullable(Uuid),
  kind: Type.Union([Type.Literal('host'), Type.Literal('domain')]),
  label: Type.String(),
  keyId: Type.String({ description: 'which credential key sealed it' }),
  createdAt: DateTime,
  rotatedAt: Nullable(DateTime),
});

const CreateCredential = Type.Object(
  {
    kind: Type.Union([Type.Literal('host'), Type.Literal('domain')]),
    hostId: Type.Optional(Uuid),
    label: SafeText(100),
    username: SafeText(256),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    domain: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.-]+$' })),
  },
  { additionalProperties: false },
);

// The view is built field by field from metadata: there is no secret in scope to leak.
const view = (c: CredentialMeta) => ({
  id: c.id,
  siteId: c.site_id,
  hostId: c.host_id,
  kind: c.kind,
  label: c.label,
  keyId: c.key_id,
  createdAt: c.created_at.toISOString(),
  rotatedAt: c.rotated_at?.toISOString() ?? null,
});

/** Host and domain credentials: write-only secrets. No endpoint returns them after creation. */
export const credentialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.post(
    '/sites/:siteId/credentials',
    { config: { auth: 'user', action: 'credentials.write' }, schema: { tags: ['credentials'], params: SiteParams, body: CreateCredential, response: { 201: CredentialView, ...errorResponses } } },
    async (request, reply) => {
      const b = request.body;
      if ((b.kind === 'host') !== (b.hostId !== undefined)) {
        throw new ApiError('invalid_request', 'body.hostId is required for host credentials and not allowed for domain credentials', 'body.hostId');
      }
      const created = await db.transaction().execute(async (trx) => {
        const c = await createCredential(trx, scope(request), app.deps.keyring, {
          siteId: request.params.siteId,
          hostId: b.hostId ?? null,
          kind: b.kind,
          label: b.label,
          secret: { username: b.username, password: b.password, domain: b.domain },
          createdBy: userOf(request).userId,
        });
        if (!c) throw new ApiError('not_found');
        await audit(trx, request, { action: 'credentials.write', target: { kind: 'credential', id: c.id }, tenant: { partnerId: c.partner_id, clientId: c.client_id }, detail: { kind: c.kind } });
        return c;
      });
      return reply.code(201).send(view(created));
    },
  );

  app.get(
    '/sites/:siteId/credentials',
    { config: { auth: 'user', action: 'credentials.read' }, schema: { tags: ['credentials'], params: SiteParams, response: { 200: Type.Array(CredentialView), ...errorResponses } } },
    async (request) => {
      const s = scope(request);
      if (!(await getSite(db, s, request.params.siteId))) throw new ApiError('not_found');
      return (await listCredentials(db, s, { siteId: request.params.siteId })).map(view);
    },
  );

  app.delete(
    '/credentials/:id',
    { config: { auth: 'user', action: 'credentials.write' }, schema: { tags: ['credentials'], params: IdParams, response: { 200: CredentialView, ...errorResponses } } },
    async (request) => {
      const deleted = await db.transaction().execute(async (trx) => {
        const c = await deleteCredential(trx, scope(request), request.params.id);
        if (!c) throw new ApiError('not_found');
        await audit(trx, request, { action: 'credentials.delete', target: { kind: 'credential', id: c.id }, tenant: { partnerId: c.partner_id, clientId: c.client_id } });
        return c;
      });
      return view(deleted);
    },
  );
};
