import { error } from '@sveltejs/kit';
import { decodedRun } from '$lib/server/temporal/history-store';
import { authoriseRun } from '$lib/server/temporal/run-access';
import type { RequestHandler } from './$types';

/**
 * The run's history exactly as Temporal returned it (payloads still encrypted), the form
 * `custos replay` and the signed history evidence use; its SHA-256 is in a header and on the page.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.user) error(401, { message: 'Sign in first.' });
  const { handle, description } = await authoriseRun(locals.user, locals.api, params.workflowId, params.runId);
  const run = await decodedRun(handle, description.runId, description.status.name !== 'RUNNING');
  return new Response(run.rawJson, {
    headers: {
      'content-type': 'application/json',
      'content-disposition': `attachment; filename="history-${description.runId}.json"`,
      'x-content-sha256': run.rawSha256,
      'cache-control': 'private, no-store',
    },
  });
};
