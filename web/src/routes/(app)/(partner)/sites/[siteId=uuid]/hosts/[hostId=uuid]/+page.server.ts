import { workflowSegment } from '$lib/models/format';
import { error } from '@sveltejs/kit';
import { hostChecks } from '$lib/models/host-checks';
import { load as loadApi } from '$lib/server/api/result';
import { catalogue } from '$lib/server/catalogue';
import { listHealRows } from '$lib/server/read-models/heals';
import { driftHistory } from '$lib/server/read-models/site-findings';
import { scopeOf } from '$lib/server/scope';
import { siteRuns } from '$lib/server/temporal/site-runs';
import type { PageServerLoad } from './$types';

/** A host: its checks as of the last scan, its drift, and a timeline of the scans and heals that touched it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const site = await loadApi(locals.api.GET('/sites/{id}', { params: { path: { id: params.siteId } } }), url);
  const hosts = await loadApi(locals.api.GET('/sites/{siteId}/hosts', { params: { path: { siteId: site.id }, query: { limit: 200 } } }), url);
  const host = hosts.find((h) => h.id === params.hostId);
  if (!host) error(404, { message: 'Not found.' });
  const scope = scopeOf(locals.user!);
  const [settings, drift, heals, scans] = await Promise.all([
    loadApi(locals.api.GET('/sites/{siteId}/runbooks', { params: { path: { siteId: site.id } } }), url),
    driftHistory(scope, site.id, 90, host.id),
    listHealRows(scope, { siteId: site.id, hostId: host.id, page: 1, pageSize: 50 }),
    siteRuns(site.id, { type: 'scanSite', limit: 20 }),
  ]);
  const disabled = new Set(settings.filter((s) => !s.enabled).map((s) => s.runbookId));
  const open = drift.filter((f) => f.status === 'open');
  const timeline = [
    ...scans.map((s) => ({ at: s.startTime, kind: 'scan' as const, text: `Scan of the site (${s.status.toLowerCase()}${s.outcome ? `, ${s.outcome}` : ''})`, href: `/workflows/${workflowSegment(s.workflowId)}/${s.runId}` })),
    ...heals.rows.map((h) => ({ at: Date.parse(h.startedAt), kind: 'heal' as const, text: `Heal of ${h.checkId ?? 'a finding'}: ${h.tier}, ${h.status.replace('_', ' ')}`, href: `/incidents/${workflowSegment(h.workflowId)}` })),
    ...drift.map((f) => ({ at: Date.parse(f.observedAt), kind: 'drift' as const, text: `Drift found: ${f.checkId} (${f.severity})`, href: null })),
    ...drift.filter((f) => f.resolvedAt).map((f) => ({ at: Date.parse(f.resolvedAt!), kind: 'resolved' as const, text: `Resolved: ${f.checkId}`, href: null })),
  ].sort((a, b) => b.at - a.at);
  return {
    site: { id: site.id, name: site.name },
    host,
    checks: hostChecks((await catalogue()).runbooks, { role: host.role, lastSeenAt: host.lastSeenAt }, disabled, open),
    timeline: timeline.slice(0, 100),
  };
};
