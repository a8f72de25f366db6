import { error } from '@sveltejs/kit';
import { packedRowsJson } from '$lib/models/history/packed-rows-json';
import { SPAN_FILTER_CATEGORIES, type SpanFilter } from '$lib/models/history/span-rows';
import { UrlState, UrlStateError } from '$lib/models/url-state';
import { findHistoryEvidence } from '$lib/server/read-models/evidence';
import { decodedRun } from '$lib/server/temporal/history-store';
import { authoriseRun } from '$lib/server/temporal/run-access';
import { scopeOf } from '$lib/server/scope';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = locals.user!;
  const state = new UrlState(url.searchParams);
  const filter: SpanFilter = {
    categories: state.many('category', SPAN_FILTER_CATEGORIES),
    status: state.one('status', ['all', 'failed', 'pending'] as const, 'all'),
    showWorkflowTasks: state.one('tasks', ['hide', 'show'] as const, 'hide') === 'show',
  };
  const view = state.one('view', ['timeline', 'table'] as const, 'timeline');
  const page = state.page();
  const selectedRaw = url.searchParams.get('span');
  const selected = selectedRaw !== null && /^[1-9]\d{0,6}$/.test(selectedRaw) ? Number(selectedRaw) : null;
  if (selectedRaw !== null && selected === null) state.problems.push(`?span=${selectedRaw} is not an event id`);
  try {
    state.check();
  } catch (err) {
    if (err instanceof UrlStateError) error(400, { message: err.message });
    throw err;
  }

  const { handle, description, siteId } = await authoriseRun(user, locals.api, params.workflowId, params.runId);
  const status = description.status.name;
  // The history (Temporal, or kept if closed) and its evidence link (PostgreSQL) are read together.
  const [run, evidence] = await Promise.all([
    decodedRun(handle, description.runId, status !== 'RUNNING'),
    siteId ? findHistoryEvidence(scopeOf(user), siteId, description.workflowId, description.runId) : null,
  ]);
  const attributes: Record<string, string> = {};
  for (const pair of description.typedSearchAttributes.getAll()) {
    if (pair.key.name.startsWith('Custos')) attributes[pair.key.name.slice('Custos'.length)] = [pair.value].flat().join(', ');
  }
  return {
    run: {
      workflowId: description.workflowId,
      runId: description.runId,
      type: description.type,
      status,
      taskQueue: description.taskQueue,
      startTime: description.startTime.getTime(),
      closeTime: description.closeTime?.getTime() ?? null,
      historyLength: description.historyLength,
      siteId,
      attributes,
    },
    rows: packedRowsJson(run.spans, filter, run.packedRows),
    summary: run.summary,
    totalSpans: run.spans.length,
    filter,
    view,
    page,
    selected: selected !== null && run.spans.some((s) => s.id === selected) ? selected : null,
    rawSha256: run.rawSha256,
    evidence,
  };
};
