import type { Payload, PayloadCodec } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { temporal } from '@temporalio/proto';
import type { RawHistory } from '$lib/models/history/event-types';
import { collectPayloads, decodePlainPayload, type JsonPayload, type PayloadDecoder } from '$lib/models/history/payloads';

const toBytes = (b64: string | undefined) => (b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : new Uint8Array());

function toPayload(p: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = toBytes(v);
  return { metadata, data: toBytes(p.data) };
}

/**
 * History proto → the JSON form the pure model reads, plus a decoder that has already run every
 * payload through the codec (one batch) and the default payload converter. A payload the codec
 * cannot open (a retired key) stays opaque and says why; the rest of the history still shows.
 */
export async function decodeHistory(history: temporal.api.history.v1.IHistory, codec: PayloadCodec): Promise<{ raw: RawHistory; rawJson: string; decode: PayloadDecoder }> {
  const rawJson = historyToJSON(history as Parameters<typeof historyToJSON>[0]);
  const raw = JSON.parse(rawJson) as RawHistory;
  const found = collectPayloads(raw.events);
  const decoded = new Map<JsonPayload, unknown>();
  const payloads = found.map(toPayload);
  let plain: Payload[] | undefined;
  try {
    plain = await codec.decode(payloads);
  } catch {
    plain = undefined; // fall back to one by one, so one bad payload does not hide the rest
  }
  for (let i = 0; i < found.length; i++) {
    let p = plain?.[i];
    if (!p) {
      try {
        [p] = await codec.decode([payloads[i]!]);
      } catch (err) {
        decoded.set(found[i]!, { opaque: true, encoding: 'binary/encrypted', bytes: payloads[i]!.data?.length ?? 0, error: (err as Error).message });
        continue;
      }
    }
    try {
      decoded.set(found[i]!, defaultPayloadConverter.fromPayload(p!));
    } catch {
      decoded.set(found[i]!, decodePlainPayload(found[i]!));
    }
  }
  return { raw, rawJson, decode: (p) => (decoded.has(p) ? decoded.get(p) : decodePlainPayload(p)) };
}
