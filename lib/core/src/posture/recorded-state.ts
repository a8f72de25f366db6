import { ObservationTimeline } from './as-of.js';
import { frameworkScore } from './framework-posture.js';
import { POSTURE_FRAMEWORKS, type Attestation, type ControlDefinition, type Framework, type Observation } from './types.js';

/**
 * The operational record (hosts, findings, attestation rows in PostgreSQL) in the posture module's
 * shape, so the API and the dashboard score with the same functions as the packet. The record says
 * what signed evidence says, in less detail:
 *
 * - a runbook that never targets a host's kind is not applicable there, from the start (as the
 *   packet's catalogue says; same evidence id);
 * - a scan opens a finding for every check that fails or cannot run and resolves it when the check
 *   passes, so a finding is a failing observation when it was observed and, once resolved, a
 *   passing one when it was resolved;
 * - a host a scan has reached (`lastSeenAt` set) passed every applicable check it has no finding
 *   for; the record keeps no scan-by-scan history, so those passes are dated from when the host was
 *   added. A host never reached has no observations ("no evidence", counted against the score, as in
 *   the packet), and neither has a runbook switched off at the host's site (scans do not run it);
 * - an attestation counts once it is recorded as evidence (its bundle digest is its evidence id),
 *   exactly as the packet reads it back from that bundle.
 */

export interface RunbookApplicability {
  id: string;
  version: number;
  /** Host kinds the runbook targets (catalogue `hostKinds`). */
  hostKinds: readonly string[];
}

export interface RecordedHost {
  id: string;
  /** domain_controller, server or workstation (the host's role). */
  kind: string;
  /** ISO 8601: when the host was added to the inventory. */
  addedAt: string;
  /** ISO 8601: when a scan last reached it, or null if none has. */
  lastSeenAt: string | null;
  /** Runbooks switched off at the host's site. */
  disabledRunbooks?: ReadonlySet<string>;
}

export interface RecordedFinding {
  id: string;
  hostId: string;
  /** The runbook whose check failed (findings.check_id). */
  runbookId: string;
  observedAt: string;
  resolvedAt: string | null;
}

export interface RecordedAttestation {
  id: string;
  framework: Framework;
  controlId: string;
  attestedByName: string;
  attestedAt: string;
  validUntil: string | null;
  /** Digest of its evidence bundle once recorded; null while the recording is pending. */
  evidenceDigest: string | null;
}

/** Applicability by host kind holds from the start: dated at the epoch so it precedes every scan. */
export const CATALOGUE_TIME = '1970-01-01T00:00:00.000Z';

/** A not-applicable observation for every (host, runbook) pair whose runbook never targets the host's kind. */
export function notApplicableObservations(hosts: readonly { id: string; kind: string }[], runbooks: readonly RunbookApplicability[]): Observation[] {
  return hosts.flatMap((h) =>
    runbooks
      .filter((r) => !r.hostKinds.includes(h.kind))
      .map((r) => ({ hostId: h.id, runbookId: r.id, outcome: 'not_applicable' as const, observedAt: CATALOGUE_TIME, evidenceId: `catalogue:${r.id}@${r.version}:hostKinds` })),
  );
}

/** Observations the operational record supports (see above). Pure; order of the inputs does not matter. */
export function recordedObservations(state: { hosts: readonly RecordedHost[]; findings: readonly RecordedFinding[]; runbooks: readonly RunbookApplicability[] }): Observation[] {
  const out = notApplicableObservations(state.hosts, state.runbooks);
  const hostIds = new Set(state.hosts.map((h) => h.id));
  for (const h of state.hosts) {
    if (h.lastSeenAt === null) continue;
    for (const r of state.runbooks) {
      if (!r.hostKinds.includes(h.kind) || h.disabledRunbooks?.has(r.id)) continue;
      out.push({ hostId: h.id, runbookId: r.id, outcome: 'pass', observedAt: h.addedAt, evidenceId: `host:${h.id}:scanned` });
    }
  }
  for (const f of state.findings) {
    if (!hostIds.has(f.hostId)) continue;
    out.push({ hostId: f.hostId, runbookId: f.runbookId, outcome: 'fail', observedAt: f.observedAt, evidenceId: `finding:${f.id}` });
    if (f.resolvedAt !== null) out.push({ hostId: f.hostId, runbookId: f.runbookId, outcome: 'pass', observedAt: f.resolvedAt, evidenceId: `finding:${f.id}:resolved` });
  }
  return out;
}

/** Attestations recorded as evidence, in the shape the packet reads them in. */
export function recordedAttestations(rows: readonly RecordedAttestation[]): Attestation[] {
  return rows
    .filter((r) => r.evidenceDigest !== null)
    .map((r) => ({
      framework: r.framework,
      controlId: r.controlId,
      attestedBy: r.attestedByName,
      attestedAt: r.attestedAt,
      ...(r.validUntil !== null ? { validUntil: r.validUntil } : {}),
      evidenceId: r.evidenceDigest!,
    }));
}

