import fp from 'fastify-plugin';
import createCsrfTokens from '@fastify/csrf';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findLiveApiToken, findLiveApplianceByToken, findLiveSession, loadPrincipal, touchApiToken } from '@custos/db';
import { ApiError } from '../errors.js';
import { isAllowed, type Action } from '../auth/policy.js';
import type { AppliancePrincipal, Principal, TokenScope, UserPrincipal } from '../auth/principal.js';
import { sha256, TOKEN_PREFIX } from '../auth/secrets.js';

/** Who may call a route. Every route must say; a route without a policy is refused at start-up. */
export type AuthPolicy = 'public' | 'user' | 'appliance' | 'pending-totp';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthPolicy;
    /** Permission a `user` route needs (policy.ts); also the audit action name. */
    action?: Action;
    /** Audit action name for routes without a permission (sign-in, enrolment). */
    auditAs?: string;
    /** Audit refused reads too (sign-in status, credential delivery). */
    auditRefusals?: boolean;
  }
  interface FastifyInstance {
    /** Every route with its auth policy, as registered (the isolation matrix checks it covers them all). */
    routeCatalogue: { key: string; auth: AuthPolicy }[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The session waiting for its second factor (only on `pending-totp` routes). */
    pendingSession: { id: string; userId: string } | null;
  }
}

export const SESSION_COOKIE = '__Host-custos_session';
// Tokens are HMACs over a per-session secret kept server-side, so a stolen cookie alone is not enough.
const csrf = (createCsrfTokens as unknown as () => { create(secret: string): string; verify(secret: string, token: string): boolean })();

export function csrfTokenFor(secret: string): string {
  return csrf.create(secret);
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(h);
  if (!m) throw new ApiError('unauthenticated', 'authorization header must be "Bearer <token>"');
  return m[1];
}

async function userFromToken(app: FastifyInstance, token: string): Promise<UserPrincipal | undefined> {
  const row = await findLiveApiToken(app.deps.db, sha256(token));
  if (!row) return undefined;
  if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() > 60_000) await touchApiToken(app.deps.db, row.id);
  return principalOf(app, row.user_id, { kind: 'token', tokenId: row.id, scopes: row.scopes as TokenScope[] });
}

async function principalOf(app: FastifyInstance, userId: string, via: UserPrincipal['via']): Promise<UserPrincipal | undefined> {
  const p = await loadPrincipal(app.deps.db, userId);
  if (!p) return undefined;
  // An auditor's access ends at its expiry, whatever session or token is still around.
  if (p.membership.expires_at !== null && p.membership.expires_at <= new Date()) return undefined;
  return {
    kind: 'user',
    userId: p.user.id,
    displayName: p.user.display_name,
    role: p.membership.role,
    partnerId: p.membership.partner_id,
    clientId: p.membership.client_id,
    grantedClientIds: p.grantedClientIds,
    via,
  };
}

async function applianceFromToken(app: FastifyInstance, token: string): Promise<AppliancePrincipal | undefined> {
  const a = await findLiveApplianceByToken(app.deps.db, sha256(token));
  if (!a) return undefined;
  return { kind: 'appliance', applianceId: a.id, partnerId: a.partner_id, clientId: a.client_id, siteId: a.site_id, publicKey: a.public_key };
}

async function authenticateUser(request: FastifyRequest): Promise<UserPrincipal> {
  const app = request.server;
  const token = bearer(request);
  if (token !== undefined) {
    const p = token.startsWith(TOKEN_PREFIX.apiToken) ? await userFromToken(app, token) : undefined;
    if (!p) throw new ApiError('unauthenticated', 'the API token is unknown, revoked or expired');
    return p;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  const session = cookie === undefined ? undefined : await findLiveSession(app.deps.db, sha256(cookie));
  if (!session || session.stage !== 'active') throw new ApiError('unauthenticated');
  const p = await principalOf(app, session.user_id, { kind: 'session', sessionId: session.id, csrfSecret: session.csrf_secret });
  if (!p) throw new ApiError('unauthenticated');
  // Cookies ride along on cross-site requests; a state change must also prove it saw our page.
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !csrf.verify(session.csrf_secret, header)) throw new ApiError('csrf_failed');
  }
  return p;
}

async function authenticate(request: FastifyRequest): Promise<void> {
  if (request.is404) return; // no route: the not-found handler answers
  const { auth, action } = request.routeOptions.config;
  switch (auth) {
    case 'public':
      return;
    case 'pending-totp': {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie === undefined ? undefined : await findLiveSession(request.server.deps.db, sha256(cookie));
      if (!session || session.stage !== 'awaiting_totp') throw new ApiError('unauthenticated', 'sign in with email and password first');
      request.pendingSession = { id: session.id, userId: session.user_id };
      return;
    }
    case 'appliance': {
      const token = bearer(request);
      const p = token?.startsWith(TOKEN_PREFIX.appliance) ? await applianceFromToken(request.server, token) : undefined;
      if (!p) throw new ApiError('unauthenticated', 'the appliance token is unknown or the appliance was revoked');
      request.principal = p;
      return;
    }
    case 'user': {
      const p = await authenticateUser(request);
      request.principal = p;
      if (action === undefined || !isAllowed(p, action)) throw new ApiError('forbidden');
      return;
    }
    default:
      throw new ApiError('internal');
  }
}

/**
 * Authentication and role checks for every route, deny by default: a route that declares no auth
 * policy (or a user route with no action) makes the app refuse to start.
 */
export const authenticatePlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('pendingSession', null);
  const catalogue: { key: string; auth: AuthPolicy }[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    const config = route.config as { auth?: AuthPolicy; action?: Action } | undefined;
    if (route.url.startsWith('/docs')) {
      route.config = { ...config, auth: 'public' } as typeof route.config;
      return;
    }
    if (config?.auth === undefined) throw new Error(`route ${route.method} ${route.url} declares no auth policy`);
    if (config.auth === 'user' && config.action === undefined) throw new Error(`user route ${route.method} ${route.url} declares no action`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalogue.push({ key: `${method} ${route.url}`, auth: config.auth });
  });
  // onRequest: refuse before the body is even read.
  app.addHook('onRequest', authenticate);
});
