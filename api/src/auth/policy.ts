import type { Role } from '@custos/db';
import type { UserPrincipal } from './principal.js';

const READERS: readonly Role[] = ['platform_admin', 'partner_admin', 'partner_tech', 'client_owner', 'client_viewer', 'auditor'];
const OPERATORS: readonly Role[] = ['platform_admin', 'partner_admin', 'partner_tech'];
const ADMINS: readonly Role[] = ['platform_admin', 'partner_admin'];

/**
 * Every action a user route performs and the roles allowed to perform it. A route names its
 * action in its config; the auth hook refuses (403) before the handler runs. `write` actions also
 * need a token with the write scope. Auditors appear only on reads.
 */
export const ACTIONS = {
  'tenants.read': { roles: READERS, write: false },
  'partners.create': { roles: ['platform_admin'], write: true },
  'clients.create': { roles: ADMINS, write: true },
  'sites.create': { roles: ADMINS, write: true },
  'sites.pause': { roles: OPERATORS, write: true },
  'scans.trigger': { roles: OPERATORS, write: true },
  'findings.read': { roles: READERS, write: false },
  'appliances.read': { roles: [...OPERATORS, 'client_owner'], write: false },
  'appliances.manage': { roles: ADMINS, write: true },
  'credentials.read': { roles: OPERATORS, write: false },
  'credentials.write': { roles: OPERATORS, write: true },
  'approvals.read': { roles: READERS, write: false },
  'approvals.decide': { roles: [...OPERATORS, 'client_owner'], write: true },
  'runbooks.read': { roles: READERS, write: false },
  'runbooks.write': { roles: ADMINS, write: true },
  'channels.read': { roles: ADMINS, write: false },
  'channels.write': { roles: ADMINS, write: true },
  'audit.read': { roles: ['platform_admin', 'partner_admin', 'auditor'], write: false },
  'users.read': { roles: ADMINS, write: false },
  'users.create': { roles: ADMINS, write: true },
  'identity.oidc.write': { roles: ADMINS, write: true },
  'self.read': { roles: READERS, write: false },
  'self.tokens': { roles: READERS, write: true },
  'reports.read': { roles: READERS, write: false },
  'reports.generate': { roles: [...OPERATORS, 'client_owner'], write: true },
  'reports.branding': { roles: ADMINS, write: true },
  'attestations.read': { roles: READERS, write: false },
  // The practice attests its own policies and accepts its own risks; the MSP cannot do it for them.
  'attestations.write': { roles: ['client_owner'], write: true },
} as const satisfies Record<string, { roles: readonly Role[]; write: boolean }>;

export type Action = keyof typeof ACTIONS;

export function isAllowed(p: UserPrincipal, action: Action): boolean {
  const rule = ACTIONS[action];
  if (!(rule.roles as readonly Role[]).includes(p.role)) return false;
  if (rule.write && p.via.kind === 'token' && !p.via.scopes.includes('write')) return false;
  return true;
}
