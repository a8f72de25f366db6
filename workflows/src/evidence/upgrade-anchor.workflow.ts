import { continueAsNew, sleep, workflowInfo } from '@temporalio/workflow';
import type { UpgradeResult } from '@custos/activities/evidence';
import { evidenceActivities } from './proxies.js';
import { nextWake } from './upgrade-backoff.js';

export interface UpgradeAnchorInput {
  readonly anchorSize: number;
  /** Seconds after submission at which to ask the calendars again (default +6 h, +12 h, +24 h). */
  readonly retryAtSeconds?: readonly number[];
  /** After those, ask every this many seconds (default daily). */
  readonly thenEverySeconds?: number;
  /** Raise an alert once the proof is still pending this long after submission (default 72 h). */
  readonly alertAfterSeconds?: number;
  /** Carried across continue-as-new. */
  readonly alerted?: boolean;
}

const HOUR = 3600;

/**
 * Upgrades the OpenTimestamps proof of one anchor checkpoint to a Bitcoin attestation (reference/
 * evidence.md §7.1): asks the calendars on a back-off measured from submission and raises one alert
 * when the proof is still pending after `alertAfterSeconds`, then keeps trying daily. Intervals are
 * inputs so tests run in seconds (no time-skipping server here).
 */
export async function upgradeAnchorProof(input: UpgradeAnchorInput): Promise<UpgradeResult> {
  const retryAt = input.retryAtSeconds ?? [6 * HOUR, 12 * HOUR, 24 * HOUR];
  const thenEvery = input.thenEverySeconds ?? 24 * HOUR;
  const alertAfter = input.alertAfterSeconds ?? 72 * HOUR;
  let alerted = input.alerted ?? false;
  const { upgradeAnchorProof: upgrade, raiseAnchorAlert } = evidenceActivities();
  for (;;) {
    const result = await upgrade(input.anchorSize);
    if (result.state === 'confirmed') return result;
    // Workflow time (Date.now() is deterministic here) against the submission time the database holds.
    const age = (Date.now() - Date.parse(result.submittedAt)) / 1000;
    if (!alerted && age >= alertAfter) {
      const hours = Math.floor(age / HOUR);
      await raiseAnchorAlert({
        size: input.anchorSize,
        message: `OpenTimestamps proof of anchor checkpoint ${input.anchorSize} still pending ${hours} h after submission (${result.submittedAt}): ${result.detail.join('; ') || 'no calendar answered'}`,
      });
      alerted = true;
    }
    await sleep(Math.max(1, nextWake(age, retryAt, thenEvery, alerted ? undefined : alertAfter) - age) * 1000);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof upgradeAnchorProof>({ ...input, alerted });
  }
}
