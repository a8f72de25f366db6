import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, type SessionStage } from '@custos/db';
import { csrfTokenFor, SESSION_COOKIE } from '../plugins/authenticate.js';
import { newSecret, sha256, TOKEN_PREFIX } from './secrets.js';

const TTL_MS: Record<SessionStage, number> = { awaiting_totp: 10 * 60_000, active: 12 * 3600_000 };

/**
 * Issues a session cookie: random, stored only as its SHA-256, http-only, Secure, SameSite=Lax
 * (Lax, not Strict, so the redirect back from an identity provider still carries it; state
 * changes are covered by the CSRF token instead). Returns the CSRF token for active sessions.
 */
export async function issueSession(request: FastifyRequest, reply: FastifyReply, userId: string, stage: SessionStage): Promise<string> {
  const token = newSecret(TOKEN_PREFIX.session);
  const csrfSecret = randomBytes(18).toString('base64url');
  const expiresAt = new Date(Date.now() + TTL_MS[stage]);
  await createSession(request.server.deps.db, { userId, tokenSha256: sha256(token), stage, csrfSecret, ip: request.ip, expiresAt });
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', expires: expiresAt });
  return csrfTokenFor(csrfSecret);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
}
