import { error } from '@sveltejs/kit';
import { healOutcome } from '$lib/models/heal-result';
import { catalogue } from '$lib/server/catalogue';
import { evidenceForRun } from '$lib/server/read-models/evidence';
import { approvalOfWorkflow, getHealRow } from '$lib/server/read-models/heals';
import { scopeOf } from '$lib/server/scope';
import { decodedRun } from '$lib/server/temporal/history-store';
import { authoriseRun } from '$lib/server/temporal/run-access';
import type { PageServerLoad } from './$types';

/** One heal: what was wrong, which tier acted with which plan, who approved, whether verify passed, and the evidence. */
export const load: PageServerLoad = async ({ locals, params }) => {
  const user = locals.user!;
  const scope = scopeOf(user);
  const heal = await getHealRow(scope, params.workflowId);
  if (!heal) error(404, { message: 'Not found.' });
  const [approval, run] = await Promise.all([approvalOfWorkflow(scope, heal.workflowId), authoriseRun(user, locals.api, heal.workflowId)]);
  const status = run.description.status.name;
  const decoded = await decodedRun(run.handle, run.description.runId, status !== 'RUNNING');
  const workflow = decoded.spans.find((s) => s.category === 'workflow');
  const completed = workflow?.events.find((e) => e.type === 'WorkflowExecutionCompleted');
  const evidence = await evidenceForRun(scope, heal.siteId, heal.workflowId, run.description.runId);
  return {
    heal,
    check: heal.checkId ? ((await catalogue()).byId.get(heal.checkId) ?? null) : null,
    approval,
    runId: run.description.runId,
    status,
    outcome: healOutcome(completed?.attributes['result']),
    summary: decoded.summary,
    evidence,
  };
};
