/** Drift injection: an RFC 6902 JSON Patch applied to a copy of the state; a bad patch changes nothing. */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { HostState } from './host-state.js';
import { validateState } from './validate.js';

export class StatePatchError extends Error {
  override readonly name = 'StatePatchError';
}

const ALLOWED = new Set(['add', 'replace', 'remove']);

export function patchState(state: HostState, patch: unknown): HostState {
  if (!Array.isArray(patch)) throw new StatePatchError('state patch must be a JSON array of operations');
  patch.forEach((op: unknown, i) => {
    const o = op as { op?: unknown; path?: unknown };
    if (typeof o !== 'object' || o === null || !ALLOWED.has(String(o.op)) || typeof o.path !== 'string') {
      throw new StatePatchError(`state patch operation #${i}: needs op add|replace|remove and a string path, got ${JSON.stringify(op)}`);
    }
  });
  let next: HostState;
  try {
    next = fastJsonPatch.applyPatch(structuredClone(state), patch as Operation[], true, true).newDocument;
  } catch (err) {
    const e = err as { message?: string; index?: number };
    throw new StatePatchError(`state patch operation #${e.index ?? '?'}: ${(e.message ?? String(err)).split('\n')[0]}`);
  }
  validateState(next, 'patched state');
  return next;
}
