import type { ControlResult } from '@custos/evidence';
import type { Observation } from '@custos/core';

/** What reading scan results needs from the catalogue. */
export interface ScanCatalogue {
  severity(runbookId: string): string | undefined;
  /** Framework-qualified control ids (`hipaa:164.312(b)`) a runbook's results are stated under. */
  controlKeys(runbookId: string): readonly string[];
  /** Runbooks a scan may run on a host of this kind. */
  runbooksFor(kind: string): readonly string[];
}

export type ScanOutcome = Pick<Observation, 'hostId' | 'runbookId' | 'outcome'>;

// A failing result names its runbook: `finding: "<runbook id>: <title>"` (scan-record.ts).
const FINDING_RUNBOOK = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}): /;

/**
 * The per-host, per-runbook outcomes one scan bundle states. Two shapes are read:
 * - `{ id: <runbook id>, host, result }`: the runbook's result itself;
 * - `{ id: "<framework>:<control>", host, result, finding? }` (what scans record): one entry per
 *   control a runbook maps to. A runbook failed when a failing entry's finding names it. A runbook
 *   ran when an entry exists for every control it maps to; then it passed unless named, or — when
 *   one of its controls has no passing entry at all (its own entry said "na": not applicable or could
 *   not run, the bundle does not say which) — it counts as "error": no passing evidence.
 *   A runbook sharing every control with another that passed cannot be told apart from it; it reads
 *   as passing. Runbook-id entries, when a host has any, are exact and used alone.
 */
export function scanOutcomes(controls: readonly ControlResult[], catalogue: ScanCatalogue, hostKind: (hostId: string) => string | undefined): ScanOutcome[] {
  const byHost = new Map<string, ControlResult[]>();
  for (const c of controls) {
    if (c.host === undefined) continue;
    let list = byHost.get(c.host);
    if (!list) byHost.set(c.host, (list = []));
    list.push(c);
  }
  const out: ScanOutcome[] = [];
  for (const [hostId, entries] of byHost) {
    const direct = entries.filter((c) => catalogue.severity(c.id) !== undefined);
    if (direct.length > 0) {
      for (const c of direct) out.push({ hostId, runbookId: c.id, outcome: c.result === 'na' ? 'not_applicable' : c.result });
      continue;
    }
    const failing = new Set<string>();
    const seen = new Map<string, { pass: boolean }>();
    for (const c of entries) {
      if (!c.id.includes(':')) continue;
      const s = seen.get(c.id) ?? { pass: false };
      if (c.result === 'pass') s.pass = true;
      seen.set(c.id, s);
      const named = c.result === 'fail' ? FINDING_RUNBOOK.exec(c.finding ?? '')?.[1] : undefined;
      if (named && catalogue.severity(named) !== undefined) failing.add(named);
    }
    const kind = hostKind(hostId);
    if (kind === undefined) continue;
    for (const runbookId of catalogue.runbooksFor(kind)) {
      const keys = catalogue.controlKeys(runbookId);
      if (failing.has(runbookId)) out.push({ hostId, runbookId, outcome: 'fail' });
      else if (keys.length > 0 && keys.every((k) => seen.has(k))) out.push({ hostId, runbookId, outcome: keys.every((k) => seen.get(k)!.pass) ? 'pass' : 'error' });
    }
  }
  return out;
}
