import { AnchorHttpError, boundedFetch, fromHex, fromUtf8, parseBlockHeader } from '@custos/evidence';
import type { FetchLike } from '@custos/evidence';

/**
 * Fetches the 80-byte Bitcoin block header an upgraded OpenTimestamps proof attests to, so the kit can
 * ship it and an auditor checks the proof offline. Two kinds of source: a URL template with {height}
 * answering the header in hex (the local test calendar's /block/{height}/header), or an Esplora API
 * base (blockstream.info/api): height → block hash → header, with the hash checked against the header.
 */
export async function fetchBlockHeader(source: string, height: number, options: { timeoutMs?: number; fetch?: FetchLike } = {}): Promise<Uint8Array> {
  const get = async (url: string): Promise<string> => {
    const res = await boundedFetch(url, { method: 'GET' }, { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: 4096, ...(options.fetch ? { fetch: options.fetch } : {}) });
    if (res.status !== 200) throw new AnchorHttpError(url, `answered HTTP ${res.status}`, res.status);
    return fromUtf8(res.body).trim();
  };
  const decode = (hex: string, url: string): Uint8Array => {
    if (!/^[0-9a-f]{160}$/i.test(hex)) throw new AnchorHttpError(url, 'answer is not an 80-byte header in hex');
    return fromHex(hex.toLowerCase());
  };
  if (source.includes('{height}')) {
    const url = source.replace('{height}', String(height));
    return decode(await get(url), url);
  }
  const base = source.replace(/\/+$/, '');
  const hash = await get(`${base}/block-height/${height}`);
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new AnchorHttpError(`${base}/block-height/${height}`, 'answer is not a block hash');
  const url = `${base}/block/${hash}/header`;
  const header = decode(await get(url), url);
  if (parseBlockHeader(header).hash !== hash) throw new AnchorHttpError(url, `header does not hash to block ${hash}`);
  return header;
}
