import { envelopeName } from '@custos/evidence';

// Where each evidence object lives in the bucket (reference/evidence.md §7.1). Tenant is the client
// id, site the site id: opaque UUIDs, never names. Keys carry the content digest where there is one,
// so an object can never be confused with another that claims the same place.

export const evidenceKeys = {
  trust: (version: number) => `trust/${version}.json`,
  envelope: (tenant: string, site: string, seq: number, digestHex: string) => `evidence/${tenant}/${site}/${envelopeName(seq, digestHex)}`,
  /** Subject artefacts (histories, raw output) at their subject name, as in the auditor kit. */
  artefact: (tenant: string, site: string, subjectName: string) => `evidence/${tenant}/${site}/${subjectName}`,
  siteCheckpoint: (tenant: string, site: string, size: number) => `log/${tenant}/${site}/checkpoints/${size}.note`,
  anchorCheckpoint: (size: number) => `anchor-log/checkpoints/${size}.note`,
  tsr: (anchorSize: number) => `anchors/${anchorSize}.tsr`,
  ots: (anchorSize: number) => `anchors/${anchorSize}.ots`,
  btcHeader: (height: number, blockHash: string) => `anchors/btc-headers/${height}-${blockHash}.hex`,
} as const;
