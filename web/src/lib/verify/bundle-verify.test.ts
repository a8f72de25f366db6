import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointBody, fromUtf8, inclusionProof, leafHash, nobleVerifier, parseCanonical, sha256, toBase64, toHex } from '@custos/evidence';
import { buildScenarioKit, offlineOtsProof } from '../../../../lib/evidence/test/kit-scenario.js';
import type { BundleProof } from './bundle-proof.js';
import { verifyBundle } from './bundle-verify.js';

const T = 'tenant-0001';
const S = 'site-0001';

/** A bundle proof as the server builds one, taken from a real kit built by the evidence core. */
function proofFrom(kit: Map<string, Uint8Array>, seq: number): BundleProof {
  const entries = kit.get(`sites/${T}/${S}/entries.bin`)!;
  const digests = Array.from({ length: entries.length / 32 }, (_, i) => entries.subarray(i * 32, i * 32 + 32));
  const envelopePath = [...kit.keys()].find((p) => p.startsWith(`sites/${T}/${S}/envelopes/${seq}-`))!;
  const sizes = [...kit.keys()].flatMap((p) => (p.startsWith(`sites/${T}/${S}/checkpoints/`) ? [Number(/(\d+)\.note$/.exec(p)![1])] : [])).sort((a, b) => a - b);
  const size = sizes.find((n) => n > seq)!;
  const note = fromUtf8(kit.get(`sites/${T}/${S}/checkpoints/${size}.note`)!);
  const anchorEntries = kit.get('anchor-log/entries.bin')!;
  const anchorDigests = Array.from({ length: anchorEntries.length / 32 }, (_, i) => anchorEntries.subarray(i * 32, i * 32 + 32));
  const index = anchorDigests.findIndex((d) => toHex(d) === toHex(sha256(checkpointBody(note))));
  const anchorSize = anchorDigests.length;
  return {
    tenant: T,
    site: S,
    seq,
    envelope: toBase64(kit.get(envelopePath)!),
    logEntry: toHex(digests[seq]!),
    checkpoint: { note, auditPath: inclusionProof(digests.map(leafHash), seq, size).map(toHex) },
    trust: [parseCanonical(kit.get('trust/1.json')!).value],
    anchor: {
      index,
      note: fromUtf8(kit.get(`anchor-log/checkpoints/${anchorSize}.note`)!),
      auditPath: inclusionProof(anchorDigests.map(leafHash), index, anchorSize).map(toHex),
      tsr: null,
      otsState: 'pending',
    },
  };
}

describe('verifying one bundle in the browser', () => {
  let kit: Map<string, Uint8Array>;
  beforeAll(async () => {
    kit = await buildScenarioKit({ sites: [{ tenant: T, site: S, bundles: 30, checkpointEvery: 10 }], anchors: { ots: offlineOtsProof } });
  });

  it('passes every step of a genuine bundle and reports the anchor as it stands', async () => {
    const checks = await verifyBundle(proofFrom(kit, 12), nobleVerifier);
    expect(checks.map((c) => [c.step, c.ok])).toEqual([
      ['trust', true],
      ['entry', true],
      ['signature', true],
      ['inclusion', true],
      ['checkpoint', true],
      ['anchor', null],
    ]);
    expect(checks.find((c) => c.step === 'anchor')!.detail).toMatch(/in anchor-log checkpoint \d+; its time-stamp is an OpenTimestamps proof \(pending\)/);
  });

  it('fails a bundle changed by one byte at the entry, the signature and the inclusion', async () => {
    const p = proofFrom(kit, 12);
    const bytes = Buffer.from(p.envelope, 'base64');
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 1;
    const checks = await verifyBundle({ ...p, envelope: bytes.toString('base64') }, nobleVerifier);
    expect(checks.filter((c) => c.ok === false).map((c) => c.step)).toEqual(['entry', 'signature', 'inclusion']);
    expect(checks.find((c) => c.step === 'entry')!.detail).toMatch(/hashes to [0-9a-f]{16}…, log entry 12 is/);
  });

  it('fails a forged checkpoint and a proof for the wrong entry', async () => {
    const p = proofFrom(kit, 12);
    const forged = p.checkpoint!.note.replace(/\n\d+\n/, '\n9999\n');
    const checks = await verifyBundle({ ...p, checkpoint: { ...p.checkpoint!, note: forged } }, nobleVerifier);
    expect(checks.find((c) => c.step === 'checkpoint')!.ok).toBe(false);
    const other = await verifyBundle({ ...p, seq: 13 }, nobleVerifier);
    expect(other.find((c) => c.step === 'inclusion')!.ok).toBe(false);
    expect(other.find((c) => c.step === 'signature')!.detail).toMatch(/signed as seq 12, filed at 13/);
  });

  it('says a bundle that is not checkpointed yet is pending, not failed', async () => {
    const checks = await verifyBundle({ ...proofFrom(kit, 3), checkpoint: null, anchor: null }, nobleVerifier);
    expect(checks.slice(3).map((c) => c.ok)).toEqual([null, null, null]);
  });

  it('refuses a trust chain that does not verify', async () => {
    const p = proofFrom(kit, 12);
    const checks = await verifyBundle({ ...p, trust: [{ payload: 'e30', payloadType: 'application/vnd.custos.trust+json', signatures: [] }] }, nobleVerifier);
    expect(checks[0]).toMatchObject({ step: 'trust', ok: false });
    expect(checks.find((c) => c.step === 'signature')!.ok).toBe(false);
  });
});
