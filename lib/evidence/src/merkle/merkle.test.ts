import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { leafHash } from './hash.js';
import { MerkleFrontier } from './frontier.js';
import { consistencyProof, inclusionProof, treeRoot } from './proofs.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

// Vectors: transparency-dev/merkle testonly/constants.go and proof/verify_test.go, as quoted in
// shared/reference/evidence.md §1.3.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
const N = {
  l0_1: '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  l0_4: 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  l0_6: 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  l0_0: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  l1_0: 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  l1_1: '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  l1_2: '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  l1_3: 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  l2_0: 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  l2_1: '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
};
const hashes = LEAVES.map(leafHash);

describe('RFC 6962 Merkle tree (transparency-dev vectors)', () => {
  it('hashes the eight standard leaves', () => {
    expect(hashes.map(toHex)).toEqual(LEAF_HASHES);
  });

  it('computes every root for sizes 0..8, batch and incremental', () => {
    const f = MerkleFrontier.empty();
    for (let size = 0; size <= 8; size++) {
      expect(toHex(treeRoot(hashes, size)), `size ${size}`).toBe(ROOTS[size]);
      expect(toHex(f.root()), `frontier size ${size}`).toBe(ROOTS[size]);
      if (size < 8) f.appendLeafHash(hashes[size]!);
    }
  });

  it.each([
    [0, 8, [N.l0_1, N.l1_1, N.l2_1]],
    [5, 8, [N.l0_4, N.l1_3, N.l2_0]],
    [2, 3, [N.l1_0]],
    [1, 5, [N.l0_0, N.l1_1, N.l0_4]],
  ])('inclusion proof for leaf %i in size %i', (index, size, expected) => {
    const proof = inclusionProof(hashes, index, size);
    expect(proof.map(toHex)).toEqual(expected);
    expect(verifyInclusion(index, size, hashes[index]!, proof, fromHex(ROOTS[size]!))).toBeUndefined();
  });

  it.each([
    [1, 8, [N.l0_1, N.l1_1, N.l2_1]],
    [6, 8, [N.l1_2, N.l1_3, N.l2_0]],
    [2, 5, [N.l1_1, N.l0_4]],
    [6, 7, [N.l1_2, N.l0_6, N.l2_0]],
  ])('consistency proof %i -> %i', (m, n, expected) => {
    const proof = consistencyProof(hashes, m, n);
    expect(proof.map(toHex)).toEqual(expected);
    expect(verifyConsistency(m, n, fromHex(ROOTS[m]!), fromHex(ROOTS[n]!), proof)).toBeUndefined();
  });

  it('generates and verifies every inclusion and consistency proof for sizes 1..64', () => {
    const leaves = Array.from({ length: 64 }, (_, i) => leafHash(new Uint8Array([i, i * 7, 255 - i])));
    const roots = Array.from({ length: 65 }, (_, n) => treeRoot(leaves, n));
    let checked = 0;
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(i, n, leaves[i]!, inclusionProof(leaves, i, n), roots[n]!)).toBeUndefined();
        checked++;
      }
      for (let m = 0; m <= n; m++) {
        expect(verifyConsistency(m, n, roots[m]!, roots[n]!, consistencyProof(leaves, m, n)), `${m}->${n}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBe(2080 + 2144);
  });
});

describe('RFC 6962 proof negatives (verify_test.go)', () => {
  const root8 = fromHex(ROOTS[8]!);
  const proof = inclusionProof(hashes, 5, 8);
  const flip = (b: Uint8Array, bit: number) => {
    const c = b.slice();
    c[bit >> 3]! ^= 1 << (bit & 7);
    return c;
  };

  it('rejects wrong indexes, sizes and leaves', () => {
    for (const index of [4, 6, 5 ^ 2]) expect(verifyInclusion(index, 8, hashes[5]!, proof, root8)).toBeDefined();
    for (const size of [16, 4]) expect(verifyInclusion(5, size, hashes[5]!, proof, root8)).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[4]!, proof, root8)).toBeDefined();
    expect(verifyInclusion(8, 8, hashes[5]!, proof, root8)).toMatch(/outside/);
  });

  it('rejects empty and random roots', () => {
    expect(verifyInclusion(5, 8, hashes[5]!, proof, new Uint8Array(0))).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[5]!, proof, fromHex(ROOTS[7]!))).toBeDefined();
  });

  it('rejects trailing, leading, dropped and inserted proof elements', () => {
    const extra = hashes[0]!;
    expect(verifyInclusion(5, 8, hashes[5]!, [...proof, extra], root8)).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[5]!, [extra, ...proof], root8)).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[5]!, proof.slice(0, 2), root8)).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[5]!, [proof[0]!, extra, ...proof.slice(1)], root8)).toBeDefined();
    expect(verifyInclusion(5, 8, hashes[5]!, [proof[0]!, new Uint8Array(31), proof[2]!], root8)).toMatch(/31 bytes/);
  });

  it('rejects a single flipped bit in any proof element', () => {
    for (let e = 0; e < proof.length; e++) {
      for (let bit = 0; bit < 256; bit += 37) {
        const bad = proof.map((p, i) => (i === e ? flip(p, bit) : p));
        expect(verifyInclusion(5, 8, hashes[5]!, bad, root8)).toBeDefined();
      }
    }
  });

  it('rejects swapped roots, empty proofs and tampered consistency proofs', () => {
    const r6 = fromHex(ROOTS[6]!);
    const cp = consistencyProof(hashes, 6, 8);
    expect(verifyConsistency(6, 8, root8, r6, cp)).toBeDefined();
    expect(verifyConsistency(6, 8, r6, root8, [])).toBe('empty consistency proof');
    expect(verifyConsistency(6, 8, r6, root8, cp.slice(0, 2))).toBeDefined();
    expect(verifyConsistency(6, 8, r6, root8, [...cp, cp[0]!])).toBeDefined();
    for (let e = 0; e < cp.length; e++) {
      expect(verifyConsistency(6, 8, r6, root8, cp.map((p, i) => (i === e ? flip(p, 9) : p)))).toBeDefined();
    }
    expect(verifyConsistency(8, 6, root8, r6, cp)).toMatch(/larger/);
    expect(verifyConsistency(4, 4, fromHex(ROOTS[4]!), r6, [])).toMatch(/fork/);
  });
});

describe('MerkleFrontier persistence', () => {
  it('resumes from JSON and refuses a mismatched peak count', () => {
    const f = MerkleFrontier.empty();
    for (const h of hashes.slice(0, 5)) f.appendLeafHash(h);
    const resumed = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(f.toJSON())) as { size: number; peaks: string[] });
    for (const h of hashes.slice(5)) resumed.appendLeafHash(h);
    expect(toHex(resumed.root())).toBe(ROOTS[8]);
    expect(() => MerkleFrontier.restore(5, [hashes[0]!])).toThrow(/needs 2 peak hashes/);
  });
});
