import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { auditSummary, type AuditSummary } from '$lib/models/history/audit-summary';
import { groupSpans, type Span } from '$lib/models/history/group-spans';
import { toEvents, type WorkflowEvent } from '$lib/models/history/to-events';
import { temporal } from './client.js';
import { decodeHistory } from './decode-history.js';

export interface DecodedRun {
  events: WorkflowEvent[];
  spans: Span[];
  summary: AuditSummary;
  /** The history exactly as Temporal returned it (payloads still encoded), and its SHA-256. */
  rawJson: string;
  rawSha256: string;
  /** The history page's rows per filter, kept with a closed run (see packedRowsJson). */
  packedRows: Map<string, string>;
}

// Closed runs never change, so their decoded form is kept (a handful, by run id) for the detail
// panel and downloads. Who may read them is checked on every request before this is consulted.
const closed = new Map<string, DecodedRun>();
const MAX_CACHED = 16;

export async function decodedRun(handle: WorkflowHandle, runId: string, isClosed: boolean): Promise<DecodedRun> {
  const key = `${handle.workflowId}\u0000${runId}`;
  const hit = closed.get(key);
  if (hit) return hit;
  const { codec } = await temporal();
  const history = await handle.fetchHistory();
  const { raw, rawJson, decode } = await decodeHistory(history, codec);
  const events = toEvents(raw, decode);
  const spans = groupSpans(events);
  const run: DecodedRun = { events, spans, summary: auditSummary(spans), rawJson, rawSha256: createHash('sha256').update(rawJson).digest('hex'), packedRows: new Map() };
  if (isClosed) {
    if (closed.size >= MAX_CACHED) closed.delete(closed.keys().next().value!);
    closed.set(key, run);
  }
  return run;
}

