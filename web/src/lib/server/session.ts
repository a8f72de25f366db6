import type { Cookies } from '@sveltejs/kit';
import type { PublicUser } from '$lib/models/zones';

/**
 * The dashboard keeps the API's session token in a cookie of its own (http-only, SameSite=Lax,
 * Secure over https) and forwards it to the API on every server-side call. The browser never
 * talks to the API directly and never sees the CSRF token, which stays on this server.
 */
export const WEB_SESSION_COOKIE = 'custos_session';
/** The half-signed-in session between password and one-time code (ten minutes at most). */
export const PENDING_SESSION_COOKIE = 'custos_pending';
/** The cookie the API issues and expects (api/src/plugins/authenticate.ts). */
export const API_SESSION_COOKIE = '__Host-custos_session';

export interface SessionUser extends PublicUser {
  /** Sent as x-csrf-token on the API's state-changing calls; never leaves the server. */
  csrfToken: string | null;
}

export function publicUser(u: SessionUser): PublicUser {
  return {
    userId: u.userId,
    displayName: u.displayName,
    role: u.role,
    partnerId: u.partnerId,
    clientId: u.clientId,
    grantedClientIds: u.grantedClientIds,
  };
}

/** The API's session token from its Set-Cookie headers, if it issued one. */
export function apiSessionToken(setCookies: readonly string[]): string | undefined {
  for (const header of setCookies) {
    const first = header.split(';', 1)[0] ?? '';
    const eq = first.indexOf('=');
    if (eq > 0 && first.slice(0, eq).trim() === API_SESSION_COOKIE) {
      const value = decodeURIComponent(first.slice(eq + 1).trim());
      if (value !== '') return value;
    }
  }
  return undefined;
}

export function setSessionCookie(cookies: Cookies, url: URL, name: string, token: string, maxAgeSeconds: number): void {
  cookies.set(name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: maxAgeSeconds });
}

export function clearSessionCookies(cookies: Cookies, url: URL): void {
  for (const name of [WEB_SESSION_COOKIE, PENDING_SESSION_COOKIE]) cookies.delete(name, { path: '/', secure: url.protocol === 'https:' });
}
