import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { CompliancePacketEntry, CompliancePacketRow, PacketTrigger } from '../tables/reports.js';
import { getClient } from './tenancy.js';

type Db = Kysely<Database>;

export interface StoredPacketFile {
  sha256: string;
  objectKey: string;
  versionId: string | null;
  bytes: Buffer;
}

export interface NewCompliancePacket {
  clientId: string;
  periodMonth: string;
  packetId: string;
  hipaaScore: number | null;
  json: StoredPacketFile;
  pdf: StoredPacketFile;
  evidence: { siteId: string; seq: number; digest: string };
  trigger: PacketTrigger;
  workflowId: string | null;
  requestedBy: string | null;
}

const ENTRY_COLUMNS = [
  'id', 'partner_id', 'client_id', 'period_month', 'packet_id', 'hipaa_score', 'json_sha256', 'pdf_sha256', 'json_object_key', 'json_version_id',
  'pdf_object_key', 'pdf_version_id', 'evidence_site_id', 'evidence_seq', 'evidence_digest', 'trigger', 'workflow_id', 'requested_by', 'generated_at',
] as const;

/**
 * Indexes a stored packet. The same files for the same month (a retried or repeated generation from
 * unchanged evidence) keep the first row; undefined when the client is not visible to the scope.
 */
export async function saveCompliancePacket(db: Db, scope: Scope, input: NewCompliancePacket): Promise<CompliancePacketEntry | undefined> {
  const client = await getClient(db, scope, input.clientId);
  if (!client) return undefined;
  await db
    .insertInto('compliance_packets')
    .values({
      partner_id: client.partner_id,
      client_id: client.id,
      period_month: input.periodMonth,
      packet_id: input.packetId,
      hipaa_score: input.hipaaScore,
      json_sha256: input.json.sha256,
      pdf_sha256: input.pdf.sha256,
      json_object_key: input.json.objectKey,
      json_version_id: input.json.versionId,
      pdf_object_key: input.pdf.objectKey,
      pdf_version_id: input.pdf.versionId,
      evidence_site_id: input.evidence.siteId,
      evidence_seq: input.evidence.seq,
      evidence_digest: input.evidence.digest,
      json: input.json.bytes,
      pdf: input.pdf.bytes,
      trigger: input.trigger,
      workflow_id: input.workflowId,
      requested_by: input.requestedBy,
    })
    .onConflict((oc) => oc.columns(['client_id', 'period_month', 'json_sha256', 'pdf_sha256']).doNothing())
    .execute();
  return db
    .selectFrom('compliance_packets')
    .select(ENTRY_COLUMNS)
    .where('client_id', '=', client.id)
    .where('period_month', '=', input.periodMonth)
    .where('json_sha256', '=', input.json.sha256)
    .where('pdf_sha256', '=', input.pdf.sha256)
    .where(inScope(scope, 'compliance_packets'))
    .executeTakeFirst();
}

/** A client's packets, newest month first and, within a month, the latest generation first. */
export function listCompliancePackets(db: Db, scope: Scope, filter: { clientId: string; limit: number }): Promise<CompliancePacketEntry[]> {
  return db
    .selectFrom('compliance_packets')
    .select(ENTRY_COLUMNS)
    .where('client_id', '=', filter.clientId)
    .where(inScope(scope, 'compliance_packets'))
    .orderBy('period_month', 'desc')
    .orderBy('generated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

export function getCompliancePacket(db: Db, scope: Scope, id: string): Promise<CompliancePacketEntry | undefined> {
  return db.selectFrom('compliance_packets').select(ENTRY_COLUMNS).where('id', '=', id).where(inScope(scope, 'compliance_packets')).executeTakeFirst();
}

/** One file of a packet the scope may see, with its index row. */
export async function getCompliancePacketFile(db: Db, scope: Scope, id: string, format: 'pdf' | 'json'): Promise<{ entry: CompliancePacketEntry; bytes: Buffer } | undefined> {
  const row = await db
    .selectFrom('compliance_packets')
    .select([...ENTRY_COLUMNS, format])
    .where('id', '=', id)
    .where(inScope(scope, 'compliance_packets'))
    .executeTakeFirst();
  if (!row) return undefined;
  const { [format]: bytes, ...entry } = row as CompliancePacketRow;
  return { entry: entry as CompliancePacketEntry, bytes };
}
