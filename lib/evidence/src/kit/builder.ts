import { concatBytes, fromUtf8, toHex, utf8 } from '../bytes.js';
import { envelopeBytes } from '../dsse.js';
import type { DsseEnvelope } from '../dsse.js';
import type { Signer } from '../ed25519.js';
import { parseBlockHeader } from '../ots/bitcoin.js';
import { parseNote } from '../note.js';
import { parseCheckpoint } from '../checkpoint.js';
import { sha256 } from '../hash.js';
import { buildManifest, signManifest } from './manifest.js';
import { auditorReadme } from './readme.js';
import {
  ANCHOR_LOG_ENTRIES, KIT_FORMAT, KIT_JSON, MANIFEST, README,
  anchorCheckpointPath, artefactPath, envelopePath, headerPath, otsPath, siteCheckpointPath, siteEntriesPath, trustPath, tsrPath,
} from './layout.js';

// Assembles an auditor kit in memory from evidence objects (no I/O): the same code serves the test
// kit builder, the benchmarks and the live exporter, which feeds it what it reads from the bucket.

export interface SiteExport {
  readonly tenant: string;
  readonly site: string;
  /** Stored envelope bytes in seq order, from 0. */
  readonly envelopes: readonly Uint8Array[];
  /** Signed checkpoint notes of this site's log. */
  readonly checkpoints: readonly string[];
  /** Subject files by subject name (e.g. `histories/<runId>.json`). */
  readonly artefacts?: ReadonlyMap<string, Uint8Array>;
}

export interface AnchorExport {
  /** Anchor-log entries: SHA-256 of site checkpoint bodies, in log order. */
  readonly entries: readonly Uint8Array[];
  readonly checkpoints: readonly string[];
  /** RFC 3161 responses and OTS proofs by anchor checkpoint size. */
  readonly tsr?: ReadonlyMap<number, Uint8Array>;
  readonly ots?: ReadonlyMap<number, Uint8Array>;
  /** Bitcoin block headers (80 bytes) the OTS proofs attest to, by height. */
  readonly headers?: ReadonlyMap<number, Uint8Array>;
}

export interface KitInput {
  readonly domain: string;
  readonly createdAt: string;
  /** Trust envelopes, oldest first (trust/1.json …). */
  readonly trust: readonly DsseEnvelope[];
  readonly sites: readonly SiteExport[];
  readonly anchors?: AnchorExport;
  /** Export key(s) that sign the manifest. */
  readonly exportSigners: readonly Signer[];
}

function sizeOf(note: string): number {
  return parseCheckpoint(parseNote(note).text).size;
}

export function buildKit(input: KitInput): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const put = (path: string, bytes: Uint8Array) => {
    if (files.has(path)) throw new Error(`kit would contain ${path} twice`);
    files.set(path, bytes);
  };
  input.trust.forEach((t, i) => put(trustPath(i + 1), envelopeBytes(t)));
  for (const s of input.sites) {
    const digests = s.envelopes.map((e) => sha256(e));
    put(siteEntriesPath(s.tenant, s.site), concatBytes(...digests));
    s.envelopes.forEach((e, seq) => put(envelopePath(s.tenant, s.site, seq, toHex(digests[seq]!)), e));
    for (const note of s.checkpoints) put(siteCheckpointPath(s.tenant, s.site, sizeOf(note)), utf8(note));
    for (const [name, bytes] of s.artefacts ?? []) put(artefactPath(s.tenant, s.site, name), bytes);
  }
  const a = input.anchors;
  if (a) {
    put(ANCHOR_LOG_ENTRIES, concatBytes(...a.entries));
    for (const note of a.checkpoints) put(anchorCheckpointPath(sizeOf(note)), utf8(note));
    for (const [size, tsr] of a.tsr ?? []) put(tsrPath(size), tsr);
    for (const [size, ots] of a.ots ?? []) put(otsPath(size), ots);
    for (const [height, header] of a.headers ?? []) put(headerPath(height, parseBlockHeader(header).hash), utf8(`${toHex(header)}\n`));
  }
  const kitJson = {
    format: KIT_FORMAT,
    domain: input.domain,
    createdAt: input.createdAt,
    sites: input.sites.map((s) => ({ tenant: s.tenant, site: s.site, entries: s.envelopes.length })),
  };
  put(KIT_JSON, utf8(`${JSON.stringify(kitJson, null, 2)}\n`));
  put(README, utf8(auditorReadme(kitJson)));
  put(MANIFEST, signManifest(buildManifest(files, input.createdAt), input.exportSigners));
  return files;
}

/** Text of a checkpoint note body, for anchoring (what TSR and OTS stamp). */
export function checkpointBody(note: string | Uint8Array): Uint8Array {
  return utf8(parseNote(typeof note === 'string' ? note : fromUtf8(note)).text);
}
