import { redirect } from '@sveltejs/kit';
import { clearSessionCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies, url }) => {
    // Revoke the session at the API first, so the token is dead even if a copy of the cookie survives.
    if (locals.user) await locals.api.POST('/auth/sign-out');
    clearSessionCookies(cookies, url);
    redirect(303, '/sign-in');
  },
};
