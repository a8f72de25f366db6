/**
 * The script catalogue the lab checks received bodies against. A small interface, so the lab can use the real
 * `@custos/runbooks` catalogue or a fixture catalogue in tests.
 */
import { createHash } from 'node:crypto';
import type { ScriptPhase } from '@custos/winrm';

export interface ScriptKey {
  runbook: string;
  version: number;
  phase: ScriptPhase;
}

export interface ScriptCatalogue {
  /** The script body for (runbook, version, phase), or undefined when the catalogue has no such script. */
  scriptBody(key: ScriptKey): string | undefined;
  /** Set when the catalogue could not be loaded: every catalogue script is then refused with this reason. */
  readonly unavailable?: string;
}

/** A catalogue that could not be loaded: refuses everything, saying why (loud, never a silent pass). */
export const unavailableCatalogue = (reason: string): ScriptCatalogue => ({ scriptBody: () => undefined, unavailable: reason });

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A catalogue from a list of entries (tests, fixtures). */
export function listCatalogue(entries: readonly (ScriptKey & { body: string })[]): ScriptCatalogue {
  const map = new Map(entries.map((e) => [`${e.runbook}@${e.version}/${e.phase}`, e.body]));
  return { scriptBody: (k) => map.get(`${k.runbook}@${k.version}/${k.phase}`) };
}

/** Several catalogues; the first that knows a script answers. */
export function combinedCatalogue(...catalogues: readonly ScriptCatalogue[]): ScriptCatalogue {
  return { scriptBody: (k) => catalogues.map((c) => c.scriptBody(k)).find((b) => b !== undefined) };
}
