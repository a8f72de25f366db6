import { error } from '@sveltejs/kit';
import { recordedScopes } from '@custos/core/posture';
import { scoresOverDays } from '$lib/models/compliance-score';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { can } from '$lib/models/zones';
import { load as loadApi } from '$lib/server/api/result';
import { catalogue } from '$lib/server/catalogue';
import { postureSince } from '$lib/server/read-models/fleet';
import { listHealRows } from '$lib/server/read-models/heals';
import { driftHistory } from '$lib/server/read-models/site-findings';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

/** A site: score and trend per framework, hosts with what fails, drift, runbooks and their settings, appliances, recent heals. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const state = new UrlState(url.searchParams);
  const range = Number(state.one('range', ['30', '90'] as const, '30'));
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const user = locals.user!;
  // The API decides whether this site exists for this user: a 404 here is the same for "not yours".
  const site = await loadApi(locals.api.GET('/sites/{id}', { params: { path: { id: params.siteId } } }), url);
  const scope = scopeOf(user);
  const [hosts, settings, appliances, drift, heals, records] = await Promise.all([
    loadApi(locals.api.GET('/sites/{siteId}/hosts', { params: { path: { siteId: site.id }, query: { limit: 200 } } }), url),
    loadApi(locals.api.GET('/sites/{siteId}/runbooks', { params: { path: { siteId: site.id } } }), url),
    can(user, 'readAppliances') ? loadApi(locals.api.GET('/sites/{siteId}/appliances', { params: { path: { siteId: site.id } } }), url) : Promise.resolve(null),
    driftHistory(scope, site.id, range),
    listHealRows(scope, { siteId: site.id, page: 1, pageSize: 10 }),
    postureSince(scope, range, [site.id]),
  ]);
  const cat = await catalogue();
  const disabled = new Set(settings.filter((s) => !s.enabled).map((s) => s.runbookId));
  // The same posture functions and inputs as the fleet, the API and the packet (lib/core posture).
  const posture = recordedScopes(records, cat.runbooks).site(site.id);
  const { scores, trend } = scoresOverDays({ controls: cat.postureControls, ...posture }, range, Date.now());
  const open = drift.filter((f) => f.status === 'open');
  const bySetting = new Map(settings.map((s) => [s.runbookId, s]));
  return {
    site,
    range,
    scores,
    trend,
    hosts: hosts.map((h) => ({ ...h, open: open.filter((f) => f.hostId === h.id).length, critical: open.filter((f) => f.hostId === h.id && f.severity === 'critical').length })),
    drift: drift.slice(0, 100).map((f) => ({ ...f, hostname: hosts.find((h) => h.id === f.hostId)?.hostname ?? f.hostId })),
    runbooks: cat.runbooks.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      enabled: !disabled.has(r.id),
      requireApproval: bySetting.get(r.id)?.requireApproval ?? r.requiresApproval,
      disruptive: r.disruptive,
      updatedAt: bySetting.get(r.id)?.updatedAt ?? null,
    })),
    appliances,
    heals: heals.rows,
  };
};
