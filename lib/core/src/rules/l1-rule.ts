/**
 * L1 rules: the deterministic first tier of healing. A rule matches a failing finding by
 * conditions over its fields and either runs a catalogue runbook or escalates to a human.
 * Rules are data (runbooks/rules/*.yaml, or promoted from L2 patterns); see l1-compile.ts for the
 * invariants a rule must satisfy and l1-decide.ts for how one finding is decided.
 */
import type { Condition } from './conditions.js';

export type EscalationPriority = 'critical' | 'high' | 'medium' | 'low';
export const ESCALATION_PRIORITIES: readonly EscalationPriority[] = ['critical', 'high', 'medium', 'low'];

/** Where a rule came from; promoted rules keep the numbers that justified promotion. */
export type RuleProvenance =
  | { readonly source: 'hand-written'; readonly author: string; readonly since: string; readonly note?: string }
  | {
      readonly source: 'promoted';
      /** Signature of the L2 pattern the rule was promoted from. */
      readonly pattern: string;
      readonly promotedAt: string;
      readonly approvedBy: string;
      readonly occurrences: number;
      readonly l2Resolutions: number;
      readonly successRate: number;
    };

export type L1Action =
  | { readonly kind: 'run_runbook'; readonly runbook: string; readonly params: Readonly<Record<string, unknown>> }
  | { readonly kind: 'escalate'; readonly priority: EscalationPriority; readonly reason: string };

export interface L1Rule {
  readonly id: string;
  readonly description: string;
  readonly enabled: boolean;
  /** Lower runs first; ties are broken by id so the order never depends on load order. */
  readonly priority: number;
  /** After a rule fires for a host it does not fire again for that host for this long. */
  readonly cooldownSeconds: number;
  /** All must hold. Must include `runbookId eq <id>` so a rule can never match every finding. */
  readonly match: readonly Condition[];
  readonly action: L1Action;
  readonly provenance: RuleProvenance;
}

/**
 * What the healer hands to L1: the failing check's identity and its output. Rules address any field
 * by dot path (`output.signatureAgeDays`); `runbookId` and `hostId` are always present.
 */
export interface L1Finding {
  readonly runbookId: string;
  readonly hostId: string;
  readonly [field: string]: unknown;
}

/**
 * The top-level fields a finding carries and rules may match on: `status` is `fail` (the check ran
 * and did not pass) or `error` (it could not run or its output was invalid); `output` is the
 * check's JSON output; `attempt` counts heals already tried for this finding.
 */
export const L1_FINDING_FIELDS = ['runbookId', 'runbookVersion', 'hostId', 'hostKind', 'siteId', 'severity', 'status', 'output', 'attempt'] as const;

/** The cooldown a fired rule claims; the caller stores it and passes it back on later decisions. */
export interface CooldownClaim {
  readonly key: string;
  /** Epoch milliseconds until which the rule stays quiet for this host. */
  readonly until: number;
}

export type L1Decision =
  | {
      readonly kind: 'run_runbook';
      readonly ruleId: string;
      readonly runbookId: string;
      readonly params: Readonly<Record<string, unknown>>;
      readonly cooldown: CooldownClaim;
    }
  | { readonly kind: 'escalate'; readonly ruleId: string; readonly priority: EscalationPriority; readonly reason: string; readonly cooldown: CooldownClaim }
  /** The first matching rule fired for this host recently; the healer must not fall through to a lower rule or to L2. */
  | { readonly kind: 'cooling_down'; readonly ruleId: string; readonly until: number }
  /** No enabled rule matches: the finding goes to L2. */
  | { readonly kind: 'no_match' };
