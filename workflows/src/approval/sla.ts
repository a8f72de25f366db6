/**
 * Approval SLAs. Each priority has a time to decide (defaults from the original platform's
 * escalation engine: 15 min / 1 h / 4 h / 8 h). Before it runs out the request is reminded and
 * re-routed down the site's contact levels; when it runs out the approval expires and the finding
 * stays open and escalated.
 */
import type { ApprovalPriority } from '@custos/core';

export const DEFAULT_APPROVAL_SLA_MS: Readonly<Record<ApprovalPriority, number>> = {
  critical: 15 * 60_000,
  high: 60 * 60_000,
  medium: 4 * 60 * 60_000,
  low: 8 * 60 * 60_000,
};

/** Fractions of the SLA at which a reminder goes out. */
const REMINDER_FRACTIONS = [0.5, 0.75, 0.9] as const;

export interface SlaStep {
  /** Milliseconds after the request. */
  afterMs: number;
  /** Contact level to notify (0 = first contact). */
  level: number;
  /** `reroute` when this step moves the request to a new level, `reminder` when it repeats the current one. */
  kind: 'reminder' | 'reroute';
}

/** The reminder timeline for one request; `contactLevels` is how many levels the site routes through (≥ 1). */
export function slaSteps(slaMs: number, contactLevels: number): SlaStep[] {
  if (!(slaMs > 0)) throw new RangeError(`approval SLA must be positive, got ${slaMs}`);
  const levels = Math.max(1, Math.floor(contactLevels));
  let current = 0;
  return REMINDER_FRACTIONS.map((fraction, i) => {
    const level = Math.min(i + 1, levels - 1);
    const kind = level > current ? 'reroute' : 'reminder';
    current = level;
    return { afterMs: Math.round(slaMs * fraction), level, kind };
  });
}

/** Priority of an approval from the finding's severity (or an L1 escalate rule's priority). */
export function approvalPriority(severity: string): ApprovalPriority {
  return severity === 'critical' || severity === 'high' || severity === 'medium' || severity === 'low' ? severity : 'medium';
}
