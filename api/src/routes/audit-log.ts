import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAudit } from '@custos/db';
import { scope } from '../auth/request.js';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas/common.js';

const Entry = Type.Object({
  id: Type.String(),
  at: DateTime,
  actorKind: Type.String(),
  actorId: Nullable(Type.String()),
  partnerId: Nullable(Uuid),
  clientId: Nullable(Uuid),
  action: Type.String(),
  targetKind: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  outcome: Type.String(),
  detail: Type.Unknown(),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});

/** The append-only audit log, newest first, for admins and auditors within their scope. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { auth: 'user', action: 'audit.read' },
      schema: {
        tags: ['audit'],
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })), clientId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Entry), ...errorResponses },
      },
    },
    async (request) =>
      (await listAudit(app.deps.db, scope(request), request.query)).map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorKind: e.actor_kind,
        actorId: e.actor_id,
        partnerId: e.partner_id,
        clientId: e.client_id,
        action: e.action,
        targetKind: e.target_kind,
        targetId: e.target_id,
        outcome: e.outcome,
        detail: e.detail,
        ip: e.ip,
        requestId: e.request_id,
      })),
  );
};
