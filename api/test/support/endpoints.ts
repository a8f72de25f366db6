import { randomBytes } from 'node:crypto';
import type { Harness } from './harness.js';
import { addApproval, addChannel, addCredential, enrolAppliance, planFor, type Place, type World } from './world.js';
import { addAttestation, addPacket, attestationBody, lastMonth, riskAcceptanceBody } from '../reports/support/matrix-fixtures.js';

export interface Prepared {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
}

/**
 * One object-addressed endpoint of the API. `level` says who can see the object it addresses:
 * partner-level objects (a partner, its channels) are visible to that partner's staff only;
 * client-level objects also to that client's users and granted auditors.
 */
export interface ObjectEndpoint {
  route: string;
  level: 'partner' | 'client';
  /** `fresh` is true when the call is expected to succeed and may consume what it addresses. */
  prepare(h: Harness, w: World, at: Place, fresh: boolean): Promise<Prepared>;
  /**
   * The bad-input corpus runs as the platform admin; a route no platform admin may call (client
   * owner only) is refused before its body is read, so its bad-input cases live with its own tests.
   */
  badInputElsewhere?: string;
}

const name = () => `Name ${randomBytes(3).toString('hex')}`;

export async function startProbe(h: Harness, at: Place): Promise<{ workflowId: string; planSha256: string }> {
  const workflowId = `heal:test:${randomBytes(6).toString('hex')}`;
  const planSha256 = randomBytes(32).toString('hex');
  await h.temporal.client.workflow.start('approvalProbe', {
    taskQueue: h.probeQueue,
    workflowId,
    args: [{ plan: planFor(at), planSha256, priority: 'high', slaMs: 3600_000 }],
  });
  return { workflowId, planSha256 };
}

async function decideCase(h: Harness, w: World, at: Place, fresh: boolean, decision: 'approve' | 'reject'): Promise<Prepared> {
  if (!fresh) {
    const a = await addApproval(h.db, at);
    return { method: 'POST', url: `/approvals/${a.id}/${decision}`, body: { planSha256: a.plan_sha256, reason: 'matrix' } };
  }
  const probe = await startProbe(h, at);
  const a = await addApproval(h.db, at, probe.workflowId, probe.planSha256);
  return { method: 'POST', url: `/approvals/${a.id}/${decision}`, body: { planSha256: probe.planSha256, reason: 'matrix' } };
}

