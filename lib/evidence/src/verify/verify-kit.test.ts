import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { keyIdOf } from '../ed25519.js';
import { nodeVerifier } from '../node/index.js';
import { sha256 } from '../hash.js';
import { verifyKit, KitInputError } from './verify-kit.js';
import { memorySource } from './source.js';
import { buildManifest, signManifest } from '../kit/manifest.js';
import type { KitReport } from './report.js';
import { buildScenarioKit, KEYS, offlineOtsProof } from '../../test/kit-scenario.js';
import type { ScenarioOptions } from '../../test/kit-scenario.js';

const S1 = 'sites/tenant-0001/site-0001';
const S2 = 'sites/tenant-0001/site-0002';
const SCENARIO: ScenarioOptions = {
  // 190 bundles cross the bundle-key rotation (seq 120..179 carry both signatures, later ones only the new key).
  sites: [
    { tenant: 'tenant-0001', site: 'site-0001', bundles: 190, checkpointEvery: 50, historyEvery: 25 },
    { tenant: 'tenant-0001', site: 'site-0002', bundles: 10, checkpointEvery: 4 },
  ],
  anchors: { ots: offlineOtsProof },
};
const verifier = nodeVerifier();

let clean: Map<string, Uint8Array>;
beforeAll(async () => {
  clean = await buildScenarioKit(SCENARIO);
});

const verify = (files: Map<string, Uint8Array>, trustRoots?: string[]) => verifyKit(memorySource(files), { verifier, ...(trustRoots ? { trustRoots } : {}) });
const pathOf = (files: Map<string, Uint8Array>, prefix: string) => [...files.keys()].find((p) => p.startsWith(prefix))!;
const envelopeOf = (files: Map<string, Uint8Array>, seq: number, site = S1) => pathOf(files, `${site}/envelopes/${seq}-`);
/** Objects named by failures, without "#detail" suffixes. */
const objects = (r: KitReport) => [...new Set(r.failures.map((f) => f.object.split('#')[0]!))].sort();
const codes = (r: KitReport) => [...new Set(r.failures.map((f) => f.code))].sort();
function flip(files: Map<string, Uint8Array>, path: string, at?: number): Map<string, Uint8Array> {
  const copy = new Map(files);
  const bytes = copy.get(path)!.slice();
  const i = at ?? Math.floor(bytes.length / 2);
  bytes[i]! ^= 0x01;
  copy.set(path, bytes);
  return copy;
}
function without(files: Map<string, Uint8Array>, path: string): Map<string, Uint8Array> {
  const copy = new Map(files);
  copy.delete(path);
  return copy;
}
function withFile(files: Map<string, Uint8Array>, path: string, bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(files).set(path, bytes);
}

describe('verifyKit on an untouched kit', () => {
  it('passes and reports what it proved', async () => {
    const r = await verify(clean, [keyIdOf(KEYS.root.publicKey)]);
    expect(r.failures).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.trust).toEqual({ version: 1, rootKeyIds: [keyIdOf(KEYS.root.publicKey)], pinned: true });
    const [s1, s2] = r.sites;
    expect(s1).toMatchObject({ entries: 190, envelopesVerified: 190, artefactsVerified: 7, latestCheckpoint: 190, anchoredEntries: 190 });
    expect(s1!.firstStartedAt).toBe('2026-11-26T10:00:00Z');
    expect(s2).toMatchObject({ entries: 10, envelopesVerified: 10, latestCheckpoint: 10, anchoredEntries: 10 });
    expect(r.anchors).toEqual([{ anchorSize: 7, bitcoin: { height: 900_001, blockHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, time: '2026-11-18T11:06:40.000Z' }, pendingCalendars: [] }]);
  });

  it('refuses input that is not a kit', async () => {
    await expect(verify(new Map([['hello.txt', new Uint8Array(1)]]))).rejects.toThrow(KitInputError);
  });
});

