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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Temporal visibility condition for runs of these sites (the ones the API lists for the user).
 * Runs carry their site in `CustosSiteId`; partner and client ids are not on every run, so the
 * site list is the scope. Ids are checked to be UUIDs before they go into the query text.
 */
export function sitesCondition(siteIds: readonly string[]): string {
  if (siteIds.length === 0) return `CustosSiteId = '00000000-0000-0000-0000-000000000000'`;
  for (const id of siteIds) if (!UUID.test(id)) throw new Error(`not a site id: ${id}`);
  return `CustosSiteId IN (${siteIds.map((id) => `'${id}'`).join(', ')})`;
}
