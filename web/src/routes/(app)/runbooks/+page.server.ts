import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { catalogue } from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

/** The runbook catalogue: what Custos checks and how it heals, filterable by category, host kind and text (URL state). */
export const load: PageServerLoad = async ({ url }) => {
  const cat = await catalogue();
  const categories = [...new Set(cat.runbooks.map((r) => r.category))].sort();
  const state = new UrlState(url.searchParams);
  const category = state.one('category', ['', ...categories], '');
  const kind = state.one('kind', ['', 'domain_controller', 'server', 'workstation'] as const, '');
  const mode = state.one('mode', ['', 'auto', 'approval', 'alert-only'] as const, '');
  const q = state.text('q', 100).toLowerCase();
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const modeOf = (r: { alertOnly: boolean; requiresApproval: boolean; disruptive: boolean }) => (r.alertOnly ? 'alert-only' : r.requiresApproval || r.disruptive ? 'approval' : 'auto');
  const runbooks = cat.runbooks
    .filter((r) => (!category || r.category === category) && (!kind || r.hostKinds.includes(kind)) && (!mode || modeOf(r) === mode) && (!q || `${r.id} ${r.title} ${r.description}`.toLowerCase().includes(q)))
    .map((r) => ({ id: r.id, version: r.version, title: r.title, category: r.category, severity: r.severity, hostKinds: r.hostKinds, mode: modeOf(r), hipaa: r.controls.hipaa ?? [] }));
  return { runbooks, total: cat.runbooks.length, categories, filter: { category, kind, mode, q } };
};
