import type { EvidenceStatement } from '@custos/evidence';

// Control posture at a past moment, rebuilt from signed evidence only: the latest scan result per
// (site, host, control) finished by then, with heals and approvals recorded by then beside it.
// Reconstruction only: turning this into a status or score per framework is lib/core's posture
// module (issue 10), fed with these observations.

/** A bundle whose signature, log position and schema were already checked. */
export type { VerifiedBundle } from '@custos/activities/evidence';
import type { VerifiedBundle } from '@custos/activities/evidence';

export interface ControlObservation {
  readonly controlId: string;
  /** Opaque host id, or undefined for a site-wide control. */
  readonly host?: string;
  readonly result: 'pass' | 'fail' | 'na';
  readonly observedAt: string;
  readonly finding?: string;
  /** The scan bundle it rests on. */
  readonly evidence: { readonly seq: number; readonly digest: string; readonly runId: string };
  /** A verified heal of that scan's run on this host, recorded after it and by `asOf`. */
  readonly healed?: { readonly at: string; readonly tier: string; readonly seq: number; readonly runbooks: readonly string[] };
}

export interface SitePosture {
  readonly site: string;
  readonly bundlesConsidered: number;
  readonly lastScanAt?: string;
  readonly controls: readonly ControlObservation[];
  readonly approvals: { readonly approved: number; readonly rejected: number };
  readonly histories: number;
}

export interface ReconstructedPosture {
  readonly asOf: string;
  readonly tenant: string;
  readonly sites: readonly SitePosture[];
}

function later(a: VerifiedBundle, b: VerifiedBundle): boolean {
  const ta = a.statement.predicate.finishedAt;
  const tb = b.statement.predicate.finishedAt;
  return ta > tb || (ta === tb && a.seq > b.seq);
}

/** The earliest verified heal of `scan`'s run that applied a fix on `host`, finished after the scan. */
function healOf(heals: readonly VerifiedBundle[], scan: VerifiedBundle, host: string | undefined): VerifiedBundle | undefined {
  const p = scan.statement.predicate;
  return heals
    .filter((h) => {
      const hp = h.statement.predicate;
      const section = hp.heal!;
      return section.ofRun === p.runId && hp.finishedAt >= p.finishedAt && section.actions.some((a) => a.result === 'applied' && (host === undefined || a.host === host));
    })
    .sort((x, y) => (later(x, y) ? 1 : -1))[0];
}

export function reconstructPosture(tenant: string, bundles: readonly VerifiedBundle[], asOf: Date): ReconstructedPosture {
  const cutoff = asOf.getTime();
  const bySite = new Map<string, VerifiedBundle[]>();
  for (const b of bundles) {
    const p = b.statement.predicate;
    if (p.tenant !== tenant || Date.parse(p.finishedAt) > cutoff) continue;
    bySite.set(b.site, [...(bySite.get(b.site) ?? []), b]);
  }
  const sites = [...bySite.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([site, list]): SitePosture => {
    const latest = new Map<string, { bundle: VerifiedBundle; control: NonNullable<EvidenceStatement['predicate']['controls']>[number] }>();
    let lastScan: VerifiedBundle | undefined;
    for (const b of list) {
      if (b.statement.predicate.kind !== 'scan') continue;
      if (!lastScan || later(b, lastScan)) lastScan = b;
      for (const c of b.statement.predicate.controls ?? []) {
        const key = `${c.host ?? ''}\u0000${c.id}`;
        const current = latest.get(key);
        if (!current || later(b, current.bundle)) latest.set(key, { bundle: b, control: c });
      }
    }
    const heals = list.filter((b) => b.statement.predicate.kind === 'heal' && b.statement.predicate.heal?.verified === true);
    const controls = [...latest.values()]
      .map(({ bundle, control }): ControlObservation => {
        const p = bundle.statement.predicate;
        const heal = control.result === 'fail' ? healOf(heals, bundle, control.host) : undefined;
        return {
          controlId: control.id,
          ...(control.host ? { host: control.host } : {}),
          result: control.result,
          observedAt: p.finishedAt,
          ...(control.finding ? { finding: control.finding } : {}),
          evidence: { seq: bundle.seq, digest: bundle.digest, runId: p.runId },
          ...(heal
            ? {
                healed: {
                  at: heal.statement.predicate.finishedAt,
                  tier: heal.statement.predicate.heal!.tier,
                  seq: heal.seq,
                  runbooks: heal.statement.predicate.heal!.actions.filter((a) => a.result === 'applied').map((a) => a.runbook),
                },
              }
            : {}),
        };
      })
      .sort((a, b) => (a.controlId === b.controlId ? ((a.host ?? '') < (b.host ?? '') ? -1 : 1) : a.controlId < b.controlId ? -1 : 1));
    const approvals = list.filter((b) => b.statement.predicate.kind === 'approval').map((b) => b.statement.predicate.approval!.decision);
    return {
      site,
      bundlesConsidered: list.length,
      ...(lastScan ? { lastScanAt: lastScan.statement.predicate.finishedAt } : {}),
      controls,
      approvals: { approved: approvals.filter((d) => d === 'approved').length, rejected: approvals.filter((d) => d === 'rejected').length },
      histories: list.filter((b) => b.statement.predicate.kind === 'history').length,
    };
  });
  return { asOf: asOf.toISOString(), tenant, sites };
}
