import { proxyActivities } from '@temporalio/workflow';
import type { CentralActivities } from '@custos/activities/types';
import { NON_RETRYABLE_FAILURES } from '@custos/core';

/**
 * Evidence activities retry without limit: an object store or database outage must delay evidence,
 * never lose it. Only failures retrying cannot fix (an invalid request: EvidenceRefused) stop them.
 * The back-off tops out at a minute so evidence catches up soon after the store is back.
 */
export function evidenceActivities() {
  return proxyActivities<CentralActivities>({
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
}
