import { redirect } from '@sveltejs/kit';
import { publicUser } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) needs a signed-in user; the API decides what each of them may read. */
export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  return { user: publicUser(locals.user) };
};
