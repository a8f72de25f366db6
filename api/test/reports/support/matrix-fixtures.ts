import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAttestation, saveCompliancePacket, type Database } from '@custos/db';

// Rows the isolation matrix addresses for the report and attestation routes (authorisation is what
// it tests, so the packet's files are small stand-in bytes with their true hashes; the routes'
// behaviour on real packets is in packet-downloads.int.test.ts).

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PLATFORM = { kind: 'platform' } as const;

export function lastMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export async function addPacket(db: Kysely<Database>, at: { clientId: string; siteId: string }): Promise<string> {
  const pdf = Buffer.from(`%PDF-1.4\n% packet ${randomBytes(4).toString('hex')}\n`);
  const json = Buffer.from(JSON.stringify({ schema: 'custos.packet/v1', n: randomBytes(4).toString('hex') }));
  const row = await saveCompliancePacket(db, PLATFORM, {
    clientId: at.clientId, periodMonth: lastMonth(), packetId: `packet-${at.clientId}`, hipaaScore: 50,
    json: { sha256: sha(json), objectKey: 'k.json', versionId: null, bytes: json },
    pdf: { sha256: sha(pdf), objectKey: 'k.pdf', versionId: null, bytes: pdf },
    evidence: { siteId: at.siteId, seq: 0, digest: sha(pdf) }, trigger: 'cli', workflowId: null, requestedBy: null,
  });
  return row!.id;
}

export async function addAttestation(db: Kysely<Database>, at: { clientId: string }, userId: string): Promise<string> {
  const doc = Buffer.from('%PDF-1.4\n% policy\n');
  const row = await createAttestation(db, PLATFORM, {
    clientId: at.clientId, framework: 'hipaa', controlId: '164.308(a)(2)', statement: 'Named in writing.', attestedBy: userId, attestedByName: 'Owner',
    attestedAt: new Date(), validUntil: new Date(Date.now() + 86_400_000), document: { name: 'policy.pdf', contentType: 'application/pdf', sha256: sha(doc), bytes: doc },
  });
  return row!.id;
}

export const attestationBody = { framework: 'hipaa', controlId: '164.308(a)(2)', statement: 'Dr. Maple is the security official.' };
export const riskAcceptanceBody = { subject: 'RB-WIN-SEC-015', scope: 'WS002', reason: 'Label printer needs USB storage.', expiresAt: null };
