import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa } from '../../testkit/src/tsa/index.js';
import type { LocalTsa } from '../../testkit/src/tsa/index.js';
import { startLocalCalendar } from '../../testkit/src/ots-calendar/index.js';
import type { LocalCalendar } from '../../testkit/src/ots-calendar/index.js';
import { attestationsOf, memorySource, requestTimestamp, serializeDetachedTimestamp, stampWithCalendars, upgradeWithCalendars, verifyKit } from '../src/index.js';
import { nodeVerifier } from '../src/node/index.js';
import { buildScenarioKit } from './kit-scenario.js';

// A kit anchored for real: RFC 3161 tokens from a local OpenSSL TSA and OTS proofs from two local
// calendars, both over HTTP, then verified offline and tampered with.

let tsa: LocalTsa;
let otherTsa: LocalTsa;
let calendars: LocalCalendar[];
let kit: Map<string, Uint8Array>;

async function anchoredKit(tsaRoots: Uint8Array[]): Promise<Map<string, Uint8Array>> {
  return buildScenarioKit({
    sites: [{ tenant: 'tenant-0001', site: 'site-0001', bundles: 40, checkpointEvery: 10, historyEvery: 20 }],
    tsaRoots,
    anchors: {
      tsr: async (body) => (await requestTimestamp(body, { url: tsa.url, trustedRoots: [tsa.rootDer] })).response,
      ots: async (body) => {
        const urls = calendars.map((c) => c.url);
        const proof = await stampWithCalendars(body, { calendars: urls });
        const heights = calendars.map((c) => c.mine());
        const r = await upgradeWithCalendars(proof, { calendars: urls });
        if (!r.upgraded) throw new Error(`upgrade failed: ${r.failures.join('; ')}`);
        const attested = attestationsOf(proof.timestamp, proof.digest).flatMap((a) => (a.attestation.kind === 'bitcoin' ? [a.attestation.height] : []));
        expect(attested.sort()).toEqual(heights.sort());
        return { proof: serializeDetachedTimestamp(proof), headers: new Map(calendars.map((c, i) => [heights[i]!, c.header(heights[i]!)])) };
      },
    },
  });
}

beforeAll(async () => {
  [tsa, otherTsa, ...calendars] = await Promise.all([startLocalTsa(), startLocalTsa({ name: 'Unpinned TSA' }), startLocalCalendar(), startLocalCalendar({ firstHeight: 920_000 })]);
  kit = await anchoredKit([tsa.rootDer]);
});
afterAll(async () => {
  await Promise.all([tsa?.close(), otherTsa?.close(), ...(calendars ?? []).map((c) => c.close())]);
});

const verify = (files: Map<string, Uint8Array>) => verifyKit(memorySource(files), { verifier: nodeVerifier() });

describe('kit anchored through a real TSA and calendars', () => {
  it('verifies offline with both time bounds', async () => {
    const r = await verify(kit);
    expect(r.failures).toEqual([]);
    const [anchor] = r.anchors;
    expect(anchor!.tsaTime).toBeDefined();
    expect(anchor!.bitcoin!.height === 900_000 || anchor!.bitcoin!.height === 920_000).toBe(true);
    expect(r.sites[0]).toMatchObject({ entries: 40, envelopesVerified: 40, anchoredEntries: 40 });
    expect(Math.abs(Date.parse(r.sites[0]!.anchoredBy!) - Date.now())).toBeLessThan(120_000);
  });

  it('names a tampered time-stamp token', async () => {
    const copy = new Map(kit);
    const tsr = copy.get('anchors/4.tsr')!.slice();
    tsr[tsr.length - 30]! ^= 1;
    copy.set('anchors/4.tsr', tsr);
    const r = await verify(copy);
    expect([...new Set(r.failures.map((f) => f.object))]).toEqual(['anchors/4.tsr']);
    expect(r.failures.map((f) => f.code)).toContain('anchor-invalid');
  });

  it('refuses a token whose TSA root the trust document does not pin', async () => {
    const pinnedElsewhere = await anchoredKit([otherTsa.rootDer]);
    const r = await verify(pinnedElsewhere);
    expect(r.failures.map((f) => [f.object, f.code])).toEqual([['anchors/4.tsr', 'anchor-invalid']]);
    expect(r.failures[0]!.reason).toMatch(/certificate|chain|root/i);
    // The Bitcoin anchor still bounds the time.
    expect(r.sites[0]!.anchoredEntries).toBe(40);
  });
});
