/// <reference lib="webworker" />
import { browserVerifier, KitInputError, memorySource, verifyKit, webCryptoHasEd25519 } from '@custos/evidence';
import type { VerifyMessage, VerifyRequest } from './messages.js';

// Runs the same verifier core as `custos verify`, off the page's thread. The files never leave this
// browser: they arrive from the page and only a report goes back.
const post = (m: VerifyMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = async (event: MessageEvent<VerifyRequest>) => {
  const started = performance.now();
  try {
    const files = new Map(event.data.files.map(([path, bytes]) => [path, new Uint8Array(bytes)]));
    post({ type: 'engine', engine: (await webCryptoHasEd25519()) ? 'webcrypto' : 'noble' });
    const report = await verifyKit(memorySource(files), {
      verifier: await browserVerifier(),
      trustRoots: event.data.trustRoots,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'report', report, ms: Math.round(performance.now() - started) });
  } catch (err) {
    if (err instanceof KitInputError) post({ type: 'input-error', message: err.message });
    else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
