import { allPages, load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const sites = await allPages((cursor) => loadApi(locals.api.GET('/fleet', { params: { query: { limit: 200, ...(cursor && { cursor }) } } }), url));
  return { sites };
};
