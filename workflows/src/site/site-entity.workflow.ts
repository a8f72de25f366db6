import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, continueAsNew, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import { FailureType } from '@custos/core';
import type { SiteEntityInput } from '@custos/activities/types';
import { centralActivities } from '../proxies.js';
import { claimCooldown, configureSite, siteSnapshot } from './messages.js';
import { claimProblems, configProblems, SiteState } from './site-state.js';

const refuse = (problems: string[]) => {
  if (problems.length > 0) throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: problems.join('; ') });
};

/**
 * The long-lived entity of one site (`site:<siteId>`): its settings and L1 cooldowns, and — when it
 * manages them — the site's Schedules, kept in step with every configuration change and deleted
 * when the entity is cancelled. Continues as new when the server suggests it (or after
 * `continueAsNewAfterEvents`), carrying only the small snapshot.
 */
export async function siteEntity(input: SiteEntityInput): Promise<void> {
  const state = new SiteState(input.snapshot.siteId, input.snapshot);
  let manage = input.manageSchedules;
  let applied = false;
  let dirty = manage;
  setHandler(siteSnapshot, () => state.snapshot());
  setHandler(claimCooldown, (c) => state.claim(c, Date.now()), { validator: (c) => refuse(claimProblems(c)) });
  setHandler(
    configureSite,
    (u) => {
      state.configure(u.config ?? {});
      if (typeof u.manageSchedules === 'boolean') manage = u.manageSchedules;
      dirty = true;
      return state.snapshot();
    },
    { validator: (u) => refuse(u === null || typeof u !== 'object' ? ['update must be an object'] : configProblems(u.config ?? {})) },
  );

  const central = centralActivities();
  const tooLong = () => workflowInfo().continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= input.continueAsNewAfterEvents);
  try {
    for (;;) {
      await condition(() => dirty || tooLong());
      while (dirty) {
        dirty = false;
        const snap = state.snapshot();
        if (manage) {
          await central.applySiteSchedules({ siteId: snap.siteId, config: snap.config, configVersion: snap.configVersion });
          applied = true;
        } else if (applied || input.manageSchedules) {
          await central.removeSiteSchedules({ siteId: snap.siteId });
          applied = false;
        }
      }
      if (tooLong()) {
        await condition(allHandlersFinished);
        state.prune(Date.now());
        await continueAsNew<typeof siteEntity>({ ...input, snapshot: state.snapshot(), manageSchedules: manage });
      }
    }
  } catch (err) {
    // Cancelling the entity retires the site: its Schedules go with it.
    if (isCancellation(err) && (manage || applied)) await CancellationScope.nonCancellable(() => central.removeSiteSchedules({ siteId: state.siteId }));
    throw err;
  }
}
