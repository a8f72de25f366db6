import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorHeal, recordFinding, ROLES, type Role } from '@custos/db';
import { startHarness, type Harness } from './support/harness.js';
import { buildWorld, addApproval, addChannel, type Place, type World } from './support/world.js';
import { COLLECTIONS, OBJECT_ENDPOINTS } from './support/endpoints.js';
import { fingerprint, refusedAuditCount } from './support/fingerprint.js';

/**
 * The tenancy rules as the issue states them, written out independently of the API's own policy
 * table: which roles may call each route at all. Everything else follows from the tenancy rules.
 */
const ALL: Role[] = [...ROLES];
const ADMINS: Role[] = ['platform_admin', 'partner_admin'];
const OPERATORS: Role[] = ['platform_admin', 'partner_admin', 'partner_tech'];
const APPROVERS: Role[] = [...OPERATORS, 'client_owner'];
const ALLOWED: Record<string, Role[]> = {
  'GET /partners/:id': ALL,
  'GET /clients/:id': ALL,
  'GET /sites/:id': ALL,
  'POST /partners/:id/clients': ADMINS,
  'POST /clients/:id/sites': ADMINS,
  'GET /sites/:siteId/hosts': ALL,
  'POST /sites/:siteId/healing/pause': OPERATORS,
  'POST /sites/:siteId/healing/resume': OPERATORS,
  'POST /sites/:siteId/scans': OPERATORS,
  'POST /sites/:siteId/enrolment-codes': ADMINS,
  'GET /sites/:siteId/appliances': APPROVERS,
  'POST /appliances/:id/revoke': ADMINS,
  'POST /sites/:siteId/credentials': OPERATORS,
  'GET /sites/:siteId/credentials': OPERATORS,
  'DELETE /credentials/:id': OPERATORS,
  'GET /approvals/:id': ALL,
  'POST /approvals/:id/approve': APPROVERS,
  'POST /approvals/:id/reject': APPROVERS,
  'GET /sites/:siteId/runbooks': ALL,
  'PUT /sites/:siteId/runbooks/:runbookId': ADMINS,
  'POST /notification-channels': ADMINS,
  'PATCH /notification-channels/:id': ADMINS,
  'DELETE /notification-channels/:id': ADMINS,
  'PUT /partners/:id/oidc': ADMINS,
  'POST /users': ADMINS,
  '/partners': ALL,
  '/clients': ALL,
  '/sites': ALL,
  '/fleet': ALL,
  '/findings': ALL,
  '/heals': ALL,
  '/approvals': ALL,
  '/notification-channels': ADMINS,
  '/audit': ['platform_admin', 'partner_admin', 'auditor'],
  '/users': ADMINS,
  'GET /clients/:clientId/packets': ALL,
  'GET /packets/:id/pdf': ALL,
  'GET /packets/:id/json': ALL,
  'POST /clients/:clientId/packets': APPROVERS,
  'PUT /partners/:id/report-branding': ADMINS,
  'GET /sites/:siteId/posture': ALL,
  'GET /clients/:clientId/posture': ALL,
  'GET /clients/:clientId/attestation-tasks': ALL,
  'GET /clients/:clientId/attestations': ALL,
  'POST /clients/:clientId/attestations': ['client_owner'],
  'GET /attestations/:id/document': ALL,
  'GET /clients/:clientId/risk-acceptances': ALL,
  'POST /clients/:clientId/risk-acceptances': ['client_owner'],
};

type Target = 'own' | 'sibling' | 'other';

/** A partner's staff see all its clients; client users and auditors only their own client; nobody sees another partner. */
function visible(role: Role, target: Target, level: 'partner' | 'client'): boolean {
  if (role === 'platform_admin') return true;
  if (target === 'other') return false;
  if (role === 'partner_admin' || role === 'partner_tech') return true;
  return level === 'client' && target === 'own';
}

