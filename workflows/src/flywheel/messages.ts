import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActiveRules, FlywheelSnapshot, HealOutcomeReport, PromotionDecision, PromotionProposal } from '@custos/activities/types';

/** Names must match activities' FLYWHEEL contract. */
export const recordHealOutcome = defineSignal<[HealOutcomeReport]>('recordHealOutcome');
export const activeRules = defineQuery<ActiveRules>('activeRules');
export const flywheelSnapshot = defineQuery<FlywheelSnapshot>('flywheelSnapshot');

/**
 * Approve or reject a promotion proposal. The validator refuses (no history event) a decision for
 * an unknown or already decided proposal, or one bound to another rule hash than the one proposed.
 */
export const decidePromotion = defineUpdate<PromotionProposal, [PromotionDecision]>('decidePromotion');
