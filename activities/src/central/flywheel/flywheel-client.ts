/** Reading the flywheel's active promoted rules and reporting heal outcomes to it, from activities. */
import { activityInfo } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { FLYWHEEL, type ActiveRules, type HealOutcomeReport } from './flywheel-contract.js';

export async function readActiveRules(client: Client, workflowId: string): Promise<ActiveRules> {
  try {
    return await client.workflow.getHandle(workflowId).query<ActiveRules>(FLYWHEEL.activeRulesQuery);
  } catch (err) {
    // No flywheel yet: nothing has been promoted.
    if (err instanceof WorkflowNotFoundError) return { version: 0, rules: [] };
    throw err;
  }
}

/** Starts the flywheel if it is not running; the signal carries the heal id, so a retried report is counted once. */
export async function sendOutcome(client: Client, workflowId: string, report: HealOutcomeReport): Promise<void> {
  await client.workflow.signalWithStart(FLYWHEEL.workflowType, {
    workflowId,
    taskQueue: activityInfo().taskQueue,
    args: [{}],
    signal: FLYWHEEL.outcomeSignal,
    signalArgs: [report],
  });
}
