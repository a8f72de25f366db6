import { invalidInput } from '../heal/failures.js';
import { storeActivities } from './proxies.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Records a client's new attestations and risk acceptances as evidence, started by the API right
 * after one is stored (id `client-decision:<decision id>`). It records every pending decision of the
 * client, so a start that failed is caught up by the next one or by the monthly packet.
 */
export async function recordClientDecisionEvidence(input: { clientId: string }): Promise<{ attestations: number; riskAcceptances: number }> {
  if (!UUID.test(input?.clientId ?? '')) throw invalidInput(`recordClientDecisionEvidence: clientId ${JSON.stringify(input?.clientId)} is not a client id`);
  return storeActivities().recordClientDecisions({ clientId: input.clientId });
}
