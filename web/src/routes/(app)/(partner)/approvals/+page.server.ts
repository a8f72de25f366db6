import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

const STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  const state = new UrlState(url.searchParams);
  const status = state.one('status', STATUSES, 'pending');
  const siteId = state.uuid('site');
  const cursor = state.text('cursor', 200);
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const query = { limit: 50, status, ...(siteId && { siteId }), ...(cursor && { cursor }) };
  const [page, sites] = await Promise.all([loadApi(locals.api.GET('/approvals', { params: { query } }), url), loadApi(locals.api.GET('/sites'), url)]);
  return { approvals: page.items, nextCursor: page.nextCursor, sites: sites.map((s) => ({ id: s.id, name: s.name })), filter: { status, siteId: siteId ?? '' }, statuses: STATUSES };
};
