/**
 * The few wire-level operations the gateway needs on Temporal's WorkflowService: decode a request
 * or response with the SDK's own proto definitions (@temporalio/proto), and stamp the caller's
 * identity onto a request without re-encoding it. Requests are otherwise forwarded byte for byte,
 * so fields this proto version does not know about pass through untouched.
 */
import proto from '@temporalio/proto';

const ws = proto.temporal.api.workflowservice.v1 as unknown as Record<string, { decode(bytes: Uint8Array): unknown }>;

export const WORKFLOW_SERVICE = 'temporal.api.workflowservice.v1.WorkflowService';

/** Every WorkflowService method name, from the proto (so each gets an explicit answer, never "unimplemented"). */
export const WORKFLOW_SERVICE_METHODS: readonly string[] = Object.keys(
  (proto.temporal.api.workflowservice.v1.WorkflowService as unknown as { methods: Record<string, unknown> }).methods,
);

export const methodPath = (method: string) => `/${WORKFLOW_SERVICE}/${method}`;

export function decodeRequest<T>(method: string, bytes: Uint8Array): T {
  const type = ws[`${method}Request`];
  if (!type) throw new RangeError(`no request type for ${method}`);
  return type.decode(bytes) as T;
}

export function decodeResponse<T>(method: string, bytes: Uint8Array): T {
  const type = ws[`${method}Response`];
  if (!type) throw new RangeError(`no response type for ${method}`);
  return type.decode(bytes) as T;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/**
 * Appends a length-delimited string field. For a singular proto3 field the last occurrence wins
 * when parsing, so this overrides whatever the client put there — without decoding and re-encoding
 * the rest of the message.
 */
export function withStringField(bytes: Buffer, fieldNumber: number, value: string): Buffer {
  const data = Buffer.from(value, 'utf8');
  return Buffer.concat([bytes, Buffer.from([...varint((fieldNumber << 3) | 2), ...varint(data.length)]), data]);
}

/** A google.protobuf.Duration (seconds may be a Long) in milliseconds, or undefined when absent or zero. */
export function durationMs(d: { seconds?: unknown; nanos?: number | null } | null | undefined): number | undefined {
  if (!d) return undefined;
  const seconds = Number(d.seconds === undefined || d.seconds === null ? 0 : String(d.seconds));
  const ms = seconds * 1000 + Math.floor((d.nanos ?? 0) / 1e6);
  return ms > 0 ? ms : undefined;
}
