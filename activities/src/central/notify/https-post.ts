/**
 * POSTs JSON to a partner-supplied URL. Partners type these URLs, so they are treated as hostile:
 * https only, no redirects (a 3xx is a failure, not a hop), every resolved address checked against
 * private, loopback and link-local ranges (no reaching the cloud metadata service or the internal
 * network through a webhook), a timeout, and a cap on what is read back.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { permanent, transient, DeliveryError } from './delivery-error.js';

export interface HttpTargetPolicy {
  timeoutMs: number;
  /** Extra trusted CA (PEM) for receivers with a private CA. */
  ca?: string;
  /** Allow loopback/private targets (tests, on-premises receivers); off by default. */
  allowPrivateAddresses?: boolean;
  /** Name resolution override (tests map public-looking names to a local server). */
  lookup?: LookupFunction;
}

const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const RESPONSE_CAP = 64 * 1024;
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);

function guardedLookup(policy: HttpTargetPolicy): LookupFunction {
  const base = policy.lookup ?? (dnsLookup as unknown as LookupFunction);
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]) as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !policy.allowPrivateAddresses) {
        return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a private or loopback address`), { code: 'CUSTOS_PRIVATE_TARGET' }), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface HttpReply {
  status: number;
  text: string;
}

export function postJson(url: string, body: string, headers: Record<string, string>, policy: HttpTargetPolicy): Promise<HttpReply> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(permanent('the channel target is not a URL'));
  }
  if (target.protocol !== 'https:') return Promise.reject(permanent(`only https targets are allowed, not ${target.protocol}`));
  if (isIP(target.hostname.replace(/^\[|\]$/g, '')) && isPrivateAddress(target.hostname.replace(/^\[|\]$/g, '')) && !policy.allowPrivateAddresses) {
    return Promise.reject(permanent(`${target.hostname} is a private or loopback address`));
  }
  return new Promise<HttpReply>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Custos-Notify/1', ...headers },
        timeout: policy.timeoutMs,
        ca: policy.ca,
        lookup: guardedLookup(policy),
        // A fresh connection per delivery: a pooled socket would skip the address check above.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= RESPONSE_CAP) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
        res.on('error', (err) => reject(transient(`reading the response failed: ${err.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${policy.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof DeliveryError) return reject(err);
      const code = err.code ?? '';
      if (code === 'CUSTOS_PRIVATE_TARGET') return reject(permanent(err.message));
      if (TRANSIENT_CODES.has(code)) return reject(transient(`${code}: ${err.message}`));
      // TLS verification failures, unknown hosts and the like will not fix themselves on retry.
      reject(permanent(`${code || 'error'}: ${err.message}`));
    });
    req.end(body);
  });
}
