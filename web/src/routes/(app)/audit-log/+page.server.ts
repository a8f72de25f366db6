import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { can } from '$lib/models/zones';
import { load as loadApi } from '$lib/server/api/result';
import type { PageServerLoad } from './$types';

/** The append-only audit log (every change and every refused attempt), newest first, in the caller's scope. */
export const load: PageServerLoad = async ({ locals, url }) => {
  if (!can(locals.user, 'readAudit')) error(403, { message: 'Your role cannot read the audit log.' });
  const state = new UrlState(url.searchParams);
  const clientId = state.uuid('client');
  const before = state.text('before', 18);
  const outcome = state.one('outcome', ['', 'ok', 'refused'] as const, '');
  if (before && !/^\d{1,18}$/.test(before)) state.problems.push(`?before=${before} is not an entry id`);
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const [entries, clients] = await Promise.all([
    loadApi(locals.api.GET('/audit', { params: { query: { limit: 200, ...(clientId && { clientId }), ...(before && { before }) } } }), url),
    loadApi(locals.api.GET('/clients'), url),
  ]);
  const shown = outcome ? entries.filter((e) => e.outcome === outcome) : entries;
  return {
    entries: shown.map((e) => ({ ...e, detail: e.detail === null || e.detail === undefined ? '' : JSON.stringify(e.detail).slice(0, 300) })),
    older: entries.length === 200 ? entries[entries.length - 1]!.id : null,
    clients: clients.map((c) => ({ id: c.id, name: c.name })),
    filter: { clientId: clientId ?? '', outcome },
  };
};