describe('isolation matrix: every endpoint × every role × own / sibling-client / other-partner ids', () => {
  let h: Harness;
  let w: World;
  const scans: string[] = [];

  beforeAll(async () => {
    h = await startHarness('api_matrix', { approvals: true });
    w = await buildWorld(h.db);
    for (const at of [w.own, w.sibling, w.other]) {
      await recordFinding(h.db, { kind: 'platform' }, { hostId: at.hostId, checkId: 'bitlocker', controlIds: ['164.312(a)(2)(iv)'], severity: 'high', summary: 'BitLocker off', observedAt: new Date() });
      await addApproval(h.db, at);
      await addChannel(h.db, at.partnerId);
      await mirrorHeal(h.db, { kind: 'platform' }, { workflowId: `heal:${at.siteId}`, runId: null, siteId: at.siteId, findingId: null, tier: 'L1', status: 'healed', finishedAt: new Date() });
    }
  });

  afterAll(async () => {
    for (const id of scans) await h.temporal.client.workflow.getHandle(id).terminate('test cleanup').catch(() => undefined);
    await h?.close();
  });

  it('covers every authenticated route the app registers', () => {
    const covered = new Set([...OBJECT_ENDPOINTS.map((e) => e.route), ...COLLECTIONS.map((c) => `GET ${c}`)]);
    const selfService = ['GET /auth/me', 'POST /auth/sign-out', 'GET /auth/tokens', 'POST /auth/tokens', 'DELETE /auth/tokens/:id', 'POST /partners', 'GET /approvals', 'GET /audit'];
    const userRoutes = h.app.routeCatalogue.filter((r) => r.auth === 'user');
    expect(userRoutes.length).toBeGreaterThan(20);
    for (const route of userRoutes) {
      expect(covered.has(route.key) || selfService.includes(route.key), `${route.key} is not in the isolation matrix`).toBe(true);
    }
  });

  for (const endpoint of OBJECT_ENDPOINTS) {
    it(endpoint.route, async () => {
      const allowedRoles = ALLOWED[endpoint.route];
      expect(allowedRoles, `no rule for ${endpoint.route}`).toBeDefined();
      for (const role of ROLES) {
        for (const target of ['own', 'sibling', 'other'] as Target[]) {
          const at: Place = w[target];
          const allowed = allowedRoles!.includes(role);
          const expected = !allowed ? 403 : visible(role, target, endpoint.level) ? 'ok' : 404;
          const req = await endpoint.prepare(h, w, at, expected === 'ok');
          const before = expected === 'ok' ? '' : await fingerprint(h.db);
          const refusedBefore = await refusedAuditCount(h.db);
          const res = await h.app.inject({ method: req.method, url: req.url, headers: { authorization: `Bearer ${w.actors[role].token}` }, ...(req.body && { payload: req.body }) });
          const where = `${role} → ${target}: ${req.method} ${req.url} answered ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (expected === 'ok') {
            expect(res.statusCode, where).toBeGreaterThanOrEqual(200);
            expect(res.statusCode, where).toBeLessThan(300);
            if (endpoint.route === 'POST /sites/:siteId/scans' || endpoint.route === 'POST /clients/:clientId/packets') scans.push(res.json().workflowId);
            if (endpoint.route.endsWith('/attestations') || endpoint.route.endsWith('/risk-acceptances')) scans.push(`client-decision:${res.json().id}`);
          } else {
            expect(res.statusCode, where).toBe(expected);
            // another tenant's object answers exactly like one that does not exist
            expect(res.json(), where).toMatchObject(expected === 404 ? { error: 'not_found', message: 'Not found.' } : { error: 'forbidden' });
            expect(await fingerprint(h.db), `${where}: something was written`).toBe(before);
            if (req.method !== 'GET') expect(await refusedAuditCount(h.db), `${where}: refusal not audited`).toBe(refusedBefore + 1);
          }
        }
      }
    });
  }

  it('an id that exists nowhere answers the same 404 as another tenant’s', async () => {
    const token = w.actors.partner_admin.token;
    const missing = await h.app.inject({ url: '/sites/00000000-0000-4000-8000-00000000dead', headers: { authorization: `Bearer ${token}` } });
    const foreign = await h.app.inject({ url: `/sites/${w.other.siteId}`, headers: { authorization: `Bearer ${token}` } });
    const strip = (b: string) => ({ ...JSON.parse(b), requestId: undefined });
    expect(missing.statusCode).toBe(404);
    expect(strip(foreign.body)).toEqual(strip(missing.body));
    expect(foreign.headers['content-length']).toBe(missing.headers['content-length']);
  });

  for (const path of COLLECTIONS) {
    it(`GET ${path}`, async () => {
      for (const role of ROLES) {
        const res = await h.app.inject({ url: path, headers: { authorization: `Bearer ${w.actors[role].token}` } });
        const where = `${role}: GET ${path} answered ${res.statusCode}`;
        if (!ALLOWED[path]!.includes(role)) {
          expect(res.statusCode, where).toBe(403);
          continue;
        }
        expect(res.statusCode, where).toBe(200);
        const body = res.body;
        const foreign = role === 'platform_admin' ? [] : [w.other.partnerId, w.other.clientId, w.other.siteId, w.otherAdmin.userId];
        const siblings = role === 'partner_admin' || role === 'partner_tech' || role === 'platform_admin' ? [] : [w.sibling.clientId, w.sibling.siteId];
        for (const id of [...foreign, ...siblings]) expect(body, `${where} leaks ${id}`).not.toContain(id);
      }
    });
  }

  it('lists show what the caller may see (a list that is always empty would pass the leak checks)', async () => {
    const get = async (role: Role, path: string) => (await h.app.inject({ url: path, headers: { authorization: `Bearer ${w.actors[role].token}` } })).body;
    expect(await get('client_viewer', '/sites')).toContain(w.own.siteId);
    expect(await get('auditor', '/findings')).toContain(w.own.siteId);
    expect(await get('client_owner', '/heals')).toContain(w.own.siteId);
    expect(await get('partner_tech', '/fleet')).toContain(w.sibling.siteId);
    expect(await get('platform_admin', '/fleet')).toContain(w.other.siteId);
    expect(await get('auditor', '/audit')).toContain(w.own.clientId);
    expect(await get('partner_admin', '/notification-channels')).toContain(w.own.partnerId);
  });
});

