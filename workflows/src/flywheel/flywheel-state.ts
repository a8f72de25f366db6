/**
 * The flywheel's bookkeeping, free of Temporal: outcomes per pattern inside a sliding window,
 * promotion candidates, proposals and their decisions, active promoted rules, and automatic rollback
 * of a promoted rule whose failure rate passes the bound. The workflow keeps one of these, feeds it
 * signals and Updates, and carries `state` across continue-as-new.
 */
import type { L1Rule } from '@custos/core';
import type {
  ActiveRules,
  FlywheelSettings,
  FlywheelSnapshot,
  HealOutcomeReport,
  PatternStats,
  PromotionDecision,
  PromotionProposal,
  RuleRollback,
} from '@custos/activities/types';
import { approvedRule, proposedRule } from './promoted-rule.js';

interface Sample {
  healId: string;
  at: number;
  tier: HealOutcomeReport['tier'];
  success: boolean;
}

interface PatternRecord {
  meta: Pick<HealOutcomeReport, 'patternId' | 'checkRunbookId' | 'actionRunbookId' | 'actionVersion' | 'params' | 'autoHealable'>;
  samples: Sample[];
}

interface LiveRule {
  rule: L1Rule;
  samples: { healId: string; success: boolean }[];
}

export interface FlywheelState {
  settings: FlywheelSettings;
  version: number;
  patterns: Record<string, PatternRecord>;
  proposals: PromotionProposal[];
  rules: LiveRule[];
  rollbacks: RuleRollback[];
  /** Recently counted heal ids: a re-delivered outcome is counted once. */
  seen: string[];
}

/** The promotion bar and rollback bound (the original platform's learning-loop defaults). */
export const DEFAULT_FLYWHEEL_SETTINGS: FlywheelSettings = {
  minOccurrences: 5,
  minL2Resolutions: 3,
  minSuccessRate: 0.9,
  windowMs: 7 * 24 * 60 * 60_000,
  rollbackFailureRate: 0.2,
  rollbackMinSamples: 5,
};

const MAX_SAMPLES = 200;
const MAX_SEEN = 2000;
const MAX_RULE_SAMPLES = 100;

export function initialFlywheelState(settings: FlywheelSettings): FlywheelState {
  return { settings, version: 0, patterns: {}, proposals: [], rules: [], rollbacks: [], seen: [] };
}

export class Flywheel {
  constructor(readonly state: FlywheelState) {}

  /** Counts one outcome; returns a rollback when it pushed a promoted rule over the failure bound. */
  record(report: HealOutcomeReport): RuleRollback | undefined {
    if (this.state.seen.includes(report.healWorkflowId)) return undefined;
    this.state.seen.push(report.healWorkflowId);
    if (this.state.seen.length > MAX_SEEN) this.state.seen.splice(0, this.state.seen.length - MAX_SEEN);

    const record = (this.state.patterns[report.patternId] ??= {
      meta: {
        patternId: report.patternId,
        checkRunbookId: report.checkRunbookId,
        actionRunbookId: report.actionRunbookId,
        actionVersion: report.actionVersion,
        params: report.params,
        autoHealable: report.autoHealable,
      },
      samples: [],
    });
    record.meta.autoHealable = report.autoHealable;
    record.samples.push({ healId: report.healWorkflowId, at: report.at, tier: report.tier, success: report.success });
    if (record.samples.length > MAX_SAMPLES) record.samples.splice(0, record.samples.length - MAX_SAMPLES);

    const live = report.ruleId === null ? undefined : this.state.rules.find((r) => r.rule.id === report.ruleId);
    if (!live) return undefined;
    live.samples.push({ healId: report.healWorkflowId, success: report.success });
    if (live.samples.length > MAX_RULE_SAMPLES) live.samples.splice(0, live.samples.length - MAX_RULE_SAMPLES);
    const failures = live.samples.filter((s) => !s.success).length;
    const rate = failures / live.samples.length;
    if (live.samples.length < this.state.settings.rollbackMinSamples || rate <= this.state.settings.rollbackFailureRate) return undefined;
    const rollback: RuleRollback = { ruleId: live.rule.id, at: report.at, failures, samples: live.samples.length, failureRate: rate };
    this.state.rules = this.state.rules.filter((r) => r !== live);
    this.state.rollbacks.push(rollback);
    this.state.version++;
    return rollback;
  }