describe('tampering is named: object and reason', () => {
  const cases: [string, (f: Map<string, Uint8Array>) => Map<string, Uint8Array>, (f: Map<string, Uint8Array>) => string[], string][] = [
    ['flip a byte in an envelope', (f) => flip(f, envelopeOf(f, 7)), (f) => [envelopeOf(f, 7)], 'envelope-digest'],
    ['drop an envelope', (f) => without(f, envelopeOf(f, 7)), (f) => [envelopeOf(f, 7)], 'missing'],
    [
      'insert an envelope under a taken seq',
      (f) => withFile(f, `${S1}/envelopes/7-${toHex(sha256(f.get(envelopeOf(f, 8))!))}.dsse.json`, f.get(envelopeOf(f, 8))!),
      (f) => [`${S1}/envelopes/7-${toHex(sha256(f.get(envelopeOf(f, 8))!))}.dsse.json`],
      'not-in-log',
    ],
    [
      'insert an envelope beyond the log',
      (f) => withFile(f, `${S1}/envelopes/190-${toHex(sha256(f.get(envelopeOf(f, 8))!))}.dsse.json`, f.get(envelopeOf(f, 8))!),
      (f) => [`${S1}/envelopes/190-${toHex(sha256(f.get(envelopeOf(f, 8))!))}.dsse.json`],
      'not-in-log',
    ],
    [
      'reorder two envelopes (swap their contents)',
      (f) => withFile(withFile(f, envelopeOf(f, 7), f.get(envelopeOf(f, 8))!), envelopeOf(f, 8), f.get(envelopeOf(f, 7))!),
      (f) => [envelopeOf(f, 7), envelopeOf(f, 8)].sort(),
      'envelope-digest',
    ],
    [
      'replace an envelope with another signed one',
      (f) => withFile(without(f, envelopeOf(f, 7)), `${S1}/envelopes/7-${toHex(sha256(f.get(envelopeOf(f, 9))!))}.dsse.json`, f.get(envelopeOf(f, 9))!),
      (f) => [envelopeOf(f, 7), `${S1}/envelopes/7-${toHex(sha256(f.get(envelopeOf(f, 9))!))}.dsse.json`].sort(),
      'not-in-log',
    ],
    ['flip a byte in the log', (f) => flip(f, `${S1}/entries.bin`, 7 * 32 + 3), () => [`${S1}/entries.bin`], 'entry-mismatch'],
    [
      'reorder two log entries',
      (f) => {
        const e = f.get(`${S1}/entries.bin`)!.slice();
        const a = e.slice(7 * 32, 8 * 32);
        e.copyWithin(7 * 32, 8 * 32, 9 * 32);
        e.set(a, 8 * 32);
        return withFile(f, `${S1}/entries.bin`, e);
      },
      () => [`${S1}/entries.bin`],
      'entry-mismatch',
    ],
    ['truncate the log', (f) => withFile(f, `${S1}/entries.bin`, f.get(`${S1}/entries.bin`)!.slice(0, 189 * 32)), () => [`${S1}/entries.bin`], 'log-truncated'],
    ['drop the log', (f) => without(f, `${S1}/entries.bin`), () => [`${S1}/entries.bin`], 'missing'],
    ['flip a byte in a checkpoint', (f) => flip(f, `${S1}/checkpoints/100.note`, 40), () => [`${S1}/checkpoints/100.note`], 'checkpoint-invalid'],
    ['drop a checkpoint', (f) => without(f, `${S1}/checkpoints/100.note`), () => [`${S1}/checkpoints/100.note`], 'missing'],
    [
      'replace a checkpoint with another signed one',
      (f) => withFile(f, `${S1}/checkpoints/100.note`, f.get(`${S1}/checkpoints/150.note`)!),
      () => [`${S1}/checkpoints/100.note`],
      'checkpoint-invalid',
    ],
    ['flip a byte in a workflow history', (f) => flip(f, pathOf(f, `${S1}/histories/`)), (f) => [pathOf(f, `${S1}/histories/`)], 'artefact-digest'],
    ['drop a workflow history', (f) => without(f, pathOf(f, `${S1}/histories/`)), (f) => [pathOf(f, `${S1}/histories/`)], 'artefact-missing'],
    ['insert an unreferenced artefact', (f) => withFile(f, `${S1}/raw/extra.json`, new Uint8Array(3)), () => [`${S1}/raw/extra.json`], 'unexpected-file'],
    ['insert a stray file', (f) => withFile(f, `${S2}/notes.txt`, new Uint8Array(3)), () => [`${S2}/notes.txt`], 'unexpected-file'],
    ['flip a byte in trust.json', (f) => flip(f, 'trust/1.json', 200), () => ['trust/1.json'], 'trust-invalid'],
    ['drop trust.json', (f) => without(f, 'trust/1.json'), () => ['trust/1.json'], 'missing'],
    ['flip a byte in the manifest', (f) => flip(f, 'manifest.dsse.json', 300), () => ['manifest.dsse.json'], 'manifest-signature'],
    ['drop the manifest', (f) => without(f, 'manifest.dsse.json'), () => ['manifest.dsse.json'], 'missing'],
    ['flip a byte in the anchor log', (f) => flip(f, 'anchor-log/entries.bin', 5), () => ['anchor-log/entries.bin'], 'checkpoint-mismatch'],
    ['flip a byte in the anchor checkpoint', (f) => flip(f, 'anchor-log/checkpoints/7.note', 10), () => ['anchor-log/checkpoints/7.note'], 'checkpoint-invalid'],
    ['flip a byte in the OTS proof', (f) => flip(f, 'anchors/7.ots', 60), () => ['anchors/7.ots'], 'anchor-invalid'],
    ['drop the Bitcoin header', (f) => without(f, pathOf(f, 'anchors/btc-headers/')), (f) => [pathOf(f, 'anchors/btc-headers/')], 'missing'],
    ['flip a byte in the Bitcoin header', (f) => flip(f, pathOf(f, 'anchors/btc-headers/'), 80), (f) => [pathOf(f, 'anchors/btc-headers/')], 'header-invalid'],
    ['flip a byte in kit.json', (f) => flip(f, 'kit.json', 5), () => ['kit.json'], 'manifest-mismatch'],
  ];

  it.each(cases)('%s', async (_name, tamper, expected, code) => {
    const r = await verify(tamper(clean));
    expect(r.ok).toBe(false);
    expect(objects(r)).toEqual(expected(clean));
    expect(codes(r)).toContain(code);
    for (const failure of r.failures) expect(failure.reason.length).toBeGreaterThan(10);
  });

  // An insider holding the export key can re-sign the manifest after tampering; the evidence itself
  // (signatures, log, checkpoints) must still name the object.
  // Dropping a checkpoint, a header or the manifest-only files is visible through the manifest alone.
  it.each(cases.filter(([name]) => /envelope|log|flip a byte in a checkpoint|replace a checkpoint|workflow history|artefact|OTS|flip a byte in the Bitcoin header/.test(name)))(
    '%s, with the manifest re-signed',
    async (_name, tamper, expected, code) => {
      const tampered = tamper(clean);
      tampered.delete('manifest.dsse.json');
      tampered.set('manifest.dsse.json', signManifest(buildManifest(tampered, '2026-11-27T00:00:00Z'), [KEYS.export]));
      const r = await verify(tampered);
      expect(r.ok).toBe(false);
      expect(objects(r)).toEqual(expected(clean));
      expect(codes(r)).toContain(code);
    },
  );

  it('drops a whole anchor: the anchor is named and the site is reported unanchored', async () => {
    const r = await verify(without(clean, 'anchors/7.ots'));
    expect(objects(r)).toEqual(['anchors/7.ots']);
    expect(r.sites[0]!.anchoredEntries).toBe(0);
  });

  it('a trust root the auditor did not pin is refused', async () => {
    const r = await verify(clean, ['00'.repeat(32)]);
    expect(objects(r)).toEqual(['trust/1.json']);
    expect(r.failures[0]!.reason).toMatch(/not signed by a pinned root key/);
  });
});

