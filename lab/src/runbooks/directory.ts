/** The directory facts of a domain controller, for the AD runbooks. */
import { ScriptFailure } from '../scripts/handler.js';
import type { AdDirectory, HostState } from '../state/host-state.js';
import { factsOf, type RunbookFacts } from './facts.js';

/** The AD module only answers on a domain controller (or with RSAT); the lab runs AD scripts on DCs only. */
export function directoryOf(state: HostState, now: Date): { ad: AdDirectory; facts: NonNullable<RunbookFacts['directory']> } {
  const facts = factsOf(state, now);
  if (!state.ad || !facts.directory) throw new ScriptFailure("Unable to find a default server with Active Directory Web Services running.");
  return { ad: state.ad, facts: facts.directory };
}
