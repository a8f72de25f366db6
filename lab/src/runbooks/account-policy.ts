/**
 * Password and lockout policy as the two policy runbooks read it: the default domain policy on a
 * domain controller (the lab's ad.passwordPolicy plus facts.domainPolicy), secedit's [System Access]
 * values elsewhere (the lab's securityPolicy).
 */
import type { HostState } from '../state/host-state.js';
import { factsOf } from './facts.js';

export const DOMAIN_MEMBER_BLOCK = (what: string) => `the ${what} of a domain member comes from the domain; this runbook run on a domain controller fixes it`;

export function policySource(state: HostState) {
  const isDomainController = state.kind === 'dc';
  return { source: state.domain.joined ? 'domain' : 'local', domainJoined: state.domain.joined, isDomainController };
}

export function domainPolicy(state: HostState, now: Date) {
  const ad = state.ad;
  const extra = factsOf(state, now).domainPolicy;
  if (!ad || !extra) throw new Error(`lab: ${state.computerName} is a domain controller without directory facts`);
  return { ad: ad.passwordPolicy, extra };
}

/** secedit /export reads every value as an integer; a missing one is 0 in the scripts. */
export const secpol = (state: HostState, name: string): number => state.securityPolicy[name] ?? 0;
