import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenView } from '@custos/db';
import { ApiError } from '../../errors.js';
import { userOf } from '../../auth/request.js';
import { newSecret, sha256, TOKEN_PREFIX } from '../../auth/secrets.js';
import { audit } from '../../plugins/audit.js';
import { DateTime, errorResponses, IdParams, Nullable, SafeText, Uuid } from '../../schemas/common.js';

const TokenScope = Type.Union([Type.Literal('read'), Type.Literal('write')]);
const TokenView = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(TokenScope),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
const CreateToken = Type.Object(
  {
    name: SafeText(100),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 2, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);

const view = (t: ApiTokenView) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes as ('read' | 'write')[],
  createdAt: t.created_at.toISOString(),
  expiresAt: t.expires_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

/** API tokens for scripts: shown once, stored hashed, scoped (read / write) and always expiring. */
export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/tokens',
    { config: { auth: 'user', action: 'self.read' }, schema: { tags: ['auth'], response: { 200: Type.Array(TokenView), ...errorResponses } } },
    async (request) => (await listApiTokens(app.deps.db, userOf(request).userId)).map(view),
  );

  app.post(
    '/auth/tokens',
    {
      config: { auth: 'user', action: 'self.tokens' },
      schema: {
        tags: ['auth'],
        body: CreateToken,
        response: { 201: Type.Object({ token: Type.String({ description: 'shown once' }), apiToken: TokenView }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const p = userOf(request);
      // A token never outlives or outranks the session that made it: tokens cannot mint tokens.
      if (p.via.kind === 'token') throw new ApiError('forbidden', 'API tokens cannot create API tokens; sign in');
      const token = newSecret(TOKEN_PREFIX.apiToken);
      const created = await app.deps.db.transaction().execute(async (trx) => {
        const row = await createApiToken(trx, {
          userId: p.userId,
          name: request.body.name,
          tokenSha256: sha256(token),
          scopes: request.body.scopes,
          expiresAt: new Date(Date.now() + request.body.expiresInDays * 86_400_000),
        });
        await audit(trx, request, { action: 'self.tokens', target: { kind: 'api_token', id: row.id }, detail: { scopes: row.scopes } });
        return row;
      });
      return reply.code(201).send({ token, apiToken: view(created) });
    },
  );

  app.delete(
    '/auth/tokens/:id',
    { config: { auth: 'user', action: 'self.tokens' }, schema: { tags: ['auth'], params: IdParams, response: { 200: TokenView, ...errorResponses } } },
    async (request) => {
      const p = userOf(request);
      return app.deps.db.transaction().execute(async (trx) => {
        const row = await revokeApiToken(trx, p.userId, request.params.id);
        if (!row) throw new ApiError('not_found');
        await audit(trx, request, { action: 'self.tokens.revoke', target: { kind: 'api_token', id: row.id } });
        return view(row);
      });
    },
  );
};
