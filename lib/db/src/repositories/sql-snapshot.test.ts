import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { CredentialKeyring } from '../credentials/keyring.js';
import type { Database } from '../database.js';
import type { Scope } from '../scope.js';
import * as repo from '../index.js';

/**
 * Compiles every repository query and snapshots its SQL, so a reviewer sees exactly what each
 * change does to the statements (and that every tenant query carries its scope condition).
 * The driver answers each statement with one plausible row so multi-step functions run to the end.
 */
const P = '00000000-0000-4000-8000-00000000000a';
const C = '00000000-0000-4000-8000-00000000000c';
const S = '00000000-0000-4000-8000-00000000000e';
const ROW = {
  id: P,
  partner_id: P,
  client_id: C,
  site_id: S,
  user_id: P,
  key_id: 'k1-test',
  observed_at: new Date(0),
  requested_at: new Date(0),
  started_at: new Date(0),
  created_at: new Date(0),
  workflow_id: 'wf',
};

function recordingDb(): { db: Kysely<Database>; sql: string[] } {
  const sql: string[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async <R>(): Promise<QueryResult<R>> => ({ rows: [ROW as R], numAffectedRows: 1n }),
    streamQuery: async function* () {},
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      sql.push(event.query.sql);
    },
  });
  return { db, sql };
}

const scopes: Record<string, Scope> = {
  platform: { kind: 'platform' },
  partner: { kind: 'partner', partnerId: P },
  clients: { kind: 'clients', partnerId: P, clientIds: [C] },
  site: { kind: 'site', partnerId: P, clientId: C, siteId: S },
};

const keyring = new CredentialKeyring(new Uint8Array(32).fill(1));

