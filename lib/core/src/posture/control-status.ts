import { attestationInForce } from './as-of.js';
import type { Attestation, ControlDefinition, ControlPosture, Observation } from './types.js';

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
  const status = passing + failing === 0 ? 'not-applicable' : failing === 0 ? 'pass' : passing === 0 ? 'fail' : 'partial';
  return { status, passing, failing, evidenceIds: [...evidenceIds].sort() };
}

function checks(part: AutomatedPart): string {
  return `${part.passing} of ${part.passing + part.failing} host checks pass`;
}

/** Status of one control over `hostIds` at `asOf`, combining runbook evidence and attestations by its evidence class. */
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

  if (control.evidence === 'manual') {
    return attested
      ? { ...base, status: 'pass', reason: `attested by ${attested.attestedBy} on ${attested.attestedAt.slice(0, 10)}`, evidenceIds: attestedIds }
      : { ...base, status: 'manual-pending', reason: 'manual task not yet attested', evidenceIds: [] };
  }

  const part = automatedPart(control, hostIds, latest);
  if (control.evidence === 'automated') {
    const reason = part.status === 'not-applicable' ? 'no mapped check applies to these hosts' : checks(part);
    return { ...base, status: part.status, reason, evidenceIds: part.evidenceIds };
  }

  // Partial: the technical part must hold and a person must attest the rest.
  const evidenceIds = [...part.evidenceIds, ...attestedIds];
  if (part.status === 'fail') return { ...base, status: 'fail', reason: checks(part), evidenceIds };
  if (part.status === 'partial') return { ...base, status: 'partial', reason: `${checks(part)}${attested ? '; attested' : '; not attested'}`, evidenceIds };
  if (attested) {
    const technical = part.status === 'pass' ? `${checks(part)}; ` : '';
    return { ...base, status: 'pass', reason: `${technical}attested by ${attested.attestedBy} on ${attested.attestedAt.slice(0, 10)}`, evidenceIds };
  }
  return part.status === 'pass'
    ? { ...base, status: 'partial', reason: `${checks(part)}; manual part not yet attested`, evidenceIds }
    : { ...base, status: 'manual-pending', reason: 'manual part not yet attested', evidenceIds };
}
