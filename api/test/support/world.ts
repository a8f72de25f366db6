import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  createApiToken,
  createChannel,
  createClient,
  createCredential,
  createEnrolmentCode,
  createPartner,
  createSite,
  createUser,
  generateApplianceKeyPair,
  mirrorPendingApproval,
  redeemEnrolmentCode,
  upsertHost,
  type CredentialKeyring,
  type Database,
  type Role,
  type Scope,
} from '@custos/db';

const PLATFORM: Scope = { kind: 'platform' };
const sha = (s: string) => createHash('sha256').update(s).digest();

export interface Place {
  partnerId: string;
  clientId: string;
  siteId: string;
  hostId: string;
}

export interface Actor {
  role: Role;
  userId: string;
  /** Bearer API token with read and write scope. */
  token: string;
}

export interface World {
  /** Client A1 of partner A: where every non-platform actor belongs. */
  own: Place;
  /** Client A2 of the same partner A: partner roles see it, client roles and the auditor do not. */
  sibling: Place;
  /** Partner B: nobody but the platform admin sees it. */
  other: Place;
  actors: Record<Role, Actor>;
  /** Another partner's admin, for checks from the other side. */
  otherAdmin: Actor & { email: string };
}

async function place(db: Kysely<Database>, partnerId: string, tag: string): Promise<Place> {
  const client = (await createClient(db, PLATFORM, { partnerId, name: `Clinic ${tag}` }))!;
  const site = (await createSite(db, PLATFORM, { clientId: client.id, name: `Site ${tag}` }))!;
  const host = (await upsertHost(db, PLATFORM, { siteId: site.id, hostname: `dc01-${tag}`, os: 'Windows Server 2022', role: 'domain_controller' }))!;
  return { partnerId, clientId: client.id, siteId: site.id, hostId: host.id };
}

export async function tokenFor(db: Kysely<Database>, userId: string, scopes: string[] = ['read', 'write'], expiresAt = new Date(Date.now() + 86_400_000)): Promise<string> {
  const token = `cst_${randomBytes(32).toString('base64url')}`;
  await createApiToken(db, { userId, name: 'test', tokenSha256: sha(token), scopes, expiresAt });
  return token;
}

export async function makeUser(
  db: Kysely<Database>,
  role: Role,
  at: { partnerId: string | null; clientId: string | null; grants?: string[]; expiresAt?: Date | null },
  passwordHash: string | null = null,
): Promise<Actor & { email: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const user = await createUser(db, PLATFORM, {
    email,
    displayName: `${role} user`,
    passwordHash,
    role,
    partnerId: at.partnerId,
    clientId: at.clientId,
    expiresAt: at.expiresAt ?? (role === 'auditor' ? new Date(Date.now() + 86_400_000) : null),
    grantClientIds: at.grants ?? [],
  });
  return { role, userId: user.id, token: await tokenFor(db, user.id), email };
}

export async function buildWorld(db: Kysely<Database>): Promise<World> {
  const suffix = randomBytes(3).toString('hex');
  const pa = await createPartner(db, PLATFORM, { name: 'Partner A', slug: `partner-a-${suffix}` });
  const pb = await createPartner(db, PLATFORM, { name: 'Partner B', slug: `partner-b-${suffix}` });
  const own = await place(db, pa.id, 'a1');
  const sibling = await place(db, pa.id, 'a2');
  const other = await place(db, pb.id, 'b1');
  const actors = {
    platform_admin: await makeUser(db, 'platform_admin', { partnerId: null, clientId: null }),
    partner_admin: await makeUser(db, 'partner_admin', { partnerId: pa.id, clientId: null }),
    partner_tech: await makeUser(db, 'partner_tech', { partnerId: pa.id, clientId: null }),
    client_owner: await makeUser(db, 'client_owner', { partnerId: pa.id, clientId: own.clientId }),
    client_viewer: await makeUser(db, 'client_viewer', { partnerId: pa.id, clientId: own.clientId }),
    auditor: await makeUser(db, 'auditor', { partnerId: pa.id, clientId: null, grants: [own.clientId] }),
  };
  const otherAdmin = await makeUser(db, 'partner_admin', { partnerId: pb.id, clientId: null });
  return { own, sibling, other, actors, otherAdmin };
}

/** A freshly enrolled appliance at a place, with its private key and bearer token. */
export async function enrolAppliance(db: Kysely<Database>, at: Place, createdBy: string) {
  const keys = generateApplianceKeyPair();
  const code = randomBytes(10).toString('hex');
  const token = `cap_${randomBytes(32).toString('base64url')}`;
  await createEnrolmentCode(db, PLATFORM, { siteId: at.siteId, codeSha256: sha(code), createdBy, expiresAt: new Date(Date.now() + 60_000) });
  const appliance = (await redeemEnrolmentCode(db, { codeSha256: sha(code), name: 'appliance', publicKey: keys.publicKey, tokenSha256: sha(token), agentVersion: '0.1.0' }))!;
  return { appliance, token, privateKey: keys.privateKey };
}

export async function addCredential(db: Kysely<Database>, keyring: CredentialKeyring, at: Place, createdBy: string, password = 'S3cret!pass') {
  return (await createCredential(db, PLATFORM, keyring, {
    siteId: at.siteId,
    hostId: null,
    kind: 'domain',
    label: 'Domain admin',
    secret: { username: 'CLINIC\\svc-custos', password },
    createdBy,
  }))!;
}

export async function addChannel(db: Kysely<Database>, partnerId: string) {
  return createChannel(db, PLATFORM, { partnerId, kind: 'email', name: `Ops ${randomBytes(2).toString('hex')}`, target: 'ops@example.test', minPriority: 'high' });
}

export function planFor(at: Place) {
  return {
    siteId: at.siteId,
    hostId: at.hostId,
    findingId: '00000000-0000-4000-8000-000000000001',
    runbookId: 'RB-WIN-PATCH-001',
    runbookVersion: 1,
    params: {},
    tier: 'L3' as const,
    risk: 'high' as const,
    disruptive: true,
    maintenanceWindow: null,
    rationale: null,
  };
}

/** Mirrors a pending approval whose workflow id need not exist (for refusal cases). */
export async function addApproval(db: Kysely<Database>, at: Place, workflowId = `heal:${randomBytes(6).toString('hex')}`, planSha256 = 'a'.repeat(64)) {
  return (await mirrorPendingApproval(db, PLATFORM, {
    workflowId,
    siteId: at.siteId,
    plan: planFor(at),
    planSha256,
    priority: 'high',
    requestedAt: new Date(),
    expiresAt: new Date(Date.now() + 3600_000),
  }))!;
}
