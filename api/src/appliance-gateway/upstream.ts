/**
 * The gateway's own connection to the Temporal frontend. Requests go as raw bytes; the caller's
 * metadata is forwarded except its credentials, which are replaced by the gateway's own (the
 * appliance's token is for the gateway and never reaches Temporal).
 */
import { readFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';
import { methodPath } from './wire.js';

export interface UpstreamConfig {
  /** host:port of the Temporal frontend. */
  address: string;
  tls?: { caPath?: string; certPath?: string; keyPath?: string };
  /** Sent as `authorization: Bearer …` (Temporal Cloud API keys). */
  apiKey?: string;
}

/** Metadata that must not cross from an appliance to Temporal. */
const DROPPED = new Set(['authorization', 'temporal-cloud-api-key', 'x-forwarded-for', 'host', 'te', 'content-type', 'grpc-timeout', 'user-agent']);

const MAX_MESSAGE = 16 * 1024 * 1024;
const identity = (b: Buffer) => b;

export class Upstream {
  private readonly client: grpc.Client;

  constructor(private readonly config: UpstreamConfig) {
    const read = (p: string | undefined) => (p ? readFileSync(p) : null);
    const creds = config.tls
      ? grpc.credentials.createSsl(read(config.tls.caPath), read(config.tls.keyPath), read(config.tls.certPath))
      : grpc.credentials.createInsecure();
    this.client = new grpc.Client(config.address, creds, {
      'grpc.max_receive_message_length': MAX_MESSAGE,
      'grpc.max_send_message_length': MAX_MESSAGE,
      'grpc.keepalive_time_ms': 30_000,
    });
  }

  metadataFrom(incoming: grpc.Metadata): grpc.Metadata {
    const out = new grpc.Metadata();
    for (const [key, value] of Object.entries(incoming.getMap())) {
      if (!DROPPED.has(key) && !key.endsWith('-bin')) out.set(key, value as string);
    }
    if (this.config.apiKey) out.set('authorization', `Bearer ${this.config.apiKey}`);
    return out;
  }

  /** One unary call; `signal` cancels it when the appliance goes away. */
  unary(method: string, request: Buffer, metadata: grpc.Metadata, deadline: grpc.Deadline, signal: AbortSignal): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const call = this.client.makeUnaryRequest(methodPath(method), identity, identity, request, metadata, { deadline }, (err, value) => {
        signal.removeEventListener('abort', cancel);
        if (err) reject(err);
        else resolve(value!);
      });
      const cancel = () => call.cancel();
      signal.addEventListener('abort', cancel, { once: true });
    });
  }

  close(): void {
    this.client.close();
  }
}
