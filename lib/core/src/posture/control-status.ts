import { attestationInForce } from './as-of.js';
import type { Attestation, ControlDefinition, ControlPosture, ControlStatus, Observation } from './types.js';

interface AutomatedPart {
  status: 'pass' | 'fail' | 'partial' | 'not-applicable';
  passing: number;
  failing: number;
  evidenceIds: string[];
}

type ByRunbook = Map<string, Map<string, Observation>>;

// The latest observations by runbook, then host, built once per map of latest observations: a
// scope's controls look up hosts × mapped runbooks each, and ids that are already strings hash once.
const indexes = new WeakMap<Map<string, Observation>, ByRunbook>();

function byRunbook(latest: Map<string, Observation>): ByRunbook {
  let index = indexes.get(latest);
  if (!index) {
    index = new Map();
    for (const o of latest.values()) {
      let hosts = index.get(o.runbookId);
      if (!hosts) index.set(o.runbookId, (hosts = new Map()));
      hosts.set(o.hostId, o);
    }
    indexes.set(latest, index);
  }
  return index;
}

type PartStatus = AutomatedPart['status'];

const partStatus = (passing: number, failing: number): PartStatus => (passing + failing === 0 ? 'not-applicable' : failing === 0 ? 'pass' : passing === 0 ? 'fail' : 'partial');

/**
 * The runbook-evidenced part of a control over a set of hosts: every (host, mapped runbook) pair
 * must have a passing latest observation. A pair never observed is a failure ("no evidence"), an
 * error is a failure, an explicit not_applicable is left out.
 */
function automatedPart(control: ControlDefinition, hostIds: readonly string[], latest: Map<string, Observation>): AutomatedPart {
  let passing = 0;
  let failing = 0;
  const evidenceIds = new Set<string>();
  const index = byRunbook(latest);
  for (const runbookId of control.runbooks) {
    const observed = index.get(runbookId);
    for (const hostId of hostIds) {
      const o = observed?.get(hostId);
      if (o?.outcome === 'not_applicable') continue;
      if (o) evidenceIds.add(o.evidenceId);
      if (o?.outcome === 'pass') passing += 1;
      else failing += 1;
    }
  }
  return { status: partStatus(passing, failing), passing, failing, evidenceIds: [...evidenceIds].sort() };
}

/** automatedPart's status alone, counted the same way without collecting evidence ids (score series). */
function automatedStatus(control: ControlDefinition, hostIds: readonly string[], latest: Map<string, Observation>): PartStatus {
  let passing = 0;
  let failing = 0;
  const index = byRunbook(latest);
  for (const runbookId of control.runbooks) {
    const observed = index.get(runbookId);
    for (const hostId of hostIds) {
      const outcome = observed?.get(hostId)?.outcome;
      if (outcome === 'not_applicable') continue;
      if (outcome === 'pass') passing += 1;
      else failing += 1;
    }
  }
  return partStatus(passing, failing);
}

/**
 * THE status rule, by evidence class: a manual control passes only when attested; an automated
 * one is its checks' status; a partial one needs its technical part to hold and a person to attest
 * the rest. `part` is undefined for manual controls.
 */
function statusOf(evidence: ControlDefinition['evidence'], part: PartStatus | undefined, attested: boolean): ControlStatus {
  if (evidence === 'manual') return attested ? 'pass' : 'manual-pending';
  if (evidence === 'automated') return part!;
  if (part === 'fail') return 'fail';
  if (part === 'partial') return 'partial';
  if (attested) return 'pass';
  return part === 'pass' ? 'partial' : 'manual-pending';
}

/** A control's status alone (what a score needs), by the same rule controlPosture explains. */
export function controlStatus(control: ControlDefinition, hostIds: readonly string[], latest: Map<string, Observation>, attestations: readonly Attestation[], asOf: string): ControlStatus {
  const attested = control.evidence !== 'automated' && attestationInForce(attestations, control.framework, control.id, asOf) !== undefined;
  return statusOf(control.evidence, control.evidence === 'manual' ? undefined : automatedStatus(control, hostIds, latest), attested);
}

function checks(part: AutomatedPart): string {
  return `${part.passing} of ${part.passing + part.failing} host checks pass`;
}

/** Status of one control over `hostIds` at `asOf`, combining runbook evidence and attestations by its evidence class, with the reason and evidence behind it. */
export function controlPosture(
  control: ControlDefinition,
  hostIds: readonly string[],
  latest: Map<string, Observation>,
  attestations: readonly Attestation[],
  asOf: string,
): ControlPosture {
  const base = { framework: control.framework, controlId: control.id };
  const attested = control.evidence === 'automated' ? undefined : attestationInForce(attestations, control.framework, control.id, asOf);
  const attestedIds = attested ? [attested.evidenceId] : [];
  const attestedBy = attested ? `attested by ${attested.attestedBy} on ${attested.attestedAt.slice(0, 10)}` : '';

  if (control.evidence === 'manual') {
    const status = statusOf('manual', undefined, attested !== undefined);
    return status === 'pass' ? { ...base, status, reason: attestedBy, evidenceIds: attestedIds } : { ...base, status, reason: 'manual task not yet attested', evidenceIds: [] };
  }

  const part = automatedPart(control, hostIds, latest);
  const status = statusOf(control.evidence, part.status, attested !== undefined);
  if (control.evidence === 'automated') {
    const reason = part.status === 'not-applicable' ? 'no mapped check applies to these hosts' : checks(part);
    return { ...base, status, reason, evidenceIds: part.evidenceIds };
  }

  // Partial: the technical part must hold and a person must attest the rest.
  const evidenceIds = [...part.evidenceIds, ...attestedIds];
  let reason: string;
  if (part.status === 'fail') reason = checks(part);
  else if (part.status === 'partial') reason = `${checks(part)}${attested ? '; attested' : '; not attested'}`;
  else if (attested) reason = `${part.status === 'pass' ? `${checks(part)}; ` : ''}${attestedBy}`;
  else if (part.status === 'pass') reason = `${checks(part)}; manual part not yet attested`;
  else return { ...base, status, reason: 'manual part not yet attested', evidenceIds };
  return { ...base, status, reason, evidenceIds };
}