export const OBJECT_ENDPOINTS: ObjectEndpoint[] = [
  { route: 'GET /partners/:id', level: 'partner', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/partners/${at.partnerId}` }) },
  { route: 'GET /clients/:id', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}` }) },
  { route: 'GET /sites/:id', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}` }) },
  { route: 'POST /partners/:id/clients', level: 'partner', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/partners/${at.partnerId}/clients`, body: { name: name() } }) },
  { route: 'POST /clients/:id/sites', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/clients/${at.clientId}/sites`, body: { name: name() } }) },
  { route: 'GET /sites/:siteId/hosts', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}/hosts` }) },
  { route: 'POST /sites/:siteId/healing/pause', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/sites/${at.siteId}/healing/pause`, body: { reason: 'matrix' } }) },
  { route: 'POST /sites/:siteId/healing/resume', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/sites/${at.siteId}/healing/resume` }) },
  { route: 'POST /sites/:siteId/scans', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/sites/${at.siteId}/scans` }) },
  { route: 'POST /sites/:siteId/enrolment-codes', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/sites/${at.siteId}/enrolment-codes` }) },
  { route: 'GET /sites/:siteId/appliances', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}/appliances` }) },
  {
    route: 'POST /appliances/:id/revoke',
    level: 'client',
    prepare: async (h, w, at) => ({ method: 'POST', url: `/appliances/${(await enrolAppliance(h.db, at, w.actors.platform_admin.userId)).appliance.id}/revoke` }),
  },
  {
    route: 'POST /sites/:siteId/credentials',
    level: 'client',
    prepare: async (_h, _w, at) => ({ method: 'POST', url: `/sites/${at.siteId}/credentials`, body: { kind: 'domain', label: 'DA', username: 'CLINIC\\svc', password: 'p@ss-matrix' } }),
  },
  { route: 'GET /sites/:siteId/credentials', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}/credentials` }) },
  {
    route: 'DELETE /credentials/:id',
    level: 'client',
    prepare: async (h, w, at) => ({ method: 'DELETE', url: `/credentials/${(await addCredential(h.db, h.keyring, at, w.actors.platform_admin.userId)).id}` }),
  },
  { route: 'GET /approvals/:id', level: 'client', prepare: async (h, _w, at) => ({ method: 'GET', url: `/approvals/${(await addApproval(h.db, at)).id}` }) },
  { route: 'POST /approvals/:id/approve', level: 'client', prepare: (h, w, at, fresh) => decideCase(h, w, at, fresh, 'approve') },
  { route: 'POST /approvals/:id/reject', level: 'client', prepare: (h, w, at, fresh) => decideCase(h, w, at, fresh, 'reject') },
  { route: 'GET /sites/:siteId/runbooks', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}/runbooks` }) },
  {
    route: 'PUT /sites/:siteId/runbooks/:runbookId',
    level: 'client',
    prepare: async (_h, _w, at) => ({ method: 'PUT', url: `/sites/${at.siteId}/runbooks/RB-WIN-PATCH-001`, body: { enabled: true, requireApproval: true } }),
  },
  {
    route: 'POST /notification-channels',
    level: 'partner',
    prepare: async (_h, _w, at) => ({ method: 'POST', url: '/notification-channels', body: { partnerId: at.partnerId, kind: 'webhook', name: name(), target: 'https://hooks.example.test/x', minPriority: 'high' } }),
  },
  {
    route: 'PATCH /notification-channels/:id',
    level: 'partner',
    prepare: async (h, _w, at) => ({ method: 'PATCH', url: `/notification-channels/${(await addChannel(h.db, at.partnerId)).id}`, body: { enabled: false } }),
  },
  { route: 'DELETE /notification-channels/:id', level: 'partner', prepare: async (h, _w, at) => ({ method: 'DELETE', url: `/notification-channels/${(await addChannel(h.db, at.partnerId)).id}` }) },
  {
    route: 'PUT /partners/:id/oidc',
    level: 'partner',
    prepare: async (_h, _w, at) => ({ method: 'PUT', url: `/partners/${at.partnerId}/oidc`, body: { issuer: 'https://idp.example.test', clientId: 'custos', clientSecret: 's3cret' } }),
  },
  {
    route: 'POST /users',
    level: 'partner',
    prepare: async (_h, _w, at) => ({
      method: 'POST',
      url: '/users',
      body: { email: `tech-${randomBytes(4).toString('hex')}@example.test`, displayName: 'New tech', password: 'correct horse battery', role: 'partner_tech', partnerId: at.partnerId, clientId: null, expiresAt: null },
    }),
  },
  { route: 'GET /clients/:clientId/packets', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}/packets` }) },
  { route: 'GET /packets/:id/pdf', level: 'client', prepare: async (h, _w, at) => ({ method: 'GET', url: `/packets/${await addPacket(h.db, at)}/pdf` }) },
  { route: 'GET /packets/:id/json', level: 'client', prepare: async (h, _w, at) => ({ method: 'GET', url: `/packets/${await addPacket(h.db, at)}/json` }) },
  { route: 'POST /clients/:clientId/packets', level: 'client', prepare: async (_h, _w, at) => ({ method: 'POST', url: `/clients/${at.clientId}/packets`, body: { month: lastMonth() } }) },
  {
    route: 'PUT /partners/:id/report-branding',
    level: 'partner',
    prepare: async (_h, _w, at) => ({ method: 'PUT', url: `/partners/${at.partnerId}/report-branding`, body: { primaryColor: '#0b5394', accentColor: '#e69138', logoPngBase64: null } }),
  },
  { route: 'GET /sites/:siteId/posture', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/sites/${at.siteId}/posture` }) },
  { route: 'GET /clients/:clientId/posture', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}/posture` }) },
  { route: 'GET /clients/:clientId/attestation-tasks', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}/attestation-tasks` }) },
  { route: 'GET /clients/:clientId/attestations', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}/attestations` }) },
  {
    route: 'POST /clients/:clientId/attestations',
    level: 'client',
    badInputElsewhere: 'api/test/reports/attestations.int.test.ts',
    prepare: async (_h, _w, at) => ({ method: 'POST', url: `/clients/${at.clientId}/attestations`, body: attestationBody }),
  },
  { route: 'GET /attestations/:id/document', level: 'client', prepare: async (h, w, at) => ({ method: 'GET', url: `/attestations/${await addAttestation(h.db, at, w.actors.client_owner.userId)}/document` }) },
  { route: 'GET /clients/:clientId/risk-acceptances', level: 'client', prepare: async (_h, _w, at) => ({ method: 'GET', url: `/clients/${at.clientId}/risk-acceptances` }) },
  {
    route: 'POST /clients/:clientId/risk-acceptances',
    level: 'client',
    badInputElsewhere: 'api/test/reports/attestations.int.test.ts',
    prepare: async (_h, _w, at) => ({ method: 'POST', url: `/clients/${at.clientId}/risk-acceptances`, body: riskAcceptanceBody }),
  },
];

/** Collections: what each role may list, and the ids that must (or must not) appear. */
export const COLLECTIONS = ['/partners', '/clients', '/sites', '/fleet', '/findings', '/heals', '/approvals', '/notification-channels', '/audit', '/users'] as const;
