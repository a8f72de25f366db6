import { load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const site = await loadApi(locals.api.GET('/sites/{id}', { params: { path: { id: params.siteId } } }), url);
  const hosts = await loadApi(locals.api.GET('/sites/{siteId}/hosts', { params: { path: { siteId: site.id }, query: { limit: 200 } } }), url);
  return { site, hosts };
};
