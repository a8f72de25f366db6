import { keyIdOf } from '@custos/evidence';
import type { Signer } from '@custos/evidence';
import { nodeSigner } from '@custos/evidence/node';

/**
 * The central keys (issue 6 §2): one signs bundles, a separate one signs log checkpoints (so a leaked
 * bundle key cannot rewrite log history), one signs auditor-kit manifests. The root key, if present,
 * only ever signs trust.json version 1 into an empty bucket.
 */
export interface EvidenceKeys {
  readonly domain: string;
  readonly bundle: Signer;
  readonly log: { readonly name: string; readonly signer: Signer };
  readonly export: Signer;
  readonly root?: Signer;
}

export interface EvidenceKeySeeds {
  readonly domain: string;
  readonly bundle: Uint8Array;
  readonly log: Uint8Array;
  readonly export: Uint8Array;
  readonly root?: Uint8Array;
}

/** Signed-note key name of the log key: `<domain>/log` (no spaces or "+", as C2SP requires). */
export function logKeyName(domain: string): string {
  return `${domain}/log`;
}

export function evidenceKeys(seeds: EvidenceKeySeeds): EvidenceKeys {
  if (!/^[a-z0-9.-]{1,253}$/.test(seeds.domain)) throw new Error(`evidence domain ${JSON.stringify(seeds.domain)} is not a lowercase DNS name`);
  const bundle = nodeSigner(seeds.bundle);
  const log = nodeSigner(seeds.log);
  const exportKey = nodeSigner(seeds.export);
  const ids = [bundle, log, exportKey].map((s) => keyIdOf(s.publicKey));
  // One key in two roles would let a bundle signature pass for a checkpoint signature in someone's mind.
  if (new Set(ids).size !== ids.length) throw new Error('the evidence bundle, log and export keys must be three different keys');
  return {
    domain: seeds.domain,
    bundle,
    log: { name: logKeyName(seeds.domain), signer: log },
    export: exportKey,
    ...(seeds.root ? { root: nodeSigner(seeds.root) } : {}),
  };
}
