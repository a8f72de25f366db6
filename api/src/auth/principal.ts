import type { Role, Scope } from '@custos/db';

export type TokenScope = 'read' | 'write';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  displayName: string;
  role: Role;
  partnerId: string | null;
  clientId: string | null;
  grantedClientIds: string[];
  via: { kind: 'session'; sessionId: string; csrfSecret: string } | { kind: 'token'; tokenId: string; scopes: TokenScope[] };
}

export interface AppliancePrincipal {
  kind: 'appliance';
  applianceId: string;
  partnerId: string;
  clientId: string;
  siteId: string;
  publicKey: Buffer;
}

export type Principal = UserPrincipal | AppliancePrincipal;

/** The data a principal may see, as the repositories' scope. */
export function scopeOf(p: Principal): Scope {
  if (p.kind === 'appliance') return { kind: 'site', partnerId: p.partnerId, clientId: p.clientId, siteId: p.siteId };
  switch (p.role) {
    case 'platform_admin':
      return { kind: 'platform' };
    case 'partner_admin':
    case 'partner_tech':
      return { kind: 'partner', partnerId: p.partnerId! };
    case 'client_owner':
    case 'client_viewer':
      return { kind: 'clients', partnerId: p.partnerId!, clientIds: [p.clientId!] };
    case 'auditor':
      return { kind: 'clients', partnerId: p.partnerId!, clientIds: p.grantedClientIds };
  }
}

/** What the audit log and Temporal see as the actor: opaque ids, never names or emails. */
export function actorOf(p: Principal | null): { actor_kind: 'user' | 'api_token' | 'appliance' | 'anonymous'; actor_id: string | null } {
  if (p === null) return { actor_kind: 'anonymous', actor_id: null };
  if (p.kind === 'appliance') return { actor_kind: 'appliance', actor_id: p.applianceId };
  return p.via.kind === 'token' ? { actor_kind: 'api_token', actor_id: `${p.userId}/${p.via.tokenId}` } : { actor_kind: 'user', actor_id: p.userId };
}
