import { bytesEqual, formatCheckpoint, leafHash, MerkleFrontier, nodeHash, parseCheckpoint, rootFromInclusionProof, signNote, verifyNote } from '@custos/evidence';
import { nodeSigner, nodeVerifier } from '@custos/evidence/node';
import { randomFillSync } from 'node:crypto';
import { timed } from './measure.js';
import type { Row } from './measure.js';

/** Builds all levels of the tree (a lone right node is carried up, which is exactly RFC 6962's shape). */
function levelsOf(leaves: Uint8Array[]): Uint8Array[][] {
  const levels = [leaves];
  while (levels.at(-1)!.length > 1) {
    const prev = levels.at(-1)!;
    const next: Uint8Array[] = [];
    for (let i = 0; i < prev.length; i += 2) next.push(i + 1 < prev.length ? nodeHash(prev[i]!, prev[i + 1]!) : prev[i]!);
    levels.push(next);
  }
  return levels;
}

function proofFromLevels(levels: Uint8Array[][], index: number): Uint8Array[] {
  const proof: Uint8Array[] = [];
  let i = index;
  for (const level of levels.slice(0, -1)) {
    const sibling = i ^ 1;
    if (sibling < level.length) proof.push(level[sibling]!);
    i = Math.floor(i / 2);
  }
  return proof;
}

/**
 * Structure verification of a site log as the verifier does it: read the 32-byte entries, verify the
 * signed checkpoint, recompute the RFC 6962 root (core code, @noble/hashes SHA-256) and compare.
 * Then inclusion-proof verification for random leaves of the same tree.
 */
export async function benchLogStructure(size: number, proofs: number): Promise<Row[]> {
  const entriesBin = new Uint8Array(size * 32);
  randomFillSync(entriesBin);
  const log = nodeSigner(new Uint8Array(32).fill(4));
  const entries = Array.from({ length: size }, (_, i) => entriesBin.subarray(i * 32, i * 32 + 32));
  const leaves = entries.map(leafHash);
  const levels = levelsOf(leaves);
  const root = levels.at(-1)![0]!;
  const note = signNote(formatCheckpoint({ origin: 'custos.test/evidence/t/s', size, root, extensions: [] }), [{ name: 'custos.test/log', signer: log }]);

  const verifier = nodeVerifier();
  const { ms, cpuMs } = await timed(async () => {
    const { text } = await verifyNote(note, [{ name: 'custos.test/log', publicKey: log.publicKey }], verifier);
    const cp = parseCheckpoint(text);
    const f = MerkleFrontier.empty();
    for (let i = 0; i < size; i++) f.appendLeafHash(leafHash(entriesBin.subarray(i * 32, i * 32 + 32)));
    if (!bytesEqual(f.root(), cp.root) || cp.size !== size) throw new Error('benchmark log does not verify');
  });

  const indexes = Array.from({ length: proofs }, () => Math.floor(Math.random() * size));
  const paths = indexes.map((i) => proofFromLevels(levels, i));
  const verify = () =>
    indexes.forEach((index, k) => {
      const r = rootFromInclusionProof(index, size, leaves[index]!, paths[k]!);
      if ('error' in r || !bytesEqual(r.root, root)) throw new Error(`inclusion proof for ${index} does not verify`);
    });
  verify(); // warm-up and correctness check of every proof
  const proofTime = await timed(verify);
  const perProofUs = (proofTime.cpuMs * 1000) / proofs;
  return [
    {
      name: `log structure verification (${size.toLocaleString('en-US')} entries)`,
      value: cpuMs / 1000,
      wall: ms / 1000,
      unit: 's',
      target: size >= 1_000_000 ? '<= 15 s' : undefined,
      met: size >= 1_000_000 ? cpuMs <= 15_000 : undefined,
      detail: `checkpoint signature + ${size.toLocaleString('en-US')} leaf hashes + root; ${((size / cpuMs) * 1000).toFixed(0)} entries/s`,
    },
    {
      name: 'inclusion proof verification',
      value: perProofUs,
      wall: (proofTime.ms * 1000) / proofs,
      unit: 'µs/proof',
      target: '< 100 µs',
      met: perProofUs < 100,
      detail: `${proofs} random leaves, ${paths[0]!.length} hashes per proof`,
    },
  ];
}
