import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { parsePayloadKeys } from '@custos/core/codec';
import { AesGcmPayloadCodec } from '$custos/payload-codec';
import { webConfig } from '../config.js';

interface Temporal {
  client: Client;
  codec: AesGcmPayloadCodec;
}

let connecting: Promise<Temporal> | undefined;

/**
 * One Temporal client for the dashboard process (identity `custos-web`; it only reads), with the
 * payload codec so memos decode; history payloads are decoded explicitly (history-view.ts). User
 * scope is never held here: each request checks the run's site against the user's own API session.
 */
export function temporal(): Promise<Temporal> {
  connecting ??= connect().catch((err: unknown) => {
    connecting = undefined; // let the next request try again
    throw err;
  });
  return connecting;
}

async function connect(): Promise<Temporal> {
  const c = webConfig();
  const read = (p: string | undefined) => (p ? readFileSync(p) : undefined);
  const cert = read(c.temporalTlsCertPath);
  const key = read(c.temporalTlsKeyPath);
  const host = c.temporalAddress.host.includes(':') ? `[${c.temporalAddress.host}]` : c.temporalAddress.host;
  const connection = await Connection.connect({
    address: `${host}:${c.temporalAddress.port}`,
    ...(c.temporalTls && { tls: { serverRootCACertificate: read(c.temporalTlsCaPath), ...(cert && key && { clientCertPair: { crt: cert, key } }) } }),
    ...(c.temporalApiKey && { apiKey: c.temporalApiKey }),
  });
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(c.payloadKeys));
  return { client: new Client({ connection, namespace: c.temporalNamespace, identity: 'custos-web', dataConverter: { payloadCodecs: [codec] } }), codec };
}
