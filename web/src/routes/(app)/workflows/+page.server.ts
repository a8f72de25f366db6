import { error } from '@sveltejs/kit';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { load as loadApi } from '$lib/server/api/result';
import { sitesCondition } from '$lib/server/scope';
import { temporal } from '$lib/server/temporal/client';
import { runRow, type RunRow } from '$lib/server/temporal/site-runs';
import type { PageServerLoad } from './$types';

const STATUSES = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut', 'ContinuedAsNew'] as const;
const LIMIT = 100;
/** Above this many sites a list needs a site filter (the visibility query names each site). */
const MAX_SITES_PER_QUERY = 300;

/**
 * Workflow runs the user may read, newest first, from Temporal visibility. The tenancy condition
 * comes from the user's scope (search attributes hold opaque ids only); each row links to the
 * history page, which checks access again.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const state = new UrlState(url.searchParams);
  const siteId = state.uuid('site');
  const status = state.one('status', ['', ...STATUSES] as const, '');
  const type = state.text('type', 64);
  if (type !== '' && !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(type)) state.problems.push(`?type=${type} is not a workflow type name`);
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }
  const sites = await loadApi(locals.api.GET('/sites'), url);
  if (siteId && !sites.some((s) => s.id === siteId)) error(404, { message: 'Not found.' });

  const all = user.role === 'platform_admin' && !siteId;
  const scoped = siteId ? [siteId] : sites.map((s) => s.id);
  const needSite = !all && scoped.length > MAX_SITES_PER_QUERY;
  const conditions = [all ? null : sitesCondition(needSite ? [] : scoped), type && `WorkflowType = '${type}'`, status && `ExecutionStatus = '${status}'`].filter(Boolean);
  const { client } = await temporal();
  const runs: RunRow[] = [];
  for await (const w of client.workflow.list({ query: conditions.join(' AND '), pageSize: LIMIT })) {
    runs.push(runRow(w));
    if (runs.length >= LIMIT) break;
  }
  return { runs, needSite, sites: sites.map((s) => ({ id: s.id, name: s.name })), filter: { siteId: siteId ?? '', status, type }, statuses: STATUSES, limit: LIMIT };
};
