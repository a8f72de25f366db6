import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { sha256 } from './hash.js';
import { assertUsablePublicKey, nobleSigner, nobleVerifier } from './ed25519.js';
import type { SignatureVerifier, Signer } from './ed25519.js';
import { browserVerifier } from './webcrypto-verifier.js';
import { nodeSigner, nodeVerifier } from './node/index.js';

// RFC 8032 §7.1 vectors; every signer and verifier the project ships must agree on all of them.
const TEST1024 = fromHex(readFileSync(new URL('../test/vectors/rfc8032-test1024-message.hex', import.meta.url), 'utf8').trim());
const VECTORS = [
  {
    name: 'TEST 1',
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: new Uint8Array(),
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: fromHex('72'),
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: fromHex('af82'),
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST 1024',
    sk: 'f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5',
    pk: '278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e',
    msg: TEST1024,
    sig: '0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03',
  },
  {
    name: 'TEST SHA(abc)',
    sk: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    pk: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    msg: fromHex('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'),
    sig: 'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

const signers: [string, (seed: Uint8Array) => Signer][] = [
  ['noble', nobleSigner],
  ['node:crypto', nodeSigner],
];
const verifiers: [string, () => Promise<SignatureVerifier>][] = [
  ['noble', () => Promise.resolve(nobleVerifier)],
  ['node:crypto', () => Promise.resolve(nodeVerifier())],
  ['webcrypto', browserVerifier],
];
// L, the order of the prime-order subgroup.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('Ed25519 RFC 8032 §7.1', () => {
  it('TEST 1024 message is the RFC one', () => {
    expect(TEST1024.length).toBe(1023);
    expect(toHex(sha256(TEST1024))).toBe('358c67baee6b3e0265787951d1840a8468b9e9044852f1c67229a892b2cc0d22');
  });

  for (const [signerName, makeSigner] of signers) {
    it.each(VECTORS)(`$name: ${signerName} reproduces the public key and signature`, (v) => {
      const s = makeSigner(fromHex(v.sk));
      expect(toHex(s.publicKey)).toBe(v.pk);
      expect(toHex(s.sign(v.msg))).toBe(v.sig);
    });
  }

  for (const [verifierName, makeVerifier] of verifiers) {
    it(`${verifierName} accepts every vector and rejects tampered ones`, async () => {
      const verifier = await makeVerifier();
      for (const v of VECTORS) {
        const pk = fromHex(v.pk);
        const sig = fromHex(v.sig);
        expect(await verifier.verify(pk, v.msg, sig), v.name).toBe(true);
        for (const byte of [0, 31, 32, 62]) {
          const bad = sig.slice();
          bad[byte]! ^= 0x01;
          expect(await verifier.verify(pk, v.msg, bad), `${v.name} flipped byte ${byte}`).toBe(false);
        }
        // Malleability: S + L is the same scalar mod L but must be refused (strict RFC 8032).
        let s = 0n;
        for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
        const sPlusL = s + L;
        const malleable = sig.slice();
        for (let i = 0; i < 32; i++) malleable[32 + i] = Number((sPlusL >> BigInt(8 * i)) & 0xffn);
        expect(await verifier.verify(pk, v.msg, malleable), `${v.name} S+L`).toBe(false);
        expect(await verifier.verify(new Uint8Array(32), v.msg, sig), `${v.name} zero key`).toBe(false);
      }
    });
  }

  it('refuses unusable public keys at load time', () => {
    expect(() => assertUsablePublicKey(new Uint8Array(32))).toThrow(/small order/);
    // The identity point (y = 1) is small order too.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    expect(() => assertUsablePublicKey(identity)).toThrow(/small order/);
    expect(() => assertUsablePublicKey(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => assertUsablePublicKey(fromHex(VECTORS[0]!.pk))).not.toThrow();
  });
});
