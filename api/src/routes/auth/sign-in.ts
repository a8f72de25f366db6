import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  acceptTotpStep,
  clearFailedSignIns,
  findUserByEmail,
  loadPrincipal,
  packSealed,
  recordFailedSignIn,
  revokeSession,
  setTotpSecret,
  totpAad,
  unpackSealed,
} from '@custos/db';
import { ApiError } from '../../errors.js';
import { verifyPassword } from '../../auth/passwords.js';
import { matchTotp, newTotpSecret, totpUri } from '../../auth/totp.js';
import { issueSession } from '../../auth/sessions.js';
import { audit } from '../../plugins/audit.js';
import { ErrorBody } from '../../schemas/common.js';

const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 };

const SignInBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const SignInReply = Type.Object({
  stage: Type.Union([Type.Literal('totp_required'), Type.Literal('totp_setup')]),
  otpauthUri: Type.Optional(Type.String({ description: 'only on first sign-in: add this to an authenticator app, then send a code' })),
});
const TotpBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });
const TotpReply = Type.Object({ csrfToken: Type.String() });

/** Email + password (argon2id), then a TOTP code; only then is the session active. */
export const signInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rateLimit = { max: app.deps.authRateLimit, timeWindow: '1 minute' };

  app.post(
    '/auth/sign-in',
    {
      config: { auth: 'public', auditAs: 'auth.sign_in', rateLimit },
      schema: { tags: ['auth'], body: SignInBody, response: { 200: SignInReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { db, keyring } = app.deps;
      const user = await findUserByEmail(db, request.body.email);
      const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
      const locked = user?.locked_until != null && user.locked_until > new Date();
      if (!user || !passwordOk || locked || user.disabled_at !== null) {
        if (user && !locked) await recordFailedSignIn(db, user.id, LOCKOUT);
        throw new ApiError('sign_in_failed');
      }
      await clearFailedSignIns(db, user.id);
      if (user.totp_secret_enc === null) {
        const secret = newTotpSecret();
        await setTotpSecret(db, user.id, { keyId: keyring.currentKeyId, ciphertext: packSealed(keyring.seal(Buffer.from(secret), totpAad(user.id))) });
        await issueSession(request, reply, user.id, 'awaiting_totp');
        return { stage: 'totp_setup' as const, otpauthUri: totpUri(secret, user.email) };
      }
      await issueSession(request, reply, user.id, 'awaiting_totp');
      return { stage: 'totp_required' as const };
    },
  );

  app.post(
    '/auth/totp',
    {
      config: { auth: 'pending-totp', auditAs: 'auth.totp', rateLimit },
      schema: { tags: ['auth'], body: TotpBody, response: { 200: TotpReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { db, keyring } = app.deps;
      const pending = request.pendingSession!;
      const principal = await loadPrincipal(db, pending.userId);
      const user = principal?.user;
      if (!user || user.totp_secret_enc === null || user.totp_key_id === null) throw new ApiError('totp_failed');
      const secret = keyring.open(unpackSealed(user.totp_key_id, user.totp_secret_enc), totpAad(user.id)).toString();
      const step = await matchTotp(secret, request.body.code);
      if (step === undefined || !(await acceptTotpStep(db, user.id, step))) {
        await recordFailedSignIn(db, user.id, LOCKOUT);
        throw new ApiError('totp_failed');
      }
      // The half-signed-in token is retired; the active session gets a fresh one.
      await revokeSession(db, pending.id);
      const csrfToken = await issueSession(request, reply, user.id, 'active');
      request.principal = null;
      await audit(db, request, {
        action: 'auth.sign_in',
        target: { kind: 'user', id: user.id },
        tenant: { partnerId: principal!.membership.partner_id, clientId: principal!.membership.client_id },
      });
      return { csrfToken };
    },
  );
};
