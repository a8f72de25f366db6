/**
 * The exact script bodies the transport sends, one per phase, with their SHA-256. The lab (and any
 * host-side allowlist) identifies a script by runbook id, version and phase and accepts it only if
 * the hash of the received body matches, so the body is the YAML string as parsed, byte for byte.
 */
import { createHash } from 'node:crypto';
import type { Phase, Runbook } from './types.js';

export interface PhaseScript {
  readonly runbookId: string;
  readonly version: number;
  readonly phase: Phase;
  /** UTF-8 PowerShell body starting with `param($Params)`. */
  readonly body: string;
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `body`. */
  readonly sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Phase → script; verify falls back to the check body, and absent remediate/rollback are absent. */
export function phaseScripts(runbook: Runbook): ReadonlyMap<Phase, PhaseScript> {
  const bodies: [Phase, string | undefined][] = [
    ['check', runbook.check.script],
    ['remediate', runbook.remediate?.script],
    ['verify', runbook.verify?.script ?? runbook.check.script],
    ['rollback', runbook.rollback?.script],
  ];
  const out = new Map<Phase, PhaseScript>();
  for (const [phase, body] of bodies) {
    if (body !== undefined) out.set(phase, Object.freeze({ runbookId: runbook.id, version: runbook.version, phase, body, sha256: sha256Hex(body) }));
  }
  return out;
}

/** `$Params.<name>` reads in a script, with 1-based line numbers; `dynamic` marks reads by computed name. */
export function paramReferences(script: string): { name: string; line: number; column: number; dynamic: boolean }[] {
  const refs: { name: string; line: number; column: number; dynamic: boolean }[] = [];
  script.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\$Params(\.([A-Za-z_][A-Za-z0-9_]*)|\.\$|\[|\.\(|\.'|\.")?/gi)) {
      const whole = m[0];
      if (m[2]) refs.push({ name: m[2], line: i + 1, column: (m.index ?? 0) + 1, dynamic: false });
      else if (whole.length > '$Params'.length) refs.push({ name: whole, line: i + 1, column: (m.index ?? 0) + 1, dynamic: true });
    }
  });
  return refs;
}
