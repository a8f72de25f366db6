/**
 * Who may enter which part of the dashboard, and which controls a page offers. The API enforces
 * every rule again (deny by default); these mirror its policy so the UI never offers what would be
 * refused, and route groups refuse before any data is loaded.
 */

export const ROLES = ['platform_admin', 'partner_admin', 'partner_tech', 'client_owner', 'client_viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What pages may know about the signed-in user (no session secrets). */
export interface PublicUser {
  userId: string;
  displayName: string;
  role: Role;
  partnerId: string | null;
  clientId: string | null;
  grantedClientIds: string[];
}

export type Zone = 'partner' | 'auditor';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Partner and client users work in the partner zone; auditors have their own read-only zone. */
export function mayEnter(role: Role, zone: Zone): boolean {
  return zone === 'auditor' ? role === 'auditor' : role !== 'auditor';
}

export function homeFor(role: Role): string {
  return role === 'auditor' ? '/audit' : '/fleet';
}

const OPERATORS: readonly Role[] = ['platform_admin', 'partner_admin', 'partner_tech'];
const ADMINS: readonly Role[] = ['platform_admin', 'partner_admin'];

/** Actions with a control in the UI, with the roles the API allows for each (api/src/auth/policy.ts). */
export const ABILITIES = {
  decideApprovals: [...OPERATORS, 'client_owner'],
  pauseHealing: OPERATORS,
  triggerScan: OPERATORS,
  manageAppliances: ADMINS,
  manageCredentials: OPERATORS,
  manageRunbooks: ADMINS,
  manageChannels: ADMINS,
  manageMaintenance: ADMINS,
  readAudit: ['platform_admin', 'partner_admin', 'auditor'],
  readAppliances: [...OPERATORS, 'client_owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

export function can(user: Pick<PublicUser, 'role'> | null | undefined, ability: Ability): boolean {
  return user !== null && user !== undefined && (ABILITIES[ability] as readonly Role[]).includes(user.role);
}

/** A `next` target after sign-in: only a path on this site, never another origin. */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
