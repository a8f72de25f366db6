import { fromBase64, toBase64 } from './bytes.js';
import { OPAQUE_ID } from './bundle/schema.js';

// C2SP tlog-checkpoint body: "<origin>\n<size>\n<base64 root>\n[extension lines]".

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions: readonly string[];
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** Origin of a site log: `<domain>/evidence/<tenant>/<site>`; unique per log, so checkpoints never collide. */
export function siteLogOrigin(domain: string, tenant: string, site: string): string {
  if (!/^[a-z0-9.-]+$/.test(domain)) throw new CheckpointError(`domain ${JSON.stringify(domain)} is not a DNS name`);
  if (!OPAQUE_ID.test(tenant) || !OPAQUE_ID.test(site)) throw new CheckpointError('tenant and site must be opaque ids');
  return `${domain}/evidence/${tenant}/${site}`;
}

/** Origin of the global anchor log, whose entries are SHA-256 of site checkpoint bodies. */
export function anchorLogOrigin(domain: string): string {
  return `${domain}/evidence/anchors`;
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin === '' || /[\s]/u.test(cp.origin)) throw new CheckpointError('origin must be non-empty without whitespace');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new CheckpointError(`size ${cp.size} is not a non-negative integer`);
  if (cp.root.length !== 32) throw new CheckpointError('root must be 32 bytes');
  for (const e of cp.extensions) if (e === '' || e.includes('\n')) throw new CheckpointError('extension lines must be non-empty single lines');
  return [cp.origin, String(cp.size), toBase64(cp.root), ...cp.extensions].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === '') throw new CheckpointError('checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError(`checkpoint size ${JSON.stringify(sizeText)} is not a decimal integer`);
  }
  let root: Uint8Array;
  try {
    root = fromBase64(rootText);
  } catch {
    throw new CheckpointError('checkpoint root is not base64');
  }
  if (root.length !== 32 || toBase64(root) !== rootText) throw new CheckpointError('checkpoint root is not a canonical base64 32-byte hash');
  return { origin, size: Number(sizeText), root, extensions };
}
