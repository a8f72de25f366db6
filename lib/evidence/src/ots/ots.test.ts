import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromHex, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { parseDetachedTimestamp, parseTimestamp, serializeDetachedTimestamp, serializeTimestamp } from './codec.js';
import { attestationsOf, mergeAt } from './walk.js';
import { checkBlockHeader, targetFromBits } from './bitcoin.js';
import type { OtsTimestamp } from './types.js';

const dir = new URL('../../test/vectors/ots/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
// Header of block 358391 (reference/evidence.md §4.4).
const HEADER_358391 = fromHex(
  '02000000b96394585a281b7e5f438fd1c9ed492645a1fd61cb3802040000000000000000' +
    '007ee445d23ad061af4a36b809501fab1ac4f2d7e7a739817dd0cbb7ec661b8a1e376755f58616186272def6',
);
const MAINNET_LIMIT = 0x1d00ffff;

function summary(name: string): string[] {
  const d = parseDetachedTimestamp(read(`${name}.ots`));
  return attestationsOf(d.timestamp, d.digest).map(({ attestation: a }) =>
    a.kind === 'pending' ? `pending ${a.uri}` : a.kind === 'unknown' ? `unknown:${toHex(a.tag)}` : `${a.kind}@${a.height}`,
  );
}

describe('OpenTimestamps codec', () => {
  it.each(['hello-world.txt', 'bad-stamp.txt', 'incomplete.txt', 'unknown-notary.txt', 'merkle2.txt', 'osdsp.txt', 'empty'])(
    '%s.ots round-trips byte for byte and its digest is the file hash',
    (name) => {
      const bytes = read(`${name}.ots`);
      const d = parseDetachedTimestamp(bytes);
      expect(toHex(serializeDetachedTimestamp(d))).toBe(toHex(bytes));
      if (name !== 'bad-stamp.txt') expect(toHex(d.digest)).toBe(toHex(sha256(read(name))));
    },
  );

  it('finds the attestations the reference lists', () => {
    expect(summary('hello-world.txt')).toEqual(['bitcoin@358391']);
    expect(summary('empty')).toEqual(['bitcoin@129405']);
    expect(summary('incomplete.txt')).toEqual(['pending https://alice.btc.calendar.opentimestamps.org']);
    expect(summary('merkle2.txt').sort()).toEqual(['pending https://alice.btc.calendar.opentimestamps.org', 'pending https://bob.btc.calendar.opentimestamps.org']);
    expect(summary('unknown-notary.txt')).toEqual(['unknown:0102030405060708']);
    const osdsp = summary('osdsp.txt');
    expect(osdsp.filter((s) => s.startsWith('pending')).length).toBe(4);
    expect(osdsp).toContain('bitcoin@523364');
  });

  it('reports malformed proofs with the offset', () => {
    const bytes = read('hello-world.txt.ots');
    expect(() => parseDetachedTimestamp(bytes.slice(0, 100))).toThrow(/offset \d+: /);
    expect(() => parseDetachedTimestamp(Uint8Array.from([...bytes, 0]))).toThrow(/trailing bytes/);
    const badMagic = bytes.slice();
    badMagic[3]! ^= 1;
    expect(() => parseDetachedTimestamp(badMagic)).toThrow(/bad magic/);
    expect(() => parseTimestamp(Uint8Array.of(0xf9))).toThrow('offset 1: unknown operation tag 0xf9');
    // A chain of sha256 ops deeper than the limit.
    expect(() => parseTimestamp(new Uint8Array(300).fill(0x08))).toThrow(/deeper than 256/);
  });
});

describe('Bitcoin attestation check', () => {
  it('verifies hello-world.txt against the real header of block 358391', () => {
    const d = parseDetachedTimestamp(read('hello-world.txt.ots'));
    expect(toHex(d.digest)).toBe('03ba204e50d126e4674c005e04d82e84c21366780af1f43bd54a37816b6ab340');
    const [reached] = attestationsOf(d.timestamp, d.digest);
    expect(toHex(reached!.message)).toBe('007ee445d23ad061af4a36b809501fab1ac4f2d7e7a739817dd0cbb7ec661b8a');
    const check = checkBlockHeader(HEADER_358391, reached!.message, MAINNET_LIMIT);
    expect(check.header.hash).toBe('000000000000000003e892881a8cdcdc117c06d444057c98b6f04a9ee75a2319');
    expect(check.time).toBe(1432827678);
    expect(new Date(check.time * 1000).toISOString()).toBe('2015-05-28T15:41:18.000Z');
    expect(targetFromBits(0x181686f5)).toBe(0x1686f5n * 256n ** 21n);
  });

  it('rejects bad-stamp.txt (its proof does not reach the block merkle root)', () => {
    const d = parseDetachedTimestamp(read('bad-stamp.txt.ots'));
    const reached = attestationsOf(d.timestamp, sha256(read('bad-stamp.txt'))).find((a) => a.attestation.kind === 'bitcoin')!;
    expect(() => checkBlockHeader(HEADER_358391, reached.message, MAINNET_LIMIT)).toThrow(/merkle root differs/);
  });

  it('rejects a header whose proof of work is invalid or too easy for the policy', () => {
    const msg = HEADER_358391.slice(36, 68);
    const badNonce = HEADER_358391.slice();
    badNonce[79]! ^= 1;
    expect(() => checkBlockHeader(badNonce, msg, MAINNET_LIMIT)).toThrow(/invalid proof of work/);
    expect(() => checkBlockHeader(HEADER_358391, msg, 0x17000001)).toThrow(/easier than the policy limit/);
    expect(() => checkBlockHeader(HEADER_358391.slice(0, 79), msg, MAINNET_LIMIT)).toThrow(/80 bytes/);
  });
});

describe('upgrade merge', () => {
  it('grafts a calendar answer onto the pending node', () => {
    const d = parseDetachedTimestamp(read('incomplete.txt.ots'));
    const [pending] = attestationsOf(d.timestamp, d.digest);
    const upgrade: OtsTimestamp = { branches: [{ op: { kind: 'sha256' }, next: { branches: [{ attestation: { kind: 'bitcoin', height: 900000 } }] } }] };
    expect(mergeAt(d.timestamp, d.digest, pending!.message, upgrade)).toBe(1);
    const after = attestationsOf(d.timestamp, d.digest);
    expect(after.map((a) => a.attestation.kind)).toEqual(['pending', 'bitcoin']);
    expect(bytesEqual(after[1]!.message, sha256(pending!.message))).toBe(true);
    const reparsed = parseTimestamp(serializeTimestamp(d.timestamp));
    expect(attestationsOf(reparsed, d.digest).length).toBe(2);
  });
});
