import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ConfigErrors } from '@custos/core/config';
import { AesGcmPayloadCodec, PayloadDecryptionError } from './aes-gcm-codec.js';
import { dataConverterFromConfig, FAILURE_CONVERTER_PATH } from './data-converter.js';

const key = (id: string, byte: number) => ({ id, key: new Uint8Array(32).fill(byte) });
const secretValue = { host: 'FRONTDESK-02', output: 'password=hunter2 for CLINIC\\jsmith' };
const payload = (): Payload => defaultPayloadConverter.toPayload(secretValue);
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1') + JSON.stringify(p.metadata);
const meta = (p: Payload, name: string) => Buffer.from(p.metadata?.[name] ?? []).toString('utf8');

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload and leaves no plaintext in data or metadata', async () => {
    const codec = new AesGcmPayloadCodec([key('k1', 1)]);
    const [encrypted] = await codec.encode([payload()]);
    expect(text(encrypted!)).not.toContain('hunter2');
    expect(text(encrypted!)).not.toContain('json/plain');
    expect(meta(encrypted!, 'encoding')).toBe('binary/encrypted');
    expect(meta(encrypted!, 'encryption-key-id')).toBe('k1');
    expect(meta(encrypted!, 'encryption-cipher')).toBe('AES-256-GCM');
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secretValue);
  });

  it('uses a fresh IV each time', async () => {
    const codec = new AesGcmPayloadCodec([key('k1', 1)]);
    const [a, b] = await codec.encode([payload(), payload()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('after rotation encrypts with the new key and still decodes the old one', async () => {
    const [old] = await new AesGcmPayloadCodec([key('2026-10', 1)]).encode([payload()]);
    const rotated = new AesGcmPayloadCodec([key('2026-11', 2), key('2026-10', 1)]);
    const [fresh] = await rotated.encode([payload()]);
    expect(meta(fresh!, 'encryption-key-id')).toBe('2026-11');
    const decoded = await rotated.decode([old!, fresh!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([secretValue, secretValue]);
  });

  it('names the missing key id when a retired key was dropped too early', async () => {
    const [old] = await new AesGcmPayloadCodec([key('2026-10', 1)]).encode([payload()]);
    const codec = new AesGcmPayloadCodec([key('2026-11', 2)]);
    await expect(codec.decode([old!])).rejects.toThrow(PayloadDecryptionError);
    await expect(codec.decode([old!])).rejects.toThrow(/encrypted with key "2026-10", which is not in CUSTOS_PAYLOAD_KEYS \(configured: 2026-11\)/);
  });

  it('refuses altered ciphertext, a relabelled key id and different key bytes under the same id', async () => {
    const codec = new AesGcmPayloadCodec([key('a', 1), key('b', 2)]);
    const [p] = await codec.encode([payload()]);
    const flipped = Buffer.from(p!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...p!, data: flipped }])).rejects.toThrow(/failed authentication/);
    const relabelled = { ...p!, metadata: { ...p!.metadata, 'encryption-key-id': Buffer.from('b') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/key "b" failed authentication/);
    await expect(new AesGcmPayloadCodec([key('a', 9)]).decode([p!])).rejects.toThrow(/key "a" failed authentication/);
    await expect(codec.decode([{ ...p!, data: new Uint8Array(5) }])).rejects.toThrow(/truncated/);
  });

  it('deflates large payloads inside the ciphertext, authenticates the flag, and leaves small ones as they were', async () => {
    const codec = new AesGcmPayloadCodec([key('k1', 1)]);
    const results = Array.from({ length: 640 }, (_, i) => ({ hostId: `host-${i % 10}`, runbookId: `RB-WIN-SEC-${String(i % 64).padStart(3, '0')}`, passed: i % 7 !== 0, output: { enabled: true, value: 'Enabled' } }));
    const big = defaultPayloadConverter.toPayload(results);
    const [small, large] = await codec.encode([payload(), big]);
    expect(small!.metadata?.['encryption-compression']).toBeUndefined();
    expect(meta(large!, 'encryption-compression')).toBe('deflate');
    expect(large!.data!.length).toBeLessThan(big.data!.length / 4);
    const [back] = await codec.decode([large!]);
    expect(defaultPayloadConverter.fromPayload(back!)).toEqual(results);
    // Dropping or adding the flag changes what was authenticated.
    const { ['encryption-compression']: _flag, ...withoutFlag } = large!.metadata!;
    await expect(codec.decode([{ ...large!, metadata: withoutFlag }])).rejects.toThrow(/failed authentication/);
    await expect(codec.decode([{ ...small!, metadata: { ...small!.metadata, 'encryption-compression': Buffer.from('deflate') } }])).rejects.toThrow(/failed authentication/);
    await expect(codec.decode([{ ...large!, metadata: { ...large!.metadata, 'encryption-compression': Buffer.from('zstd') } }])).rejects.toThrow(/only decodes deflate/);
  });

  it('passes through payloads written before encryption was on (old histories still replay)', async () => {
    const plain = payload();
    const [out] = await new AesGcmPayloadCodec([key('k', 1)]).decode([plain]);
    expect(out).toBe(plain);
  });
});

describe('dataConverterFromConfig', () => {
  it('builds the codec and the encrypting failure converter', () => {
    const dc = dataConverterFromConfig({ payloadKeys: `k1:${Buffer.alloc(32, 1).toString('base64')}` });
    expect(dc.payloadCodecs).toHaveLength(1);
    expect(dc.failureConverterPath).toBe(FAILURE_CONVERTER_PATH);
  });

  it('reports a malformed keyring as a config error naming the variable', () => {
    expect(() => dataConverterFromConfig({ payloadKeys: 'k1:c2hvcnQ=' })).toThrow(ConfigErrors);
    expect(() => dataConverterFromConfig({ payloadKeys: 'k1:c2hvcnQ=' })).toThrow('config: CUSTOS_PAYLOAD_KEYS entry 1 (key "k1"): key must decode to 32 bytes, got 5');
  });
});
