/**
 * Runs a script received through the transport's bootstrap: identifies it by its header, checks the body against
 * the catalogue (or the ad-hoc list), runs the handler on the host state, and answers as powershell.exe would —
 * an Emit line and exit 0, or a CLIXML error record and a non-zero exit. Never a silent success.
 */
import { decodeStdin, describeHeader, encodeClixmlError, formatEmitted, isCatalogueHeader, type DecodedStdin } from '@custos/winrm/protocol';
import type { HostKind, HostState } from '../state/host-state.js';
import type { AdhocScript } from './adhoc.js';
import { sha256, type ScriptCatalogue } from './catalogue.js';
import { ScriptFailure, type HandlerRegistry, type ScriptHandler } from './handler.js';

export interface ApplicationRecord {
  seq: number;
  at: string;
  host: string;
  runbook: string;
  version: number;
  phase: 'remediate' | 'rollback';
  idempotencyKey?: string;
}

export interface ScriptHost {
  name: string;
  kind: HostKind;
  /** A private copy of the state for the handler to mutate. */
  cloneState(): HostState;
  commitState(next: HostState): void;
  recordApplication(rec: Omit<ApplicationRecord, 'seq' | 'at' | 'host'>): void;
  now(): Date;
}

export interface ScriptEnvironment {
  catalogue: ScriptCatalogue;
  handlers: HandlerRegistry;
  adhoc: readonly AdhocScript[];
}

export interface ProcessOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const refuse = (message: string, exitCode = 1): ProcessOutcome => ({ stdout: '', stderr: encodeClixmlError(`custos-lab: ${message}`), exitCode });

export async function runReceivedScript(env: ScriptEnvironment, host: ScriptHost, stdin: Buffer): Promise<ProcessOutcome> {
  let received: DecodedStdin;
  try {
    received = decodeStdin(stdin);
  } catch (err) {
    return refuse(`bootstrap stdin rejected: ${(err as Error).message}`);
  }
  const { header, script } = received;
  const what = describeHeader(header);
  let handler: ScriptHandler;
  let expectedBody: string | undefined;
  if (isCatalogueHeader(header)) {
    if (env.catalogue.unavailable !== undefined) return refuse(`script catalogue unavailable, refusing ${what}: ${env.catalogue.unavailable}`);
    expectedBody = env.catalogue.scriptBody(header);
    if (expectedBody === undefined) return refuse(`runbook ${what} is not in the script catalogue; the lab runs catalogue scripts only`);
    const found = env.handlers.find(header.runbook, header.version, header.phase);
    if (!found) return refuse(`no handler for runbook '${header.runbook}' v${header.version} phase '${header.phase}'`);
    handler = found;
  } else {
    const adhoc = env.adhoc.find((a) => a.name === header.adhoc);
    if (!adhoc) return refuse(`unknown ad-hoc script '${header.adhoc}'; the lab cannot run arbitrary PowerShell`);
    expectedBody = adhoc.body;
    handler = adhoc.run;
  }
  const got = sha256(script);
  const want = sha256(expectedBody);
  if (got !== want) return refuse(`script body for ${what} does not match the catalogue (received sha256 ${got}, catalogue ${want})`);

  const state = host.cloneState();
  let value: unknown;
  try {
    value = await handler({ state, params: received.params, host: { name: host.name, kind: host.kind }, now: host.now() });
  } catch (err) {
    if (err instanceof ScriptFailure) return { stdout: '', stderr: encodeClixmlError(err.message), exitCode: err.exitCode };
    return refuse(`handler for ${what} crashed: ${(err as Error).stack ?? String(err)}`);
  }
  if (value === undefined) return refuse(`handler for ${what} returned nothing (a script must Emit exactly once)`);
  host.commitState(state);
  if (isCatalogueHeader(header) && (header.phase === 'remediate' || header.phase === 'rollback')) {
    host.recordApplication({
      runbook: header.runbook,
      version: header.version,
      phase: header.phase,
      ...(header.idempotencyKey !== undefined ? { idempotencyKey: header.idempotencyKey } : {}),
    });
  }
  return { stdout: formatEmitted(value), stderr: '', exitCode: 0 };
}
