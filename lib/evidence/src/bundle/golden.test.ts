import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { canonicalBytes } from '../jcs.js';
import { envelopeBytes, pae, signEnvelope, verifyEnvelope } from '../dsse.js';
import { keyIdOf, nobleSigner, nobleVerifier } from '../ed25519.js';
import { nodeSigner } from '../node/index.js';
import { IN_TOTO_PAYLOAD_TYPE, ZERO_DIGEST } from './schema.js';

// The golden bundle of reference/evidence.md §2.5 (RFC 8032 TEST 1 key, fully deterministic). It predates
// our predicate schema (no tenant/runId/agent), so it exercises the JCS → PAE → Ed25519 → envelope pipeline.
const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'site/clinic-001/scan/2026-11-26T10:00:00Z', digest: { sha256: '67ce2db2e3a8c61f4f54894f74627b3467bb84173709a3057ec50c3f43ea8de5' } }],
  predicateType: 'https://evidence.example/hipaa-scan/v1',
  predicate: {
    kind: 'scan',
    site: 'clinic-001',
    seq: '0',
    prev: ZERO_DIGEST,
    startedAt: '2026-11-26T10:00:00Z',
    finishedAt: '2026-11-26T10:00:07Z',
    controls: [
      { id: '164.312(b)', result: 'pass' },
      { id: '164.312(c)(1)', result: 'fail', finding: 'audit log retention < 6y' },
    ],
  },
};
const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');

describe('golden evidence bundle (§2.5)', () => {
  it.each([
    ['noble', nobleSigner(SEED)],
    ['node:crypto', nodeSigner(SEED)],
  ])('is reproduced byte for byte with the %s signer', async (_name, signer) => {
    const body = canonicalBytes(statement);
    expect(body.length).toBe(580);
    expect(toHex(sha256(body))).toBe('9a015535bada721d708b0642281ad69b9e4402fa99e6700adfdc126cad93b76b');
    expect(toHex(sha256(pae(IN_TOTO_PAYLOAD_TYPE, body)))).toBe('efafcbbff18bf7cd5502fe0cee8bcc8e6c663ed5bf4a4c770770266ec76c69ab');
    const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, body, [signer]);
    expect(envelope.signatures[0]).toEqual({
      keyid: '21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9',
      sig: 'Dx/c34k0Ntbplo8isePsL4v1eRxufq7t9TGN4iVB+asyohR1ORqXUtOibhrx4eYTB+zzUND9jOFyXhX6RlWNAQ==',
    });
    expect(keyIdOf(signer.publicKey)).toBe('21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9');
    const bytes = envelopeBytes(envelope);
    expect(bytes.length).toBe(1024);
    expect(toHex(sha256(bytes))).toBe('023f1a8929ff6dfb742ff504ef103b20f345a31b5543aae984936814180463ad');
    expect((await verifyEnvelope(envelope, [signer.publicKey], nobleVerifier)).ok).toBe(true);
  });
});
