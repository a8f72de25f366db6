import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api/client';
import { apiBaseUrl, webConfig } from '$lib/server/config';
import { apiSessionToken, PENDING_SESSION_COOKIE, setSessionCookie, WEB_SESSION_COOKIE } from '$lib/server/session';
import { EMAIL, FormReader } from '$lib/models/forms/fields';
import { homeFor, safeNext } from '$lib/models/zones';
import type { Actions, PageServerLoad } from './$types';

const PENDING_SECONDS = 10 * 60;
const SESSION_SECONDS = 12 * 3600;

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), homeFor(locals.user.role)));
  return {};
};

function apiAs(sessionToken: string | undefined, requestId: string) {
  return createApi(apiBaseUrl(webConfig()), { sessionToken, requestId });
}

/** Two steps, as the API has them: email + password, then a one-time code from an authenticator app. */
export const actions: Actions = {
  password: async ({ request, cookies, url, locals }) => {
    const form = new FormReader(await request.formData());
    const email = form.text('email', 'Email', { min: 3, max: 254, pattern: EMAIL, patternHint: 'is not an email address' });
    const password = form.secret('password', 'Password', 1024);
    if (!form.ok) return fail(400, { stage: 'password' as const, email, errors: form.errors });

    const r = await apiAs(undefined, locals.requestId).POST('/auth/sign-in', { body: { email, password } });
    if (!r.data) {
      const message = r.error && 'message' in r.error ? r.error.message : `Sign-in failed (${r.response.status}).`;
      return fail(r.response.status === 429 ? 429 : 401, { stage: 'password' as const, email, errors: { form: message } });
    }
    const token = apiSessionToken(r.response.headers.getSetCookie());
    if (!token) return fail(502, { stage: 'password' as const, email, errors: { form: 'The API did not start a session.' } });
    setSessionCookie(cookies, url, PENDING_SESSION_COOKIE, token, PENDING_SECONDS);
    return { stage: r.data.stage, otpauthUri: r.data.otpauthUri ?? null, email };
  },

  totp: async ({ request, cookies, url, locals }) => {
    const form = new FormReader(await request.formData());
    const code = form.text('code', 'One-time code', { max: 6, pattern: /^\d{6}$/, patternHint: 'must be six digits' });
    const pending = cookies.get(PENDING_SESSION_COOKIE);
    if (!pending) return fail(401, { stage: 'password' as const, email: '', errors: { form: 'Your sign-in expired; enter your email and password again.' } });
    if (!form.ok) return fail(400, { stage: 'totp_required' as const, errors: form.errors });

    const r = await apiAs(pending, locals.requestId).POST('/auth/totp', { body: { code } });
    if (!r.data) {
      const message = r.error && 'message' in r.error ? r.error.message : `Sign-in failed (${r.response.status}).`;
      return fail(r.response.status === 429 ? 429 : 401, { stage: 'totp_required' as const, errors: { code: message } });
    }
    const token = apiSessionToken(r.response.headers.getSetCookie());
    if (!token) return fail(502, { stage: 'totp_required' as const, errors: { form: 'The API did not start a session.' } });
    cookies.delete(PENDING_SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
    setSessionCookie(cookies, url, WEB_SESSION_COOKIE, token, SESSION_SECONDS);
    redirect(303, safeNext(url.searchParams.get('next'), '/'));
  },
};
