import { canonicalBytes, sha256, toHex } from '@custos/evidence';
import type { Branding, Packet } from '@custos/core';
import { renderPacketPdf } from '../render-packet-pdf.js';

export interface PacketFiles {
  json: Uint8Array;
  pdf: Uint8Array;
  jsonSha256: string;
  pdfSha256: string;
}

/**
 * The packet's two files. The JSON is the canonical `Packet` in RFC 8785 form (scores and times to
 * heal are decimals, which JCS writes in one defined way), so the same packet is the same bytes in
 * any language; the PDF is rendered deterministically from it.
 */
export async function packetFiles(packet: Packet, branding: Branding): Promise<PacketFiles> {
  const json = canonicalBytes(packet, { allowFloats: true });
  const pdf = await renderPacketPdf(packet, branding);
  return { json, pdf, jsonSha256: toHex(sha256(json)), pdfSha256: toHex(sha256(pdf)) };
}

/** Evidence artefact names: each file is named by its own hash, so a regenerated packet never collides. */
export const packetArtefacts = (month: string, files: Pick<PacketFiles, 'jsonSha256' | 'pdfSha256'>) => ({
  json: `reports/packets/${month}/${files.jsonSha256}.json`,
  pdf: `reports/packets/${month}/${files.pdfSha256}.pdf`,
});

/** Framework ids as the evidence schema spells them (lowercase words and hyphens). */
export const EVIDENCE_FRAMEWORK_IDS: Record<string, string> = { hipaa: 'hipaa', soc2: 'soc2', nistCsf: 'nist-csf', nist80053: 'nist-800-53', cisV8: 'cis-v8' };
