import { randomUUID } from 'node:crypto';
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { createApi } from '$lib/server/api/client';
import { catalogue, CatalogueUnavailable } from '$lib/server/catalogue';
import { apiBaseUrl, webConfig } from '$lib/server/config';
import { log } from '$lib/server/log';
import { clearSessionCookies, WEB_SESSION_COOKIE, type SessionUser } from '$lib/server/session';
import { isRole } from '$lib/models/zones';

/** Before the first request: config checked, and the runbook catalogue loaded and linted (seconds, once). */
export const init: ServerInit = async () => {
  webConfig();
  const started = Date.now();
  try {
    await catalogue();
    log().info({ ms: Date.now() - started }, 'runbook catalogue loaded');
  } catch (err) {
    // The dashboard still serves what does not need the catalogue (sign-in, histories, evidence).
    log().error({ err }, 'runbook catalogue failed to load; catalogue pages answer 503 until it does');
  }
};

/**
 * Every request: who is signed in, asked of the API with the request's own session cookie (the API
 * is the one authority on sessions, roles, tenancy and auditor expiry), and an API client bound to
 * that session for the page's loads and actions.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const requestId = randomUUID();
  const base = apiBaseUrl(webConfig());
  const sessionToken = event.cookies.get(WEB_SESSION_COOKIE);
  event.locals.requestId = requestId;
  event.locals.user = null;
  event.locals.api = createApi(base, { sessionToken, requestId });

  if (sessionToken) {
    let me;
    try {
      me = await event.locals.api.GET('/auth/me');
    } catch (err) {
      log().error({ err, requestId }, 'the API did not answer /auth/me');
      error(503, { message: 'The Central API is not answering; try again shortly.', requestId });
    }
    if (me.data && isRole(me.data.role)) {
      const user: SessionUser = { ...me.data, role: me.data.role };
      event.locals.user = user;
      event.locals.api = createApi(base, { sessionToken, csrfToken: user.csrfToken, requestId });
    } else if (me.response.status === 401) {
      // Expired, revoked, or an auditor past their end date: the cookie is of no further use.
      clearSessionCookies(event.cookies, event.url);
    } else {
      error(502, { message: `The Central API answered ${me.response.status} to /auth/me.`, requestId });
    }
  }

  const response = await resolve(event);
  response.headers.set('x-request-id', requestId);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  return response;
};

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
  const requestId = event.locals.requestId;
  if (err instanceof CatalogueUnavailable) return { message: err.message, requestId };
  if (status >= 500) log().error({ err, requestId, path: event.url.pathname }, 'request failed');
  // Unexpected errors never show their details to the browser; the request id finds them in the log.
  return { message: status >= 500 ? 'Something went wrong on our side.' : message, requestId };
};
