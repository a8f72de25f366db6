import { fromUtf8, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { canonicalBytes, parseCanonical } from '../jcs.js';
import { envelopeBytes, signEnvelope } from '../dsse.js';
import type { Signer } from '../ed25519.js';
import { HEX64, SchemaError, UTC_TIME, arr, obj, onlyKeys, str } from '../bundle/schema.js';
import { KIT_FORMAT, MANIFEST, MANIFEST_PAYLOAD_TYPE } from './layout.js';

// The kit manifest: every file's path, size and SHA-256, signed by an export key. It makes a dropped
// or added file attributable by name; the evidence itself is still verified independently of it.

export interface ManifestEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface KitManifest {
  readonly format: typeof KIT_FORMAT;
  readonly createdAt: string;
  readonly files: readonly ManifestEntry[];
}

export function buildManifest(files: ReadonlyMap<string, Uint8Array>, createdAt: string): KitManifest {
  const entries = [...files.entries()]
    .filter(([p]) => p !== MANIFEST)
    .map(([path, bytes]) => ({ path, size: bytes.length, sha256: toHex(sha256(bytes)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { format: KIT_FORMAT, createdAt, files: entries };
}

export function signManifest(manifest: KitManifest, signers: readonly Signer[]): Uint8Array {
  const body = canonicalBytes({ ...manifest, files: manifest.files.map((f) => ({ ...f, size: String(f.size) })) });
  return envelopeBytes(signEnvelope(MANIFEST_PAYLOAD_TYPE, body, signers));
}

export function parseManifest(body: Uint8Array): KitManifest {
  let parsed: ReturnType<typeof parseCanonical>;
  try {
    parsed = parseCanonical(body);
  } catch {
    throw new SchemaError('', `manifest payload is not JSON: ${fromUtf8(body.slice(0, 40))}`);
  }
  const o = obj(parsed.value, '');
  onlyKeys(o, '', ['format', 'createdAt', 'files']);
  if (o.format !== KIT_FORMAT) throw new SchemaError('/format', `must be ${KIT_FORMAT}`);
  const createdAt = str(o.createdAt, '/createdAt', UTC_TIME, 'an RFC 3339 UTC time');
  const files = arr(o.files, '/files').map((f, i) => {
    const fo = obj(f, `/files/${i}`);
    onlyKeys(fo, `/files/${i}`, ['path', 'size', 'sha256']);
    return {
      path: str(fo.path, `/files/${i}/path`, /^[^\s]{1,400}$/, 'a path'),
      size: Number(str(fo.size, `/files/${i}/size`, /^(0|[1-9][0-9]{0,15})$/, 'a decimal string')),
      sha256: str(fo.sha256, `/files/${i}/sha256`, HEX64, '64 lowercase hex digits'),
    };
  });
  return { format: KIT_FORMAT, createdAt, files };
}
