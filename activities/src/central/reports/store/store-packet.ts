import type { Kysely } from 'kysely';
import type { Packet } from '@custos/core';
import { saveCompliancePacket, type Database, type PacketTrigger } from '@custos/db';
import type { EvidenceService } from '../../evidence/service/evidence-service.js';
import { clientScope } from '../gather/client-scope.js';
import { partnerBranding } from './branding.js';
import { EVIDENCE_FRAMEWORK_IDS, packetArtefacts, packetFiles } from './packet-files.js';

export interface StorePacketRequest {
  clientId: string;
  month: string;
  /** The site log it goes in (from the gather step). */
  evidenceSiteId: string;
  packet: Packet;
  trigger: PacketTrigger;
  /** UUID of the run that produced it (the workflow run, or a fresh one for the CLI). */
  runId: string;
  workflowId: string | null;
  requestedBy: string | null;
  startedAt: string;
}

export interface StoredPacket {
  packetRowId: string;
  packetId: string;
  jsonSha256: string;
  pdfSha256: string;
  evidence: { siteId: string; seq: number; digest: string; duplicate: boolean };
}

/**
 * Renders the packet's files, records them as evidence (both stored under Object Lock as artefacts of
 * one signed report bundle appended to the client's evidence site log) and indexes them for download.
 * Idempotent: the same packet gives the same files, the same request key and the same index row.
 */
export async function storePacket(db: Kysely<Database>, service: EvidenceService, req: StorePacketRequest, files?: Awaited<ReturnType<typeof packetFiles>>): Promise<StoredPacket & { json: Uint8Array; pdf: Uint8Array }> {
  const { scope, client } = await clientScope(db, req.clientId);
  const rendered = files ?? (await packetFiles(req.packet, await partnerBranding(db, client.partner_id)));
  const names = packetArtefacts(req.month, rendered);
  const recorded = await service.record({
    requestKey: `packet:${client.id}:${req.month}:${rendered.jsonSha256}:${rendered.pdfSha256}`,
    siteId: req.evidenceSiteId,
    kind: 'report',
    runId: req.runId,
    startedAt: req.startedAt,
    finishedAt: new Date().toISOString(),
    report: {
      periodFrom: req.packet.period.from,
      periodTo: req.packet.period.to,
      frameworks: req.packet.posture.map((p) => EVIDENCE_FRAMEWORK_IDS[p.framework] ?? p.framework),
    },
    artefacts: [
      { name: names.json, bytes: rendered.json, contentType: 'application/json' },
      { name: names.pdf, bytes: rendered.pdf, contentType: 'application/pdf' },
    ],
  });
  // Where the artefacts went (key and version) is what the evidence service indexed with the bundle.
  const row = await service.db
    .selectFrom('evidence_index')
    .select('artefacts')
    .where('site_id', '=', recorded.siteId)
    .where('log_index', '=', String(recorded.seq))
    .executeTakeFirstOrThrow();
  const ref = (name: string) => {
    const a = row.artefacts.find((x) => x.name === name);
    if (!a) throw new Error(`report bundle ${recorded.seq} of site ${recorded.siteId} has no artefact ${name}`);
    return a;
  };
  const hipaa = req.packet.posture.find((p) => p.framework === 'hipaa');
  const saved = await saveCompliancePacket(db, scope, {
    clientId: client.id,
    periodMonth: req.month,
    packetId: req.packet.packetId,
    hipaaScore: hipaa?.score ?? null,
    json: { sha256: rendered.jsonSha256, objectKey: ref(names.json).objectKey, versionId: ref(names.json).versionId, bytes: Buffer.from(rendered.json) },
    pdf: { sha256: rendered.pdfSha256, objectKey: ref(names.pdf).objectKey, versionId: ref(names.pdf).versionId, bytes: Buffer.from(rendered.pdf) },
    evidence: { siteId: recorded.siteId, seq: recorded.seq, digest: recorded.digest },
    trigger: req.trigger,
    workflowId: req.workflowId,
    requestedBy: req.requestedBy,
  });
  if (!saved) throw new Error(`client ${client.id} vanished while its packet was stored`);
  return {
    packetRowId: saved.id,
    packetId: req.packet.packetId,
    jsonSha256: rendered.jsonSha256,
    pdfSha256: rendered.pdfSha256,
    evidence: { siteId: recorded.siteId, seq: recorded.seq, digest: recorded.digest, duplicate: recorded.duplicate },
    json: rendered.json,
    pdf: rendered.pdf,
  };
}
