import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, log, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { FailureType } from '@custos/core';
import type { FlywheelSettings, HealOutcomeReport } from '@custos/activities/types';
import { centralLocalActivities } from '../proxies.js';
import { DEFAULT_FLYWHEEL_SETTINGS, Flywheel, initialFlywheelState, type FlywheelState } from './flywheel-state.js';
import { activeRules, decidePromotion, flywheelSnapshot, recordHealOutcome } from './messages.js';

export interface FlywheelInput {
  /** Carried across continue-as-new. */
  state?: FlywheelState;
  settings?: Partial<FlywheelSettings>;
  /** For tests: continue as new after this many history events (default: when the server suggests it). */
  continueAsNewAfterEvents?: number;
}

/**
 * The data flywheel: counts heal outcomes per pattern, proposes an L1 rule when L2 keeps solving a
 * pattern (≥ 5 occurrences, ≥ 3 L2 resolutions, ≥ 90 % success within 7 days by default), waits for a
 * person to approve it (`decidePromotion`), serves the active promoted rules to heals, and rolls a
 * promoted rule back by itself when more than 20 % of the heals it decided fail.
 */
export async function flywheel(input: FlywheelInput = {}): Promise<void> {
  const fw = new Flywheel(input.state ?? initialFlywheelState({ ...DEFAULT_FLYWHEEL_SETTINGS, ...input.settings }));
  const inbox: HealOutcomeReport[] = [];
  setHandler(recordHealOutcome, (report) => void inbox.push(report));
  setHandler(activeRules, () => fw.active());
  setHandler(flywheelSnapshot, () => fw.snapshot(Date.now()));
  setHandler(decidePromotion, (d) => fw.decide(d, Date.now()), {
    validator: (d) => {
      try {
        fw.validate(d);
      } catch (err) {
        throw ApplicationFailure.create({ type: FailureType.PlanRejected, nonRetryable: true, message: (err as Error).message });
      }
    },
  });

  const central = centralLocalActivities();
  const tooLong = () => workflowInfo().continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= input.continueAsNewAfterEvents);
  for (;;) {
    await condition(() => inbox.length > 0 || tooLong());
    while (inbox.length > 0) {
      const rollback = fw.record(inbox.shift() as HealOutcomeReport);
      if (rollback) {
        // Recorded in this history and the snapshot (rollbacks); the dashboard reads them from there.
        log.warn('promoted rule rolled back', { ...rollback });
      }
    }
    for (const stats of fw.candidates(Date.now())) {
      const rule = fw.draft(stats);
      const ruleSha256 = await central.hashRule(rule);
      const proposal = fw.propose({ proposalId: uuid4(), stats, rule, ruleSha256, nowMs: Date.now() });
      log.info('promotion proposed', { ruleId: rule.id, proposalId: proposal.proposalId });
    }
    if (tooLong()) {
      await condition(allHandlersFinished);
      fw.compact(Date.now());
      await continueAsNew<typeof flywheel>({ ...input, state: fw.state });
    }
  }
}
