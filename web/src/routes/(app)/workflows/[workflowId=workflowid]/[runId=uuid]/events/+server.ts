import { error, json } from '@sveltejs/kit';
import { decodedRun } from '$lib/server/temporal/history-store';
import { authoriseRun } from '$lib/server/temporal/run-access';
import type { RequestHandler } from './$types';

/** The decoded events of one span (?span=<head event id>), for the detail panel. Same access check as the page. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  if (!locals.user) error(401, { message: 'Sign in first.' });
  const raw = url.searchParams.get('span') ?? '';
  if (!/^[1-9]\d{0,6}$/.test(raw)) error(400, { message: `?span=${raw} is not an event id` });
  const { handle, description } = await authoriseRun(locals.user, locals.api, params.workflowId, params.runId);
  const run = await decodedRun(handle, description.runId, description.status.name !== 'RUNNING');
  const span = run.spans.find((s) => s.id === Number(raw));
  if (!span) error(404, { message: `No span starts at event ${raw}.` });
  return json({ spanId: span.id, events: span.events }, { headers: { 'cache-control': 'private, no-store' } });
};
