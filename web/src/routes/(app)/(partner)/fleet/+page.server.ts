import { error } from '@sveltejs/kit';
import { fleetOverview, selectRows, SORTS } from '$lib/models/fleet-overview';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { load as loadApi } from '$lib/server/api/result';
import { catalogue } from '$lib/server/catalogue';
import { fleetSites, healsSince, openBySeverity, postureSince } from '$lib/server/read-models/fleet';
import { scopeOf } from '$lib/server/scope';
import { siteScoreMemo } from '$lib/server/site-score-memo';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/**
 * The partner's fleet: sites (host counts, appliance health) and open findings counted and heals
 * read in the user's scope, scores from lib/core posture over each site's hosts (the packet's
 * controls and score function), reused across requests for sites whose record has not changed.
 * Filters, sort, range and page are URL state.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const state = new UrlState(url.searchParams);
  const range = Number(state.one('range', ['30', '90'] as const, '30'));
  const sort = state.one('sort', SORTS, 'hipaa');
  const health = state.one('health', ['', 'online', 'stale', 'offline', 'pending'] as const, '');
  const clientId = state.uuid('client');
  const q = state.text('q', 100);
  const page = state.page();
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const scope = scopeOf(locals.user!);
  const [sites, clients, pending, open, records, heals] = await Promise.all([
    fleetSites(scope),
    loadApi(locals.api.GET('/clients'), url),
    loadApi(locals.api.GET('/approvals', { params: { query: { limit: 200, status: 'pending' } } }), url),
    openBySeverity(scope),
    postureSince(scope, range),
    healsSince(scope, range),
  ]);
  const cat = await catalogue();
  const overview = fleetOverview({
    sites,
    controls: cat.postureControls,
    runbooks: cat.runbooks,
    records,
    open,
    heals,
    days: range,
    now: Date.now(),
    memo: siteScoreMemo(cat.postureControls),
  });
  const selected = selectRows(overview.rows, { sort, ...(clientId && { clientId }), ...(health && { health }), ...(q && { q }) });
  const pages = Math.max(1, Math.ceil(selected.length / PAGE));
  const shown = selected.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  return {
    filter: { range, sort, health, clientId: clientId ?? '', q, page: Math.min(page, pages), pages, matching: selected.length },
    clients: clients.map((c) => ({ id: c.id, name: c.name })),
    rows: shown,
    totals: overview.totals,
    fleetScores: overview.fleetScores,
    trend: overview.trend,
    heals24h: overview.heals24h,
    healsDaily: overview.healsDaily,
    mttrMs: overview.mttrMs,
    pending: pending.items
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
      .slice(0, 8)
      .map((a) => ({ id: a.id, priority: a.priority, siteName: siteNames.get(a.siteId) ?? a.siteId, runbookId: (a.plan as { runbookId?: string }).runbookId ?? '', requestedAt: a.requestedAt, expiresAt: a.expiresAt })),
    pendingTotal: pending.items.length,
  };
};