const calls: Record<string, (db: Kysely<Database>) => Promise<unknown>> = {
  listPartners: (db) => repo.listPartners(db, scopes.partner!),
  createClient: (db) => repo.createClient(db, scopes.partner!, { partnerId: P, name: 'Clinic' }),
  listClients: (db) => repo.listClients(db, scopes.clients!),
  createSite: (db) => repo.createSite(db, scopes.partner!, { clientId: C, name: 'Main' }),
  listSites: (db) => repo.listSites(db, scopes.clients!, { clientId: C }),
  listScheduleTargets: (db) => repo.listScheduleTargets(db, scopes.platform!),
  setHealingPaused: (db) => repo.setHealingPaused(db, scopes.partner!, S, { paused: true, reason: 'maintenance', by: P }),
  upsertHost: (db) => repo.upsertHost(db, scopes.site!, { siteId: S, hostname: 'dc01', os: null, role: 'domain_controller' }),
  listHosts: (db) => repo.listHosts(db, scopes.partner!, { siteId: S, limit: 50 }),
  listFleet: (db) => repo.listFleet(db, scopes.partner!, { limit: 50 }),
  listFindings: (db) => repo.listFindings(db, scopes.clients!, { status: 'open', limit: 50, cursor: repo.encodeCursor({ at: new Date(0), id: S }) }),
  createEnrolmentCode: (db) => repo.createEnrolmentCode(db, scopes.partner!, { siteId: S, codeSha256: Buffer.alloc(32), createdBy: P, expiresAt: new Date(0) }),
  redeemEnrolmentCode: (db) =>
    repo.redeemEnrolmentCode(db, { codeSha256: Buffer.alloc(32), name: 'appliance', publicKey: Buffer.alloc(32), tokenSha256: Buffer.alloc(32), agentVersion: '1.0.0' }),
  findLiveApplianceByToken: (db) => repo.findLiveApplianceByToken(db, Buffer.alloc(32)),
  recordHeartbeat: (db) => repo.recordHeartbeat(db, scopes.site!, { applianceId: S, agentVersion: '1.0.0', health: {} }),
  revokeAppliance: (db) => repo.revokeAppliance(db, scopes.partner!, { applianceId: S, by: P }),
  createCredential: (db) =>
    repo.createCredential(db, scopes.partner!, keyring, { siteId: S, hostId: null, kind: 'domain', label: 'DA', secret: { username: 'u', password: 'p' }, createdBy: P }),
  listCredentials: (db) => repo.listCredentials(db, scopes.partner!, { siteId: S }),
  deleteCredential: (db) => repo.deleteCredential(db, scopes.partner!, S),
  listApprovals: (db) => repo.listApprovals(db, scopes.clients!, { status: 'pending', limit: 20 }),
  recordDecision: (db) => repo.recordDecision(db, scopes.partner!, { id: S, status: 'approved', decidedBy: P, decidedAt: new Date(0), reason: 'ok' }),
  listHeals: (db) => repo.listHeals(db, scopes.site!, { limit: 20 }),
  putRunbookSetting: (db) => repo.putRunbookSetting(db, scopes.partner!, { siteId: S, runbookId: 'RB-WIN-001', enabled: true, requireApproval: false, updatedBy: P }),
  listChannels: (db) => repo.listChannels(db, scopes.partner!),
  appendAudit: (db) => repo.appendAudit(db, { actor_kind: 'user', actor_id: P, partner_id: P, client_id: null, action: 'site.pause', target_kind: 'site', target_id: S, outcome: 'ok', ip: null, request_id: 'r1' }),
  listAudit: (db) => repo.listAudit(db, scopes.clients!, { limit: 50 }),
  listUsers: (db) => repo.listUsers(db, scopes.partner!),
  acceptTotpStep: (db) => repo.acceptTotpStep(db, P, 59),
  findLiveApiToken: (db) => repo.findLiveApiToken(db, Buffer.alloc(32)),
  touchApiToken: (db) => repo.touchApiToken(db, P),
  loadPrincipal: (db) => repo.loadPrincipal(db, P),
  getReportBranding: (db) => repo.getReportBranding(db, scopes.partner!, P),
  putReportBranding: (db) => repo.putReportBranding(db, scopes.partner!, { partnerId: P, primaryColor: '#0b5394', accentColor: '#e69138', logoPng: null, updatedBy: P }),
  createAttestation: (db) =>
    repo.createAttestation(db, scopes.clients!, {
      clientId: C, framework: 'hipaa', controlId: '164.308(a)(2)', statement: 'Named in writing', attestedBy: P, attestedByName: 'Owner',
      attestedAt: new Date(0), validUntil: new Date(1), document: { name: 'policy.pdf', contentType: 'application/pdf', sha256: '0'.repeat(64), bytes: Buffer.from('%PDF') },
    }),
  listAttestations: (db) => repo.listAttestations(db, scopes.clients!, { clientId: C, limit: 50 }),
  getAttestationDocument: (db) => repo.getAttestationDocument(db, scopes.clients!, S),
  unrecordedAttestations: (db) => repo.unrecordedAttestations(db, scopes.clients!, C),
  markAttestationRecorded: (db) => repo.markAttestationRecorded(db, scopes.clients!, { id: S, siteId: S, seq: 3, digest: '0'.repeat(64) }),
  createRiskAcceptance: (db) =>
    repo.createRiskAcceptance(db, scopes.clients!, { clientId: C, subject: 'RB-WIN-SEC-015', scope: 'all workstations', reason: 'scanner needs USB', acceptedBy: P, acceptedByName: 'Owner', acceptedAt: new Date(0), expiresAt: null }),
  listRiskAcceptances: (db) => repo.listRiskAcceptances(db, scopes.clients!, { clientId: C, limit: 50 }),
  unrecordedRiskAcceptances: (db) => repo.unrecordedRiskAcceptances(db, scopes.clients!, C),
  markRiskAcceptanceRecorded: (db) => repo.markRiskAcceptanceRecorded(db, scopes.clients!, { id: S, siteId: S, seq: 4, digest: '0'.repeat(64) }),
  saveCompliancePacket: (db) =>
    repo.saveCompliancePacket(db, scopes.clients!, {
      clientId: C, periodMonth: '2026-10', packetId: 'packet-c-2026-10', hipaaScore: 81.5,
      json: { sha256: '1'.repeat(64), objectKey: 'k.json', versionId: 'v1', bytes: Buffer.from('{}') },
      pdf: { sha256: '2'.repeat(64), objectKey: 'k.pdf', versionId: 'v2', bytes: Buffer.from('%PDF') },
      evidence: { siteId: S, seq: 7, digest: '3'.repeat(64) }, trigger: 'schedule', workflowId: 'wf', requestedBy: null,
    }),
  listCompliancePackets: (db) => repo.listCompliancePackets(db, scopes.clients!, { clientId: C, limit: 24 }),
  getCompliancePacketFile: (db) => repo.getCompliancePacketFile(db, scopes.clients!, S, 'pdf'),
  postureRecords: (db) => repo.postureRecords(db, scopes.clients!, { clientIds: [C], findingsSince: new Date(0) }),
  postureRecordsOfWholeScope: (db) => repo.postureRecords(db, scopes.partner!, { findingsSince: new Date(0) }),
};

describe('repository SQL', () => {
  for (const [name, call] of Object.entries(calls)) {
    it(name, async () => {
      const { db, sql } = recordingDb();
      await call(db).catch(() => undefined);
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.join(';\n')).toMatchSnapshot();
    });
  }

  it('every scope kind compiles to a distinct filter', async () => {
    const compiled = new Set<string>();
    for (const scope of Object.values(scopes)) {
      const { db, sql } = recordingDb();
      await repo.listFindings(db, scope, { limit: 1 });
      compiled.add(sql[0]!);
    }
    expect(compiled.size).toBe(4);
  });

  it('a user of several clients is limited to exactly those (one client compiles to an equality)', async () => {
    const { db, sql } = recordingDb();
    await repo.listFindings(db, { kind: 'clients', partnerId: P, clientIds: [C, S] }, { limit: 1 });
    expect(sql[0]).toContain('"findings"."client_id" = any($2::uuid[])');
    const one = recordingDb();
    await repo.listFindings(one.db, scopes.clients!, { limit: 1 });
    expect(one.sql[0]).toContain('"findings"."client_id" = $2');
  });
});
