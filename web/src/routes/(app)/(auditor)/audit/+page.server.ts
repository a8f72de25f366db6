import { load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

/** An auditor's landing page: the clients they were granted and where to start. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const [clients, sites] = await Promise.all([loadApi(locals.api.GET('/clients'), url), loadApi(locals.api.GET('/sites'), url)]);
  return { clients, sites };
};
