import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa } from '../../testkit/src/tsa/index.js';
import type { LocalTsa } from '../../testkit/src/tsa/index.js';
import { REGTEST_BITS, startLocalCalendar } from '../../testkit/src/ots-calendar/index.js';
import type { LocalCalendar } from '../../testkit/src/ots-calendar/index.js';
import {
  AnchorHttpError,
  fromHex,
  OtsError,
  OtsStampError,
  parseDetachedTimestamp,
  requestTimestamp,
  serializeDetachedTimestamp,
  stampWithCalendars,
  TimestampError,
  upgradeWithCalendars,
  utf8,
  verifyOtsProof,
  verifyTimestampResponse,
} from '../src/index.js';

const run = promisify(execFile);
const checkpoint = utf8('custos.test/evidence/anchors\n7\nX2FjJhE4TyRdbFcNbSqOLTCCcGxGAPCpyEJCzra3Tp8=\n');

describe('RFC 3161 client against a local OpenSSL TSA over HTTP', () => {
  let tsa: LocalTsa;
  let other: LocalTsa;
  beforeAll(async () => {
    [tsa, other] = await Promise.all([startLocalTsa(), startLocalTsa({ name: 'Unrelated TSA' })]);
  });
  afterAll(async () => {
    await Promise.all([tsa?.close(), other?.close()]);
  });

  it('gets a token that verifies here and with openssl ts -verify', async () => {
    const { response, verification } = await requestTimestamp(checkpoint, { url: tsa.url, trustedRoots: [tsa.rootDer] });
    expect(verification.signerSubject).toBe('CN=Custos Test TSA');
    expect(Math.abs(verification.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    const dir = await mkdtemp(path.join(tmpdir(), 'custos-tsr-'));
    try {
      await writeFile(path.join(dir, 'data'), checkpoint);
      await writeFile(path.join(dir, 'r.tsr'), response);
      await writeFile(path.join(dir, 'ca.pem'), tsa.rootPem);
      const { stdout } = await run('openssl', ['ts', '-verify', '-data', 'data', '-in', 'r.tsr', '-CAfile', 'ca.pem'], { cwd: dir });
      expect(stdout).toContain('Verification: OK');
      await writeFile(path.join(dir, 'data'), utf8('something else'));
      await expect(run('openssl', ['ts', '-verify', '-data', 'data', '-in', 'r.tsr', '-CAfile', 'ca.pem'], { cwd: dir })).rejects.toThrow(/message imprint mismatch/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Stored later, verified offline: other data, other roots and a flipped byte all fail with a reason.
    await expect(verifyTimestampResponse(response, { data: utf8('other'), trustedRoots: [tsa.rootDer] })).rejects.toThrow('message imprint does not match the stamped data');
    await expect(verifyTimestampResponse(response, { data: checkpoint, trustedRoots: [other.rootDer] })).rejects.toThrow(/No valid certificate paths|pinned TSA root/);
    const flipped = response.slice();
    flipped[flipped.length - 40]! ^= 0x01;
    await expect(verifyTimestampResponse(flipped, { data: checkpoint, trustedRoots: [tsa.rootDer] })).rejects.toThrow(TimestampError);
  });

  it('refuses a token from a TSA whose root is not pinned', async () => {
    await expect(requestTimestamp(checkpoint, { url: other.url, trustedRoots: [tsa.rootDer] })).rejects.toThrow(TimestampError);
  });

  it.each([
    ['http-500', /HTTP 500/],
    ['wrong-content-type', /text\/html, expected application\/timestamp-reply/],
    ['garbage', /not DER|not an RFC 3161/],
    ['oversized', /exceeds the 65536-byte limit/],
  ] as const)('fails clearly when the TSA answers %s', async (fault, message) => {
    tsa.setFault(fault);
    try {
      await expect(requestTimestamp(checkpoint, { url: tsa.url, trustedRoots: [tsa.rootDer] })).rejects.toThrow(message);
    } finally {
      tsa.setFault(undefined);
    }
  });

  it('times out on a TSA that never answers', async () => {
    tsa.setFault('hang');
    try {
      await expect(requestTimestamp(checkpoint, { url: tsa.url, trustedRoots: [tsa.rootDer], timeoutMs: 300 })).rejects.toThrow(/no answer within 300 ms/);
    } finally {
      tsa.setFault(undefined);
    }
  });
});

describe('OpenTimestamps client against local calendars over HTTP', () => {
  let a: LocalCalendar;
  let b: LocalCalendar;
  beforeAll(async () => {
    [a, b] = await Promise.all([startLocalCalendar(), startLocalCalendar({ firstHeight: 910_000 })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('stamps on two calendars, stays pending, then upgrades to verified Bitcoin attestations', async () => {
    const proof = await stampWithCalendars(checkpoint, { calendars: [a.url, b.url] });
    const bytes = serializeDetachedTimestamp(proof);
    const reparsed = parseDetachedTimestamp(bytes);
    expect(verifyOtsProof(reparsed, checkpoint, new Map(), REGTEST_BITS).pending.slice().sort()).toEqual([a.url, b.url].sort());
    expect(a.requests()).toEqual(['POST /digest']);

    const early = await upgradeWithCalendars(reparsed, { calendars: [a.url, b.url] });
    expect(early.upgraded).toBe(false);
    expect(early.stillPending).toEqual([`${a.url}: Pending confirmation in Bitcoin blockchain`, `${b.url}: Pending confirmation in Bitcoin blockchain`]);

    const ha = a.mine();
    const late = await upgradeWithCalendars(reparsed, { calendars: [a.url, b.url] });
    expect(late.upgraded).toBe(true);
    expect(late.stillPending.length).toBe(1);
    expect(a.requests().at(-1)).toMatch(/^GET \/timestamp\/[0-9a-f]{88}$/);

    // The verifier fetches nothing: headers come from the calendar's block endpoint, as an exporter would store them.
    const headerHex = await (await fetch(`${a.url}/block/${ha}/header`)).text();
    const upgraded = parseDetachedTimestamp(serializeDetachedTimestamp(reparsed));
    const v = verifyOtsProof(upgraded, checkpoint, new Map([[ha, fromHex(headerHex)]]), REGTEST_BITS);
    expect(v.anchors.map((x) => x.height)).toEqual([ha]);
    expect(v.pending).toEqual([a.url, b.url]);
    // A regtest-difficulty header is not acceptable under the mainnet policy.
    expect(() => verifyOtsProof(upgraded, checkpoint, new Map([[ha, a.header(ha)]]), 0x1d00ffff)).toThrow(/easier than the policy limit/);
    expect(() => verifyOtsProof(upgraded, utf8('other'), new Map([[ha, a.header(ha)]]), REGTEST_BITS)).toThrow(/file digest mismatch/);
  });

  it('needs the configured number of calendars: one down is enough only with minAttestations 1', async () => {
    b.setFault('http-500');
    try {
      await expect(stampWithCalendars(checkpoint, { calendars: [a.url, b.url] })).rejects.toThrow(OtsStampError);
      const one = await stampWithCalendars(checkpoint, { calendars: [a.url, b.url], minAttestations: 1 });
      expect(verifyOtsProof(one, checkpoint, new Map(), REGTEST_BITS).pending).toEqual([a.url]);
    } finally {
      b.setFault(undefined);
    }
  });

  it('fails, never resolves empty, when every calendar is down', async () => {
    a.setFault('http-500');
    b.setFault('hang');
    try {
      const err = await stampWithCalendars(checkpoint, { calendars: [a.url, b.url], minAttestations: 1, timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OtsStampError);
      expect((err as OtsStampError).failures).toEqual([`${a.url}: ${a.url}/digest: calendar answered HTTP 500`, `${b.url}: ${b.url}/digest: no answer within 300 ms`]);
      await expect(stampWithCalendars(checkpoint, { calendars: ['http://127.0.0.1:9'], minAttestations: 1, timeoutMs: 2000 })).rejects.toThrow(/request failed/);
    } finally {
      a.setFault(undefined);
      b.setFault(undefined);
    }
  });

  it('refuses oversized and attestation-less calendar answers', async () => {
    a.setFault('oversized');
    b.setFault('no-attestation');
    try {
      const err = (await stampWithCalendars(checkpoint, { calendars: [a.url, b.url], minAttestations: 1 }).catch((e: unknown) => e)) as OtsStampError;
      expect(err.failures[0]).toMatch(/exceeds the 10000-byte limit/);
      expect(err.failures[1]).toMatch(/no pending attestation/);
    } finally {
      a.setFault(undefined);
      b.setFault(undefined);
    }
  });

  it('rejects an upgrade that leads to a root the block header does not contain', async () => {
    const proof = await stampWithCalendars(checkpoint, { calendars: [a.url], minAttestations: 1 });
    const h = a.mine();
    a.setFault('wrong-root');
    try {
      expect((await upgradeWithCalendars(proof, { calendars: [a.url] })).upgraded).toBe(true);
    } finally {
      a.setFault(undefined);
    }
    expect(() => verifyOtsProof(proof, checkpoint, new Map([[h, a.header(h)]]), REGTEST_BITS)).toThrow(OtsError);
    expect(() => verifyOtsProof(proof, checkpoint, new Map([[h, a.header(h)]]), REGTEST_BITS)).toThrow(/merkle root differs/);
  });

  it('never contacts a calendar that is not configured', async () => {
    const proof = await stampWithCalendars(checkpoint, { calendars: [a.url, b.url] });
    const before = b.requests().length;
    const r = await upgradeWithCalendars(proof, { calendars: [a.url] });
    expect(r.failures).toEqual([`${b.url}: not a configured calendar, not contacted`]);
    expect(b.requests().length).toBe(before);
  });

  it('calendar accepts digests up to 64 bytes and refuses 65', async () => {
    const post = (n: number) => fetch(`${a.url}/digest`, { method: 'POST', body: new Uint8Array(n) });
    expect((await post(64)).status).toBe(200);
    const refused = await post(65);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe('digest too long');
    expect((await fetch(`${a.url}/timestamp/zz`)).status).toBe(400);
    expect(await (await fetch(`${a.url}/timestamp/${'00'.repeat(44)}`)).text()).toBe('Not found');
  });

  it('reports HTTP errors with the URL', async () => {
    const err = (await stampWithCalendars(checkpoint, { calendars: [`${a.url}/nope`], minAttestations: 1 }).catch((e: unknown) => e)) as OtsStampError;
    expect(err.failures[0]).toContain(`${a.url}/nope/digest: calendar answered HTTP 404`);
    expect(AnchorHttpError).toBeDefined();
  });
});