  stats(patternId: string, nowMs: number): PatternStats | undefined {
    const record = this.state.patterns[patternId];
    if (!record) return undefined;
    const recent = record.samples.filter((s) => s.at >= nowMs - this.state.settings.windowMs);
    return {
      ...record.meta,
      occurrences: recent.length,
      l2Resolutions: recent.filter((s) => s.tier === 'L2' && s.success).length,
      successes: recent.filter((s) => s.success).length,
      lastSeen: recent.reduce((m, s) => Math.max(m, s.at), 0),
    };
  }

  /**
   * Patterns that meet the promotion bar and have no proposal or rule yet. A pattern whose action is
   * another runbook than the finding's, or needs approval, is never proposed: an L1 rule may only
   * run the runbook of the finding it matched, without a human.
   */
  candidates(nowMs: number): PatternStats[] {
    const s = this.state.settings;
    return Object.keys(this.state.patterns)
      .sort()
      .map((id) => this.stats(id, nowMs) as PatternStats)
      .filter(
        (p) =>
          this.state.patterns[p.patternId]?.meta.autoHealable === true &&
          p.checkRunbookId === p.actionRunbookId &&
          p.occurrences >= s.minOccurrences &&
          p.l2Resolutions >= s.minL2Resolutions &&
          p.successes / p.occurrences >= s.minSuccessRate &&
          !this.state.proposals.some((x) => x.patternId === p.patternId),
      );
  }

  draft(stats: PatternStats): L1Rule {
    return proposedRule(stats);
  }

  propose(input: { proposalId: string; stats: PatternStats; rule: L1Rule; ruleSha256: string; nowMs: number }): PromotionProposal {
    const proposal: PromotionProposal = {
      proposalId: input.proposalId,
      patternId: input.stats.patternId,
      rule: input.rule,
      ruleSha256: input.ruleSha256,
      stats: input.stats,
      proposedAt: input.nowMs,
      status: 'pending',
    };
    this.state.proposals.push(proposal);
    return proposal;
  }

  /** Throws unless the decision may be applied now (the Update validator; changes nothing). */
  validate(d: PromotionDecision): void {
    const proposal = this.state.proposals.find((p) => p.proposalId === d?.proposalId);
    if (!proposal) throw new Error(`no promotion proposal ${String(d?.proposalId)}`);
    if (proposal.status !== 'pending') throw new Error(`proposal ${proposal.proposalId} was already ${proposal.status}`);
    if (d.decision !== 'approve' && d.decision !== 'reject') throw new Error('decision must be "approve" or "reject"');
    if (d.ruleSha256 !== proposal.ruleSha256) throw new Error(`decision is for rule ${String(d.ruleSha256)}, but the proposal's rule is ${proposal.ruleSha256}`);
    if (typeof d.reason !== 'string' || d.reason.trim() === '') throw new Error('a reason is required');
    if (typeof d.approver?.userId !== 'string' || d.approver.userId === '' || typeof d.approver.displayName !== 'string') throw new Error('approver userId and displayName are required');
  }

  decide(d: PromotionDecision, nowMs: number): PromotionProposal {
    this.validate(d);
    const proposal = this.state.proposals.find((p) => p.proposalId === d.proposalId) as PromotionProposal;
    proposal.status = d.decision === 'approve' ? 'approved' : 'rejected';
    proposal.decidedBy = { userId: d.approver.userId, displayName: d.approver.displayName };
    proposal.decidedAt = nowMs;
    proposal.reason = d.reason;
    if (proposal.status === 'approved') {
      this.state.rules.push({ rule: approvedRule(proposal.rule, d.approver.userId, nowMs), samples: [] });
      this.state.version++;
    }
    return proposal;
  }

  active(): ActiveRules {
    return { version: this.state.version, rules: this.state.rules.map((r) => r.rule) };
  }

  snapshot(nowMs: number): FlywheelSnapshot {
    return {
      ...this.active(),
      patterns: Object.keys(this.state.patterns)
        .sort()
        .map((id) => this.stats(id, nowMs) as PatternStats),
      proposals: this.state.proposals,
      rollbacks: this.state.rollbacks,
    };
  }

  /** Drops samples outside the window before the state is carried into a new run. */
  compact(nowMs: number): void {
    const from = nowMs - this.state.settings.windowMs;
    for (const [id, record] of Object.entries(this.state.patterns)) {
      record.samples = record.samples.filter((s) => s.at >= from);
      const kept = this.state.proposals.some((p) => p.patternId === id);
      if (record.samples.length === 0 && !kept) delete this.state.patterns[id];
    }
  }
}
