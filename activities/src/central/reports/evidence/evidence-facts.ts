import type { IncidentRecord, Observation } from '@custos/core';
import type { EvidenceStatement } from '@custos/evidence';
import type { VerifiedBundle } from '../../evidence/read/verified-bundles.js';
import { DECISION_FOLDER } from './client-decisions.js';
import { scanOutcomes, type ScanCatalogue } from './scan-observations.js';

/**
 * What the packet reads from verified evidence bundles, and how (documented in ../README.md):
 * - scan bundles: the per-host, per-runbook results their `controls[]` state (scan-observations.ts),
 *   each an observation at the bundle's `finishedAt`;
 * - an incident is a run of failing observations of one (host, runbook): it opens at the first
 *   failure and ends at a verified heal of it (healed, with the heal's tier) or at the next passing
 *   observation (resolved without a heal);
 * - heal bundles link to the scan run that found the drift (`heal.ofRun`), and approval bundles to
 *   the heal run they decided (`approval.ofRun`); a heal that reached L3 or an approval escalates;
 * - a verified heal's applied actions are also passing observations at the heal's end (verify re-ran
 *   the check), so posture reflects a fix before the next scan.
 * Pure: the same bundles give the same facts whatever their order.
 */

export interface HealDecision {
  /** Run id of the heal the decision is about. */
  healRunId: string;
  planSha256: string;
  decision: 'approved' | 'rejected';
  approverId: string;
  decidedAt: string;
  /** The incident it belongs to, when the heal bundle is in the evidence. */
  incidentId?: string;
  runbookId?: string;
  hostId?: string;
}

export interface EvidenceFacts {
  observations: Observation[];
  incidents: IncidentRecord[];
  decisions: HealDecision[];
}

/** What reading bundles needs from the catalogue (severities, and how scans state runbook results). */
export type RunbookFacts = Omit<ScanCatalogue, 'severity'> & {
  /** Severity of a catalogue runbook, or undefined for an id that is not a runbook. */
  severity(runbookId: string): IncidentRecord['severity'] | undefined;
};

type Predicate = EvidenceStatement['predicate'];

interface OpenIncident {
  record: IncidentRecord;
  scanRuns: Set<string>;
  settled: boolean;
}

const key = (hostId: string, runbookId: string) => `${hostId}\u0000${runbookId}`;

function byTime(a: { at: string; id: string }, b: { at: string; id: string }): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Client decisions (attestations, risk acceptances) are approval bundles too; they are read elsewhere. */
export function isClientDecision(bundle: VerifiedBundle): boolean {
  return bundle.statement.subject.some((s) => s.name.startsWith(DECISION_FOLDER));
}

