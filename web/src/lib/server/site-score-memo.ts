import type { ControlDefinition } from '@custos/core/posture';
import { SiteScoreMemo } from '$lib/models/site-score-memo';

// Keyed by the loaded catalogue's controls: scores computed against one catalogue are never reused
// against another. Entries are per site; every page reads only the sites in its user's scope.
const memos = new WeakMap<readonly ControlDefinition[], SiteScoreMemo>();

/** The process's site score memo for this catalogue (see SiteScoreMemo for when an entry is reused). */
export function siteScoreMemo(controls: readonly ControlDefinition[]): SiteScoreMemo {
  let memo = memos.get(controls);
  if (!memo) memos.set(controls, (memo = new SiteScoreMemo()));
  return memo;
}
