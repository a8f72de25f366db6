import { load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const [sites, clients] = await Promise.all([loadApi(locals.api.GET('/sites'), url), loadApi(locals.api.GET('/clients'), url)]);
  return { sites: sites.map((s) => ({ id: s.id, name: s.name, clientId: s.clientId, healingPaused: s.healingPaused })), clients: clients.map((c) => ({ id: c.id, name: c.name })) };
};
