import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toHex } from '@custos/evidence';
import { startLocalCalendar, type LocalCalendar } from '../../../../lib/testkit/src/ots-calendar/index.js';
import { startLocalTsa, type LocalTsa } from '../../../../lib/testkit/src/tsa/index.js';
import { AnchorService, type EvidenceService } from '../../../src/central/evidence/index.js';

/**
 * Local anchoring for packet tests: an RFC 3161 TSA (openssl ts) and two OpenTimestamps calendars
 * with their own regtest chains, plus a block-header endpoint over both chains for proof upgrades.
 */
export interface LocalAnchoring {
  tsa: LocalTsa;
  calendars: LocalCalendar[];
  service(evidence: EvidenceService): AnchorService;
  /** Checkpoints the anchor log, stamps it (TSA and both calendars), mines, and upgrades to Bitcoin. */
  anchorAll(anchoring: AnchorService): Promise<{ size: number; height: number }>;
  close(): Promise<void>;
}

export async function startLocalAnchoring(): Promise<LocalAnchoring> {
  const [tsa, ...calendars] = await Promise.all([startLocalTsa(), startLocalCalendar({ firstHeight: 900_000 }), startLocalCalendar({ firstHeight: 910_000 })]);
  const headers: Server = createServer((req, res) => {
    const height = Number(/^\/headers\/(\d+)$/.exec(req.url ?? '')?.[1]);
    const found = calendars.flatMap((c) => {
      try {
        return [toHex(c.header(height))];
      } catch {
        return []; // not this calendar's chain
      }
    });
    if (found[0]) res.writeHead(200, { 'content-type': 'text/plain' }).end(found[0]);
    else res.writeHead(404).end('no such block');
  });
  await new Promise<void>((r) => headers.listen(0, '127.0.0.1', r));
  const headerSource = `http://127.0.0.1:${(headers.address() as AddressInfo).port}/headers/{height}`;
  return {
    tsa: tsa!,
    calendars,
    service: (evidence) => new AnchorService(evidence, { tsaUrl: tsa!.url, otsCalendars: calendars.map((c) => c.url), otsMinAttestations: 2, headerSource, timeoutMs: 5000 }),
    async anchorAll(anchoring) {
      const cp = await anchoring.checkpoint();
      if (!cp) throw new Error('the anchor log is empty');
      await anchoring.timestamp(cp.size);
      await anchoring.submit(cp.size, 0);
      for (const c of calendars) c.mine();
      const upgraded = await anchoring.upgrade(cp.size);
      if (upgraded.state !== 'confirmed') throw new Error(`anchor checkpoint ${cp.size} did not confirm: ${JSON.stringify(upgraded)}`);
      return { size: cp.size, height: upgraded.height };
    },
    async close() {
      headers.close();
      await Promise.all([tsa!.close(), ...calendars.map((c) => c.close())]);
    },
  };
}