export function evidenceFacts(bundles: readonly VerifiedBundle[], runbooks: RunbookFacts, hostKind: (hostId: string) => string | undefined): EvidenceFacts {
  const sorted = [...bundles].sort((a, b) => byTime({ at: a.statement.predicate.finishedAt, id: a.digest }, { at: b.statement.predicate.finishedAt, id: b.digest }));
  const observations: (Observation & { runId: string; siteId: string })[] = [];
  for (const b of sorted) {
    const p = b.statement.predicate;
    if (p.kind !== 'scan') continue;
    for (const o of scanOutcomes(p.controls ?? [], runbooks, hostKind)) observations.push({ ...o, observedAt: p.finishedAt, evidenceId: b.digest, runId: p.runId, siteId: p.site });
  }

  // A verified heal re-ran the check and it passed: that is an observation too, at the heal's end.
  const heals = sorted.filter((b) => b.statement.predicate.kind === 'heal');
  const healChecks: Observation[] = heals.flatMap((h) => {
    const p = h.statement.predicate;
    if (!p.heal!.verified) return [];
    return p.heal!.actions
      .filter((a) => a.result === 'applied' && runbooks.severity(a.runbook) !== undefined)
      .map((a) => ({ hostId: a.host, runbookId: a.runbook, outcome: 'pass' as const, observedAt: p.finishedAt, evidenceId: h.digest }));
  });

  // Walk each (host, runbook) in time order; heals and approvals are applied at their own times.
  const healByRun = new Map(heals.map((h) => [h.statement.predicate.runId, h]));
  const events: { at: string; id: string; apply: () => void }[] = [];
  const open = new Map<string, OpenIncident>();
  const all: OpenIncident[] = [];
  const byKey = new Map<string, OpenIncident[]>();
  // A heal or decision belongs to the incident whose failing scans include the run it names, even if
  // a passing scan already closed it (the heal's bundle may finish after the next scan).
  const incidentOf = (hostId: string, runbookId: string, scanRun: string): OpenIncident | undefined =>
    (byKey.get(key(hostId, runbookId)) ?? []).find((i) => i.scanRuns.has(scanRun));

  for (const o of observations) {
    events.push({
      at: o.observedAt,
      id: `0:${o.evidenceId}:${o.hostId}:${o.runbookId}`,
      apply: () => {
        const k = key(o.hostId, o.runbookId);
        const current = open.get(k);
        if (o.outcome === 'fail') {
          if (current) {
            current.scanRuns.add(o.runId);
            return;
          }
          const record: IncidentRecord = {
            id: `${o.siteId}:${o.hostId}:${o.runbookId}:${o.observedAt}`,
            siteId: o.siteId,
            hostId: o.hostId,
            runbookId: o.runbookId,
            severity: runbooks.severity(o.runbookId)!,
            openedAt: o.observedAt,
            outcome: 'open',
          };
          const inc = { record, scanRuns: new Set([o.runId]), settled: false };
          open.set(k, inc);
          all.push(inc);
          byKey.set(k, [...(byKey.get(k) ?? []), inc]);
        } else if (o.outcome === 'pass' && current) {
          // Resolved by a passing check with no verified heal: closed, but not counted as healed.
          current.record.closedAt = o.observedAt;
          open.delete(k);
        }
      },
    });
  }

  for (const h of heals) {
    const p: Predicate = h.statement.predicate;
    const section = p.heal!;
    events.push({
      at: p.finishedAt,
      id: `1:${h.digest}`,
      apply: () => {
        for (const action of section.actions) {
          const inc = incidentOf(action.host, action.runbook, section.ofRun);
          if (!inc || inc.settled) continue;
          inc.record.tier = section.tier;
          if (section.verified && action.result === 'applied') {
            inc.record.outcome = 'healed';
            if (inc.record.closedAt === undefined || p.finishedAt < inc.record.closedAt) inc.record.closedAt = p.finishedAt;
            inc.settled = true;
            if (open.get(key(action.host, action.runbook)) === inc) open.delete(key(action.host, action.runbook));
          } else {
            inc.record.outcome = section.tier === 'L3' ? 'escalated' : 'failed';
          }
        }
      },
    });
  }

  const decisions: HealDecision[] = [];
  for (const a of sorted) {
    const p = a.statement.predicate;
    if (p.kind !== 'approval' || isClientDecision(a)) continue;
    const section = p.approval!;
    const decision: HealDecision = { healRunId: section.ofRun, planSha256: section.planSha256, decision: section.decision, approverId: section.approver, decidedAt: section.decidedAt };
    decisions.push(decision);
    const heal = healByRun.get(section.ofRun);
    const action = heal?.statement.predicate.heal!.actions[0];
    if (!heal || !action) continue;
    decision.runbookId = action.runbook;
    decision.hostId = action.host;
    events.push({
      at: section.decidedAt,
      id: `2:${a.digest}`,
      apply: () => {
        const inc = incidentOf(action.host, action.runbook, heal.statement.predicate.heal!.ofRun);
        if (!inc) return;
        decision.incidentId = inc.record.id;
        if (inc.record.outcome !== 'healed') {
          inc.record.outcome = 'escalated';
          inc.record.tier = 'L3';
        }
      },
    });
  }

  events.sort(byTime);
  for (const e of events) e.apply();
  return {
    observations: [...observations.map(({ runId: _run, siteId: _site, ...o }) => o), ...healChecks],
    incidents: all.map((i) => i.record).sort((a, b) => byTime({ at: a.openedAt, id: a.id }, { at: b.openedAt, id: b.id })),
    decisions,
  };
}
