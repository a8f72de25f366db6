import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { load as loadApi } from '$lib/server/api/result';
import { catalogue } from '$lib/server/catalogue';
import { listHealRows } from '$lib/server/read-models/heals';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

const STATUSES = ['running', 'awaiting_approval', 'healed', 'failed', 'escalated', 'rejected'] as const;
const PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
  const state = new UrlState(url.searchParams);
  const siteId = state.uuid('site');
  const hostId = state.uuid('host');
  const status = state.one('status', ['', ...STATUSES] as const, '');
  const tier = state.one('tier', ['', 'L1', 'L2', 'L3'] as const, '');
  const page = state.page();
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const [sites, heals] = await Promise.all([
    loadApi(locals.api.GET('/sites'), url),
    listHealRows(scopeOf(locals.user!), { ...(siteId && { siteId }), ...(hostId && { hostId }), ...(status && { status }), ...(tier && { tier }), page, pageSize: PAGE }),
  ]);
  const titles = (await catalogue()).byId;
  return {
    heals: heals.rows.map((h) => ({ ...h, checkTitle: h.checkId ? (titles.get(h.checkId)?.title ?? null) : null })),
    total: heals.total,
    pages: Math.max(1, Math.ceil(heals.total / PAGE)),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    filter: { siteId: siteId ?? '', hostId: hostId ?? '', status, tier, page },
    statuses: STATUSES,
  };
};