/** A score per framework; frameworks not asked for are null. */
export type ScoreSet = Record<Framework, number | null>;

export interface ScoreSeriesInput {
  frameworks: readonly Framework[];
  controls: readonly ControlDefinition[];
  hostIds: readonly string[];
  observations: readonly Observation[];
  attestations: readonly Attestation[];
}

/**
 * One host for each distinct state among `hostIds` (the same latest outcome for every runbook). A
 * control's status depends only on whether any mapped check passes and whether any fails, which
 * hosts in the same state cannot change: scoring the representatives gives the same statuses, so
 * the same score, at a fraction of the work (a site's workstations are mostly alike). Only the
 * status reasons' counts would differ, and a score series shows no reasons.
 */
function representativeHosts(hostIds: readonly string[], latest: Map<string, Observation>): string[] {
  const states = new Map<string, string[]>();
  for (const o of latest.values()) {
    let parts = states.get(o.hostId);
    if (!parts) states.set(o.hostId, (parts = []));
    parts.push(o.runbookId, o.outcome);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of hostIds) {
    const state = (states.get(id) ?? []).join('\u0000');
    if (seen.has(state)) continue;
    seen.add(state);
    out.push(id);
  }
  return out;
}

/** The moments (ms, ascending, distinct) at which a scope's posture can change: observations, and attestations starting or ending. */
function changeTimes(input: Pick<ScoreSeriesInput, 'observations' | 'attestations'>): number[] {
  const times = new Set<string>(input.observations.map((o) => o.observedAt));
  for (const a of input.attestations) {
    times.add(a.attestedAt);
    if (a.validUntil !== undefined) times.add(a.validUntil);
  }
  return [...times]
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
}

/**
 * The first moment after `at` (ms) at which the scope's posture can change — an attestation
 * expiring, anything dated in the future — or Infinity. Scores computed at `at` hold until then.
 */
export function nextPostureChange(input: Pick<ScoreSeriesInput, 'observations' | 'attestations'>, at: number): number {
  return changeTimes(input).find((t) => t > at) ?? Number.POSITIVE_INFINITY;
}

/**
 * postureScore per framework at each instant (ISO 8601, ascending), from frameworkScore. Between
 * two instants with no observation and no attestation starting or ending in between, posture cannot
 * change, so the previous scores are reused: a quiet site costs one scoring however long the series.
 */
export function scoreSeries(input: ScoreSeriesInput, instants: readonly string[]): ScoreSet[] {
  const changes = changeTimes(input);
  // The instants whose posture must be computed: the first, and any with a change since the one before.
  const compute: boolean[] = [];
  let next = 0;
  let before: number | undefined;
  for (const asOf of instants) {
    const at = Date.parse(asOf);
    if (before !== undefined && at < before) next = 0;
    if (before !== undefined) while (next < changes.length && changes[next]! <= before) next++;
    compute.push(before === undefined || at < before || (next < changes.length && changes[next]! <= at));
    before = at;
  }
  const timeline = new ObservationTimeline(input.observations);
  const out: ScoreSet[] = [];
  instants.forEach((asOf, i) => {
    if (!compute[i]) {
      out.push(out[i - 1]!);
      return;
    }
    const scores = Object.fromEntries(POSTURE_FRAMEWORKS.map((f) => [f, null])) as ScoreSet;
    const hostIds = representativeHosts(input.hostIds, timeline.latestAt(asOf));
    for (const f of input.frameworks) {
      scores[f] = frameworkScore(f, { controls: input.controls, hostIds, observations: input.observations, timeline, attestations: input.attestations, asOf });
    }
    out.push(scores);
  });
  return out;
}

/** The operational record of some sites, as read from the database (lib/db `postureRecords`). */
export interface PostureRecordSet {
  sites: readonly { id: string; clientId: string }[];
  hosts: readonly { id: string; siteId: string; role: string; createdAt: Date; lastSeenAt: Date | null }[];
  findings: readonly { id: string; siteId: string; hostId: string; checkId: string; observedAt: Date; resolvedAt: Date | null }[];
  disabled: readonly { siteId: string; runbookId: string }[];
  attestations: readonly {
    id: string;
    clientId: string;
    framework: Framework;
    controlId: string;
    attestedByName: string;
    attestedAt: Date;
    validUntil: Date | null;
    evidenceDigest: string | null;
  }[];
}

/** What frameworkPosture needs besides the controls and the moment, for one site or one client. */
export interface RecordedScope {
  hostIds: string[];
  observations: Observation[];
  attestations: Attestation[];
}

/** Posture inputs of one site or one client, built when asked for (a fleet's would not fit at once). */
export interface RecordedScopes {
  /** A site's hosts, with its client's attestations; empty for a site not in the record. */
  site(siteId: string): RecordedScope;
  /** A client's hosts across its sites, with its attestations; empty for a client not in the record. */
  client(clientId: string): RecordedScope;
  /**
   * Every record a site's posture is built from, as one string: sites with equal keys get equal
   * observations and attestations, so equal scores for the same controls, runbooks and instants.
   * Row order does not matter. Lets a caller reuse scores it computed for a site whose record has
   * not changed since (the fleet overview scores a thousand sites per request).
   */
  siteInputsKey(siteId: string): string;
}

