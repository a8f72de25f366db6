import { toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { parseTimestamp } from '../ots/codec.js';
import { attestationsOf, mergeAt } from '../ots/walk.js';
import { OtsError } from '../ots/types.js';
import type { DetachedTimestamp, OtsBranch } from '../ots/types.js';
import { AnchorHttpError, boundedFetch } from './http.js';
import type { FetchLike } from './http.js';

// OpenTimestamps calendar client (reference/evidence.md §4.1, §4.3). Unlike the npm package it fails
// when too few calendars answered, caps response sizes and only ever talks to configured calendars.

export interface OtsClientOptions {
  /** Calendar base URLs, e.g. https://a.pool.opentimestamps.org. */
  readonly calendars: readonly string[];
  /** Pending attestations required for a stamp to count (default 2). */
  readonly minAttestations?: number;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

/** Calendars return small proofs; anything larger is refused. */
export const MAX_CALENDAR_RESPONSE = 10_000;
const OTS_ACCEPT = 'application/vnd.opentimestamps.v1';

export class OtsStampError extends Error {
  override readonly name = 'OtsStampError';
  constructor(
    message: string,
    readonly failures: readonly string[],
  ) {
    super(failures.length ? `${message}: ${failures.join('; ')}` : message);
  }
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Stamps `data`: SHA-256 it, add a random 16-byte nonce (calendars must not learn the digest), submit
 * the tip to every calendar, and combine the answers. Throws unless at least `minAttestations`
 * calendars returned a proof ending in a pending attestation.
 */
export async function stampWithCalendars(data: Uint8Array, options: OtsClientOptions): Promise<DetachedTimestamp> {
  const min = options.minAttestations ?? 2;
  if (options.calendars.length < min) throw new OtsStampError(`${options.calendars.length} calendar(s) configured, ${min} attestations required`, []);
  const digest = sha256(data);
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const tip = sha256(new Uint8Array([...digest, ...nonce]));
  const failures: string[] = [];
  const tipBranches: OtsBranch[] = [];
  const answers = await Promise.allSettled(
    options.calendars.map(async (calendar) => {
      const url = `${base(calendar)}/digest`;
      const res = await boundedFetch(
        url,
        { method: 'POST', headers: { accept: OTS_ACCEPT, 'content-type': 'application/x-www-form-urlencoded' }, body: tip.slice().buffer },
        { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: MAX_CALENDAR_RESPONSE, ...(options.fetch ? { fetch: options.fetch } : {}) },
      );
      if (res.status !== 200) throw new AnchorHttpError(url, `calendar answered HTTP ${res.status}`, res.status);
      const timestamp = parseTimestamp(res.body);
      const pending = attestationsOf(timestamp, tip).filter((a) => a.attestation.kind === 'pending');
      if (pending.length === 0) throw new OtsError(`${url}: calendar answer has no pending attestation`);
      return timestamp;
    }),
  );
  answers.forEach((a, i) => {
    if (a.status === 'fulfilled') tipBranches.push(...a.value.branches);
    else failures.push(`${options.calendars[i]}: ${(a.reason as Error).message}`);
  });
  const ok = answers.filter((a) => a.status === 'fulfilled').length;
  if (ok < min) throw new OtsStampError(`${ok} of ${options.calendars.length} calendars returned a pending attestation, ${min} required`, failures);
  return {
    fileHashOp: 'sha256',
    digest,
    timestamp: { branches: [{ op: { kind: 'append', arg: nonce }, next: { branches: [{ op: { kind: 'sha256' }, next: { branches: tipBranches } }] } }] },
  };
}

export interface UpgradeResult {
  /** True if at least one pending attestation gained a completed path. */
  readonly upgraded: boolean;
  /** Calendars still answering "pending", with their reason. */
  readonly stillPending: readonly string[];
  readonly failures: readonly string[];
}

/**
 * Asks each calendar named by a pending attestation for its completed path and grafts it into `proof`
 * (mutated in place). Calendars outside `options.calendars` are never contacted: a proof must not be
 * able to make us fetch arbitrary URLs.
 */
export async function upgradeWithCalendars(proof: DetachedTimestamp, options: OtsClientOptions): Promise<UpgradeResult> {
  const allowed = new Set(options.calendars.map(base));
  const stillPending: string[] = [];
  const failures: string[] = [];
  let upgraded = false;
  const pending = attestationsOf(proof.timestamp, proof.digest).filter((a) => a.attestation.kind === 'pending');
  const hasBitcoinAt = new Set(
    attestationsOf(proof.timestamp, proof.digest)
      .filter((a) => a.attestation.kind === 'bitcoin')
      .map((a) => toHex(a.message)),
  );
  for (const { attestation, message } of pending) {
    if (attestation.kind !== 'pending') continue;
    const calendar = base(attestation.uri);
    if (!allowed.has(calendar)) {
      failures.push(`${calendar}: not a configured calendar, not contacted`);
      continue;
    }
    const url = `${calendar}/timestamp/${toHex(message)}`;
    try {
      const res = await boundedFetch(
        url,
        { method: 'GET', headers: { accept: OTS_ACCEPT } },
        { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: MAX_CALENDAR_RESPONSE, ...(options.fetch ? { fetch: options.fetch } : {}) },
      );
      if (res.status === 404) {
        stillPending.push(`${calendar}: ${new TextDecoder().decode(res.body).slice(0, 200)}`);
        continue;
      }
      if (res.status !== 200) throw new AnchorHttpError(url, `calendar answered HTTP ${res.status}`, res.status);
      const upgrade = parseTimestamp(res.body);
      const reached = attestationsOf(upgrade, message);
      if (!reached.some((a) => a.attestation.kind === 'bitcoin')) throw new OtsError(`${url}: upgrade has no Bitcoin attestation`);
      if (reached.every((a) => hasBitcoinAt.has(toHex(a.message)))) continue;
      mergeAt(proof.timestamp, proof.digest, message, upgrade);
      upgraded = true;
    } catch (err) {
      failures.push(`${calendar}: ${(err as Error).message}`);
    }
  }
  return { upgraded, stillPending, failures };
}
