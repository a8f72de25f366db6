import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { load as loadApi } from '$lib/server/api/result';
import { siteCheckpoints, siteLogEntries } from '$lib/server/read-models/evidence-log';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/** A site's evidence log: its bundles by log position, its signed checkpoints and how each is anchored. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const state = new UrlState(url.searchParams);
  const siteId = state.uuid('site');
  const kind = state.one('kind', ['', 'scan', 'heal', 'approval', 'history', 'report'] as const, '');
  const page = state.page();
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const sites = await loadApi(locals.api.GET('/sites'), url);
  const site = siteId ? sites.find((s) => s.id === siteId) : sites.length === 1 ? sites[0] : undefined;
  if (siteId && !site) error(404, { message: 'Not found.' });
  const base = { sites: sites.map((s) => ({ id: s.id, name: s.name })), filter: { siteId: site?.id ?? '', kind, page } };
  if (!site) return { ...base, site: null, entries: [], total: 0, pages: 1, checkpoints: [] };
  const [entries, checkpoints] = await Promise.all([siteLogEntries(scopeOf(locals.user!), site.id, { ...(kind && { kind }), page, pageSize: PAGE }), siteCheckpoints(site.id)]);
  return { ...base, site: { id: site.id, name: site.name }, entries: entries.rows, total: entries.total, pages: Math.max(1, Math.ceil(entries.total / PAGE)), checkpoints };
};
