import { error } from '@sveltejs/kit';
import { authoriseRun } from '$lib/server/temporal/run-access';
import type { RequestHandler } from './$types';

const POLL_MS = 1000;
const MAX_MS = 10 * 60_000;

/**
 * Server-sent events for a running workflow: one `progress` event whenever its history grows or
 * its status changes, and `closed` when it finishes. The page reloads its data on each. Polls
 * describe() once a second per open stream, and gives up after ten minutes (the browser reconnects).
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
  if (!locals.user) error(401, { message: 'Sign in first.' });
  const { handle } = await authoriseRun(locals.user, locals.api, params.workflowId, params.runId);
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const started = Date.now();
      let last = '';
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const tick = async () => {
        try {
          const d = await handle.describe();
          const now = `${d.status.name}/${d.historyLength}`;
          if (now !== last) {
            last = now;
            send('progress', { status: d.status.name, historyLength: d.historyLength });
          }
          if (d.status.name !== 'RUNNING') {
            send('closed', { status: d.status.name });
            controller.close();
            return;
          }
        } catch {
          send('unavailable', { message: 'Temporal did not answer; retrying' });
        }
        if (Date.now() - started > MAX_MS || request.signal.aborted) return controller.close();
        timer = setTimeout(() => void tick(), POLL_MS);
      };
      void tick();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
};
