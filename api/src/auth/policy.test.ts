import { describe, expect, it } from 'vitest';
import { ACTIONS, isAllowed } from './policy.js';
import { actorOf, scopeOf, type UserPrincipal } from './principal.js';
import { applianceStatus } from '@custos/core';

const base: UserPrincipal = {
  kind: 'user',
  userId: 'u1',
  displayName: 'U',
  role: 'partner_tech',
  partnerId: 'p1',
  clientId: null,
  grantedClientIds: [],
  via: { kind: 'session', sessionId: 's', csrfSecret: 'x' },
};

describe('roles and scopes', () => {
  it('maps each role to the data it may see', () => {
    expect(scopeOf({ ...base, role: 'platform_admin', partnerId: null })).toEqual({ kind: 'platform' });
    expect(scopeOf(base)).toEqual({ kind: 'partner', partnerId: 'p1' });
    expect(scopeOf({ ...base, role: 'client_viewer', clientId: 'c1' })).toEqual({ kind: 'clients', partnerId: 'p1', clientIds: ['c1'] });
    expect(scopeOf({ ...base, role: 'auditor', grantedClientIds: ['c1', 'c2'] })).toEqual({ kind: 'clients', partnerId: 'p1', clientIds: ['c1', 'c2'] });
    expect(scopeOf({ kind: 'appliance', applianceId: 'a', partnerId: 'p1', clientId: 'c1', siteId: 's1', publicKey: Buffer.alloc(32) })).toEqual({
      kind: 'site',
      partnerId: 'p1',
      clientId: 'c1',
      siteId: 's1',
    });
  });

  it('keeps auditors and viewers to reads', () => {
    for (const role of ['auditor', 'client_viewer'] as const) {
      for (const [action, rule] of Object.entries(ACTIONS)) {
        if (rule.write && action !== 'self.tokens') expect(isAllowed({ ...base, role }, action as keyof typeof ACTIONS), `${role} ${action}`).toBe(false);
      }
    }
  });

  it('a read-scoped token cannot write even when the role could', () => {
    const token: UserPrincipal = { ...base, role: 'partner_admin', via: { kind: 'token', tokenId: 't', scopes: ['read'] } };
    expect(isAllowed(token, 'tenants.read')).toBe(true);
    expect(isAllowed(token, 'sites.pause')).toBe(false);
    expect(isAllowed({ ...token, via: { kind: 'token', tokenId: 't', scopes: ['read', 'write'] } }, 'sites.pause')).toBe(true);
  });

  it('names actors by opaque ids only', () => {
    expect(actorOf(null)).toEqual({ actor_kind: 'anonymous', actor_id: null });
    expect(actorOf(base)).toEqual({ actor_kind: 'user', actor_id: 'u1' });
    expect(actorOf({ ...base, via: { kind: 'token', tokenId: 't9', scopes: ['read'] } })).toEqual({ actor_kind: 'api_token', actor_id: 'u1/t9' });
  });
});

describe('appliance status from the last heartbeat', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it.each([
    [null, 'pending'],
    [new Date(now - 60_000), 'online'],
    [new Date(now - 10 * 60_000), 'stale'],
    [new Date(now - 2 * 3600_000), 'offline'],
  ] as const)('%s → %s', (at, status) => {
    expect(applianceStatus(at, now)).toBe(status);
  });
});