/**
 * Posture inputs per site and per client from the operational record: a site's hosts, a client's
 * hosts across its sites, and the client's attestations for both (attestations are the client's).
 */
export function recordedScopes(records: PostureRecordSet, runbooks: readonly RunbookApplicability[]): RecordedScopes {
  const iso = (d: Date) => d.toISOString();
  const group = <T, K extends string>(items: readonly T[], key: (t: T) => K) => {
    const out = new Map<K, T[]>();
    for (const item of items) {
      const list = out.get(key(item));
      if (list) list.push(item);
      else out.set(key(item), [item]);
    }
    return out;
  };
  const hostsBySite = group(records.hosts, (h) => h.siteId);
  const findingsBySite = group(records.findings, (f) => f.siteId);
  const disabledBySite = new Map([...group(records.disabled, (d) => d.siteId)].map(([siteId, rows]) => [siteId, new Set(rows.map((d) => d.runbookId))]));
  const attestationRowsByClient = group(records.attestations, (a) => a.clientId);
  const attestationsByClient = new Map(
    [...attestationRowsByClient].map(([clientId, rows]) => [
      clientId,
      recordedAttestations(
        rows.map((a) => ({ id: a.id, framework: a.framework, controlId: a.controlId, attestedByName: a.attestedByName, attestedAt: iso(a.attestedAt), validUntil: a.validUntil ? iso(a.validUntil) : null, evidenceDigest: a.evidenceDigest })),
      ),
    ]),
  );
  const clientOf = new Map(records.sites.map((s) => [s.id, s.clientId]));
  const sitesOf = group(records.sites, (s) => s.clientId);

  const siteParts = (siteId: string): { hostIds: string[]; observations: Observation[] } => {
    const off = disabledBySite.get(siteId);
    const hosts: RecordedHost[] = (hostsBySite.get(siteId) ?? []).map((h) => ({
      id: h.id,
      kind: h.role,
      addedAt: iso(h.createdAt),
      lastSeenAt: h.lastSeenAt ? iso(h.lastSeenAt) : null,
      ...(off ? { disabledRunbooks: off } : {}),
    }));
    const findings: RecordedFinding[] = (findingsBySite.get(siteId) ?? []).map((f) => ({ id: f.id, hostId: f.hostId, runbookId: f.checkId, observedAt: iso(f.observedAt), resolvedAt: f.resolvedAt ? iso(f.resolvedAt) : null }));
    return { hostIds: hosts.map((h) => h.id), observations: recordedObservations({ hosts, findings, runbooks }) };
  };
  const ms = (d: Date | null) => (d === null ? '' : String(d.getTime()));
  // A client's attestations count for each of its sites: their part of the key is built once.
  const attestationKeys = new Map<string, string>();
  const attestationKey = (clientId: string): string => {
    let key = attestationKeys.get(clientId);
    if (key === undefined) {
      key = (attestationRowsByClient.get(clientId) ?? []).map((a) => [a.id, a.framework, a.controlId, a.attestedByName, ms(a.attestedAt), ms(a.validUntil), a.evidenceDigest ?? ''].join('\u0000')).sort().join('\u0001');
      attestationKeys.set(clientId, key);
    }
    return key;
  };
  return {
    siteInputsKey(siteId) {
      const clientId = clientOf.get(siteId);
      if (clientId === undefined) return '';
      // Exactly the fields siteParts and recordedObservations read: a host's last-seen time only as seen or not.
      const hosts = (hostsBySite.get(siteId) ?? []).map((h) => [h.id, h.role, ms(h.createdAt), h.lastSeenAt === null ? 'unseen' : 'seen'].join('\u0000')).sort();
      const findings = (findingsBySite.get(siteId) ?? []).map((f) => [f.id, f.hostId, f.checkId, ms(f.observedAt), ms(f.resolvedAt)].join('\u0000')).sort();
      const off = [...(disabledBySite.get(siteId) ?? [])].sort();
      return [clientId, hosts.join('\u0001'), findings.join('\u0001'), off.join('\u0001'), attestationKey(clientId)].join('\u0002');
    },
    site(siteId) {
      const clientId = clientOf.get(siteId);
      if (clientId === undefined) return { hostIds: [], observations: [], attestations: [] };
      return { ...siteParts(siteId), attestations: attestationsByClient.get(clientId) ?? [] };
    },
    client(clientId) {
      const parts = (sitesOf.get(clientId) ?? []).map((s) => siteParts(s.id));
      return { hostIds: parts.flatMap((p) => p.hostIds), observations: parts.flatMap((p) => p.observations), attestations: attestationsByClient.get(clientId) ?? [] };
    },
  };
}