describe('producer faults inside signed evidence', () => {
  it('names a bundle signed by a bundle key outside its validity window', async () => {
    const kit = await buildScenarioKit({ ...SCENARIO, adjust: (i) => (i.site === 'site-0001' && i.seq === 185 ? { signers: [KEYS.bundleOld] } : undefined) });
    const r = await verify(kit);
    expect(objects(r)).toEqual([envelopeOf(kit, 185)]);
    expect(r.failures[0]).toMatchObject({ code: 'key-window' });
    expect(r.failures[0]!.reason).toMatch(/valid 2026-01-01T00:00:00Z to 2026-11-26T13:00:00Z, but the bundle finished at 2026-11-26T13:05:07Z/);
  });

  it('names a bundle signed by another site\u2019s appliance key', async () => {
    const kit = await buildScenarioKit({ ...SCENARIO, adjust: (i) => (i.site === 'site-0001' && i.seq === 3 ? { signers: [KEYS.appliance] } : undefined) });
    const r = await verify(kit);
    expect(objects(r)).toEqual([envelopeOf(kit, 3)]);
    expect(r.failures[0]!.code).toBe('envelope-signature');
  });

  it('names a bundle whose prev breaks the chain', async () => {
    const kit = await buildScenarioKit({ ...SCENARIO, adjust: (i) => (i.site === 'site-0002' && i.seq === 5 ? { input: { ...i, prev: 'ab'.repeat(32) } } : undefined) });
    const r = await verify(kit);
    expect(objects(r)).toEqual([envelopeOf(kit, 5, S2)]);
    expect(r.failures[0]).toMatchObject({ code: 'prev-mismatch' });
  });

  it('names a bundle whose statement claims another seq', async () => {
    const kit = await buildScenarioKit({ ...SCENARIO, adjust: (i) => (i.site === 'site-0002' && i.seq === 6 ? { input: { ...i, seq: 60 } } : undefined) });
    const r = await verify(kit);
    expect(objects(r)).toEqual([envelopeOf(kit, 6, S2)]);
    expect(r.failures[0]).toMatchObject({ code: 'seq-mismatch', reason: 'statement says seq 60, the file is at seq 6' });
  });

  it('hex helpers agree', () => {
    expect(toHex(fromHex('00ff'))).toBe('00ff');
  });
});
