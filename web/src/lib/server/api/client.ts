import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import { API_SESSION_COOKIE } from '../session.js';

export type Api = ReturnType<typeof createClient<paths>>;

export interface ApiCredentials {
  /** The API session token (css_…) of the signed-in or half-signed-in user. */
  sessionToken?: string | undefined;
  /** The session's CSRF token, required by the API on state changes. */
  csrfToken?: string | null | undefined;
  requestId: string;
}

/**
 * A typed client for the Central API (types generated from its OpenAPI document) that acts as
 * exactly one user: their session cookie on every call, their CSRF token on state changes, and the
 * dashboard request id so the two logs line up.
 */
export function createApi(baseUrl: string, credentials: ApiCredentials): Api {
  const api = createClient<paths>({ baseUrl });
  const actAsUser: Middleware = {
    onRequest({ request }) {
      if (credentials.sessionToken) request.headers.set('cookie', `${API_SESSION_COOKIE}=${credentials.sessionToken}`);
      if (credentials.csrfToken && !['GET', 'HEAD'].includes(request.method)) request.headers.set('x-csrf-token', credentials.csrfToken);
      request.headers.set('x-request-id', credentials.requestId);
      return request;
    },
  };
  api.use(actAsUser);
  return api;
}
