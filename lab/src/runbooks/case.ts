/**
 * A runbook's lab semantics: the handlers that stand in for its scripts, how to drift a host so its
 * check fails, and what remediation does on each kind of host. The lab-cycle integration test
 * (runbooks/test/lab-cycle.int.test.ts) walks every case over real WinRM.
 */
import type { Operation } from 'fast-json-patch';
import type { RunbookHandlers } from '../scripts/handler.js';
import type { HostKind, HostState } from '../state/host-state.js';

/**
 * What happens on a host of that kind once the check fails: the (approved) remediation heals it, or
 * reports why it cannot (`blocked`), or — for an alert-only runbook — nothing can run and the finding
 * stays for a person (`reports`).
 */
export type CycleOutcome = 'heals' | 'blocked' | 'reports';

export interface LabRunbookCase {
  readonly handlers: RunbookHandlers;
  /** The host kinds the cycle runs on (the runbook's host kinds as the lab names them) and the expected outcome. */
  readonly cycle: Partial<Record<HostKind, CycleOutcome>>;
  /** A JSON Patch (RFC 6902) that drifts this host — already carrying its facts — so the check fails. */
  drift(state: HostState): Operation[];
  /** Params an approver would supply on top of the runbook's defaults (e.g. the site's DNS servers). */
  readonly approvedParams?: Record<string, unknown>;
}

export function defineCase(c: LabRunbookCase): LabRunbookCase {
  return c;
}
