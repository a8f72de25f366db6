/**
 * The stdin framing of the script convention: three CRLF-terminated base64 lines — JSON header, UTF-8 script body,
 * JSON params. Encoded by the transport, decoded by the lab. Base64 keeps the transfer ASCII-only, so console code
 * pages cannot alter a byte.
 */
import { encodeParams } from './params.js';

export const SCRIPT_PHASES = ['check', 'remediate', 'verify', 'rollback'] as const;
export type ScriptPhase = (typeof SCRIPT_PHASES)[number];

export type CatalogueHeader = { runbook: string; version: number; phase: ScriptPhase; idempotencyKey?: string };
export type AdhocHeader = { adhoc: string; idempotencyKey?: string };
export type ScriptHeader = CatalogueHeader | AdhocHeader;

export class ScriptFrameError extends Error {
  override readonly name = 'ScriptFrameError';
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const PARAM_LINE = /^\s*param\s*\(\s*\$Params\s*\)/i;

export const isCatalogueHeader = (h: ScriptHeader): h is CatalogueHeader => 'runbook' in h;

export function validateHeader(h: unknown): ScriptHeader {
  if (typeof h !== 'object' || h === null) throw new ScriptFrameError('script header must be a JSON object');
  const o = h as Record<string, unknown>;
  if (o.idempotencyKey !== undefined && (typeof o.idempotencyKey !== 'string' || o.idempotencyKey.length > 256)) {
    throw new ScriptFrameError('script header: idempotencyKey must be a string of at most 256 characters');
  }
  const key = o.idempotencyKey === undefined ? {} : { idempotencyKey: o.idempotencyKey as string };
  if ('adhoc' in o) {
    if (typeof o.adhoc !== 'string' || !ID.test(o.adhoc)) throw new ScriptFrameError(`script header: adhoc name ${JSON.stringify(o.adhoc)} must match ${ID}`);
    return { adhoc: o.adhoc, ...key };
  }
  if (typeof o.runbook !== 'string' || !ID.test(o.runbook)) throw new ScriptFrameError(`script header: runbook id ${JSON.stringify(o.runbook)} must match ${ID}`);
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
    throw new ScriptFrameError(`script header: version of ${o.runbook} must be a positive integer, got ${JSON.stringify(o.version)}`);
  }
  if (!SCRIPT_PHASES.includes(o.phase as ScriptPhase)) {
    throw new ScriptFrameError(`script header: phase of ${o.runbook} must be one of ${SCRIPT_PHASES.join('|')}, got ${JSON.stringify(o.phase)}`);
  }
  return { runbook: o.runbook, version: o.version, phase: o.phase as ScriptPhase, ...key };
}

const line = (text: string): string => `${Buffer.from(text, 'utf8').toString('base64')}\r\n`;

export function encodeStdin(header: ScriptHeader, script: string, params: unknown): Buffer {
  const h = validateHeader(header);
  if (!PARAM_LINE.test(script)) throw new ScriptFrameError(`script ${describeHeader(h)} must start with param($Params) (lib/winrm/README.md, convention 1)`);
  return Buffer.from(line(JSON.stringify(h)) + line(script) + line(encodeParams(params ?? {})), 'ascii');
}

export interface DecodedStdin {
  header: ScriptHeader;
  script: string;
  paramsJson: string;
  params: unknown;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeStdin(data: Buffer): DecodedStdin {
  const lines = data
    .toString('latin1')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length !== 3) throw new ScriptFrameError(`expected 3 stdin lines (header, script, params), got ${lines.length}`);
  const decoded = lines.map((l, i) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(l)) throw new ScriptFrameError(`stdin line ${i + 1} is not base64`);
    try {
      return strictUtf8.decode(Buffer.from(l, 'base64'));
    } catch {
      throw new ScriptFrameError(`stdin line ${i + 1} is not UTF-8`);
    }
  }) as [string, string, string];
  let header: unknown;
  let params: unknown;
  try {
    header = JSON.parse(decoded[0]);
  } catch {
    throw new ScriptFrameError('stdin line 1 (header) is not JSON');
  }
  try {
    params = JSON.parse(decoded[2]);
  } catch {
    throw new ScriptFrameError('stdin line 3 (params) is not JSON');
  }
  return { header: validateHeader(header), script: decoded[1], paramsJson: decoded[2], params };
}

export const describeHeader = (h: ScriptHeader): string => (isCatalogueHeader(h) ? `'${h.runbook}' v${h.version} '${h.phase}'` : `ad-hoc '${h.adhoc}'`);
