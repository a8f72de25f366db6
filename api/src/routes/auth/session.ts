import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { revokeSession } from '@custos/db';
import { csrfTokenFor } from '../../plugins/authenticate.js';
import { clearSessionCookie } from '../../auth/sessions.js';
import { userOf } from '../../auth/request.js';
import { audit } from '../../plugins/audit.js';
import { ErrorBody, Nullable, Ok, Uuid } from '../../schemas/common.js';

const Me = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  role: Type.String(),
  partnerId: Nullable(Uuid),
  clientId: Nullable(Uuid),
  grantedClientIds: Type.Array(Uuid),
  csrfToken: Nullable(Type.String({ description: 'send as x-csrf-token on state changes (cookie sessions only)' })),
});

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/me',
    { config: { auth: 'user', action: 'self.read' }, schema: { tags: ['auth'], response: { 200: Me, 401: ErrorBody } } },
    async (request) => {
      const p = userOf(request);
      return {
        userId: p.userId,
        displayName: p.displayName,
        role: p.role,
        partnerId: p.partnerId,
        clientId: p.clientId,
        grantedClientIds: p.grantedClientIds,
        csrfToken: p.via.kind === 'session' ? csrfTokenFor(p.via.csrfSecret) : null,
      };
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { auth: 'user', action: 'self.read' }, schema: { tags: ['auth'], response: { 200: Ok, 401: ErrorBody, 403: ErrorBody } } },
    async (request, reply) => {
      const p = userOf(request);
      if (p.via.kind === 'session') await revokeSession(app.deps.db, p.via.sessionId);
      clearSessionCookie(reply);
      await audit(app.deps.db, request, { action: 'auth.sign_out', target: { kind: 'user', id: p.userId } });
      return { ok: true as const };
    },
  );
};
