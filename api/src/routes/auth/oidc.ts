import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findOidcProviderBySlug, findOidcUser, findUserByEmail, getPartner, linkOidcIdentity, loadPrincipal, oidcSecretAad, packSealed, putOidcProvider } from '@custos/db';
import { ApiError } from '../../errors.js';
import { finishLogin, oidcConfiguration, startLogin, type OidcLoginState } from '../../auth/oidc-client.js';
import { issueSession } from '../../auth/sessions.js';
import { scope } from '../../auth/request.js';
import { audit } from '../../plugins/audit.js';
import { ErrorBody, errorResponses, IdParams, Ok, Slug } from '../../schemas/common.js';

const STATE_COOKIE = 'custos_oidc';
const STATE_COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'lax', path: '/auth/oidc', signed: true } as const;

const ProviderBody = Type.Object(
  {
    issuer: Type.String({ format: 'uri', maxLength: 500, pattern: '^https?://' }),
    clientId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }),
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

/**
 * OIDC sign-in (authorization code + PKCE) for partners with their own identity provider. The
 * PKCE verifier, state and nonce travel in a signed, http-only cookie scoped to /auth/oidc. A
 * subject is accepted only for a user of the same partner: first by its stored link, else once
 * by a verified email, which is then linked. The IdP does the second factor.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rateLimit = { max: app.deps.authRateLimit, timeWindow: '1 minute' };
  const redirectUri = new URL('/auth/oidc/callback', app.deps.publicUrl).toString();

  app.get(
    '/auth/oidc/:partner/start',
    {
      config: { auth: 'public', auditAs: 'auth.oidc.start', rateLimit },
      schema: { tags: ['auth'], params: Type.Object({ partner: Slug }, { additionalProperties: false }), response: { 404: ErrorBody } },
    },
    async (request, reply) => {
      const provider = await findOidcProviderBySlug(app.deps.db, request.params.partner);
      if (!provider) throw new ApiError('not_found');
      const config = await oidcConfiguration(provider, app.deps.keyring, app.deps.allowInsecureOidcIssuer);
      const { url, login } = await startLogin(config, redirectUri, provider.slug);
      reply.setCookie(STATE_COOKIE, JSON.stringify(login), { ...STATE_COOKIE_OPTIONS, maxAge: 600 });
      return reply.redirect(url.toString(), 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { auth: 'public', auditAs: 'auth.oidc', auditRefusals: true, rateLimit },
      schema: {
        tags: ['auth'],
        querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 2000 })), state: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: Type.Object({ csrfToken: Type.String() }), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const raw = request.cookies[STATE_COOKIE];
      const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
      if (!unsigned?.valid || unsigned.value === null) throw new ApiError('oidc_failed', 'no sign-in in progress (start again)');
      reply.clearCookie(STATE_COOKIE, STATE_COOKIE_OPTIONS);
      const login = JSON.parse(unsigned.value) as OidcLoginState;
      const provider = await findOidcProviderBySlug(app.deps.db, login.partnerSlug);
      if (!provider) throw new ApiError('oidc_failed');
      let identity;
      try {
        const config = await oidcConfiguration(provider, app.deps.keyring, app.deps.allowInsecureOidcIssuer);
        identity = await finishLogin(config, new URL(request.url, app.deps.publicUrl), login);
      } catch (err) {
        request.log.info({ err: (err as Error).message }, 'oidc exchange refused');
        throw new ApiError('oidc_failed');
      }
      const userId = await resolveUser(provider.partner_id, identity);
      const csrfToken = await issueSession(request, reply, userId, 'active');
      await audit(app.deps.db, request, { action: 'auth.sign_in.oidc', target: { kind: 'user', id: userId }, tenant: { partnerId: provider.partner_id } });
      return { csrfToken };
    },
  );

  async function resolveUser(partnerId: string, id: { issuer: string; subject: string; email: string | undefined; emailVerified: boolean }): Promise<string> {
    const db = app.deps.db;
    const linked = await findOidcUser(db, { issuer: id.issuer, subject: id.subject, partnerId });
    if (linked) return linked;
    if (id.email === undefined || !id.emailVerified) throw new ApiError('oidc_failed', 'the identity provider did not vouch for an email address');
    const user = await findUserByEmail(db, id.email);
    const principal = user && (await loadPrincipal(db, user.id));
    if (!principal || principal.membership.partner_id !== partnerId) throw new ApiError('oidc_failed', 'no user of this partner has that email');
    await linkOidcIdentity(db, { issuer: id.issuer, subject: id.subject, userId: principal.user.id });
    return principal.user.id;
  }

  app.put(
    '/partners/:id/oidc',
    {
      config: { auth: 'user', action: 'identity.oidc.write' },
      schema: { tags: ['auth'], params: IdParams, body: ProviderBody, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      const { db, keyring } = app.deps;
      const partnerId = request.params.id;
      const secret = request.body.clientSecret;
      await db.transaction().execute(async (trx) => {
        if (!(await getPartner(trx, scope(request), partnerId))) throw new ApiError('not_found');
        await putOidcProvider(trx, scope(request), {
          partnerId,
          issuer: request.body.issuer,
          clientId: request.body.clientId,
          clientSecret: secret === undefined ? null : { keyId: keyring.currentKeyId, ciphertext: packSealed(keyring.seal(Buffer.from(secret), oidcSecretAad(partnerId))) },
        });
        await audit(trx, request, { action: 'identity.oidc.write', target: { kind: 'partner', id: partnerId }, tenant: { partnerId } });
      });
      return { ok: true as const };
    },
  );
};
