import type { Scope } from '@custos/db';
import type { PublicUser } from '$lib/models/zones';

/**
 * The repositories' scope for a signed-in user, derived exactly as the API derives it
 * (api/src/auth/principal.ts scopeOf) from what GET /auth/me returned for this session. Reads the
 * dashboard makes itself (heals, evidence index, trends) pass it to the same scoped repositories
 * and `inScope` conditions, so no dashboard query is ever unscoped.
 */
export function scopeOf(user: PublicUser): Scope {
  switch (user.role) {
    case 'platform_admin':
      return { kind: 'platform' };
    case 'partner_admin':
    case 'partner_tech':
      return { kind: 'partner', partnerId: required(user.partnerId, user) };
    case 'client_owner':
    case 'client_viewer':
      return { kind: 'clients', partnerId: required(user.partnerId, user), clientIds: [required(user.clientId, user)] };
    case 'auditor':
      return { kind: 'clients', partnerId: required(user.partnerId, user), clientIds: user.grantedClientIds };
  }
}

function required(id: string | null, user: PublicUser): string {
  // A membership without its tenant is corrupt data; refuse rather than widen the scope.
  if (id === null) throw new Error(`user ${user.userId} (${user.role}) has no tenant id in their membership`);
  return id;
}

/** The Temporal visibility condition that limits a workflow list to the same scope (search attributes). */
export function visibilityScope(user: PublicUser): string | null {
  const s = scopeOf(user);
  const quote = (id: string) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a tenant id: ${id}`);
    return `'${id}'`;
  };
  switch (s.kind) {
    case 'platform':
      return null;
    case 'partner':
      return `CustosPartnerId = ${quote(s.partnerId)}`;
    case 'clients':
      return s.clientIds.length === 0 ? `CustosClientId = '00000000-0000-0000-0000-000000000000'` : `CustosClientId IN (${s.clientIds.map(quote).join(', ')})`;
    case 'site':
      return `CustosSiteId = ${quote(s.siteId)}`;
  }
}
