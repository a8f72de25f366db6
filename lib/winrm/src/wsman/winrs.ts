/** WinRS message bodies (Create/Command/Receive/Send/Signal) and response readers (reference §1.3–1.8). */
import type { ParsedEnvelope } from './envelope.js';
import { NS } from './namespaces.js';
import { child, children, descendant, descendants, escapeXml, textOf } from './xml.js';

export class WinrsResponseError extends Error {
  override readonly name = 'WinrsResponseError';
}

export interface ShellOptions {
  workingDirectory?: string;
  environment?: Record<string, string>;
  idleTimeoutSec?: number;
}

export function createShellBody(o: ShellOptions = {}): string {
  const env = o.environment
    ? `<rsp:Environment>${Object.entries(o.environment)
        .map(([k, v]) => `<rsp:Variable Name="${escapeXml(k)}">${escapeXml(v)}</rsp:Variable>`)
        .join('')}</rsp:Environment>`
    : '';
  return (
    '<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>' +
    (o.workingDirectory ? `<rsp:WorkingDirectory>${escapeXml(o.workingDirectory)}</rsp:WorkingDirectory>` : '') +
    env +
    (o.idleTimeoutSec ? `<rsp:IdleTimeOut>PT${o.idleTimeoutSec}S</rsp:IdleTimeOut>` : '') +
    '</rsp:Shell>'
  );
}

/**
 * `commandId` asks the service to use this id for the command (the CommandLine@CommandId of WSManRunShellCommandEx,
 * WinRM 3.0 and later), so requests about the command can be sent before the CommandResponse arrives.
 */
export function commandBody(command: string, args: readonly string[], commandId?: string): string {
  return `<rsp:CommandLine${commandId ? ` CommandId="${escapeXml(commandId)}"` : ''}><rsp:Command>${escapeXml(command)}</rsp:Command>${args.map((a) => `<rsp:Arguments>${escapeXml(a)}</rsp:Arguments>`).join('')}</rsp:CommandLine>`;
}

export const receiveBody = (commandId: string): string =>
  `<rsp:Receive><rsp:DesiredStream CommandId="${escapeXml(commandId)}">stdout stderr</rsp:DesiredStream></rsp:Receive>`;

export const sendBody = (commandId: string, data: Buffer, end: boolean): string =>
  `<rsp:Send><rsp:Stream Name="stdin" CommandId="${escapeXml(commandId)}"${end ? ' End="true"' : ''}>${data.toString('base64')}</rsp:Stream></rsp:Send>`;

export const signalBody = (commandId: string, code: string): string =>
  `<rsp:Signal CommandId="${escapeXml(commandId)}"><rsp:Code>${code}</rsp:Code></rsp:Signal>`;

/** ShellId from a CreateResponse: the `w:Selector[@Name="ShellId"]` (what pywinrm and Go read), else rsp:ShellId. */
export function readShellId(env: ParsedEnvelope): string {
  const selector = descendants(env.body, NS.w, 'Selector').find((s) => s.getAttribute('Name') === 'ShellId');
  const id = textOf(selector ?? descendant(env.body, NS.rsp, 'ShellId')).trim();
  if (!id) throw new WinrsResponseError('CreateResponse carries no ShellId');
  return id;
}

export function readCommandId(env: ParsedEnvelope): string {
  const id = textOf(descendant(env.body, NS.rsp, 'CommandId')).trim();
  if (!id) throw new WinrsResponseError('CommandResponse carries no CommandId');
  return id;
}

export interface ReceiveChunk {
  stdout: Buffer[];
  stderr: Buffer[];
  done: boolean;
  exitCode: number | undefined;
}

export function readReceive(env: ParsedEnvelope, commandId: string): ReceiveChunk {
  const response = child(env.body, NS.rsp, 'ReceiveResponse');
  if (!response) throw new WinrsResponseError('Receive answered without rsp:ReceiveResponse');
  const out: ReceiveChunk = { stdout: [], stderr: [], done: false, exitCode: undefined };
  for (const stream of children(response, NS.rsp, 'Stream')) {
    const forCommand = stream.getAttribute('CommandId');
    if (forCommand && forCommand.toUpperCase() !== commandId.toUpperCase()) continue;
    const text = textOf(stream).trim();
    if (!text) continue;
    const data = Buffer.from(text, 'base64');
    const name = stream.getAttribute('Name');
    if (name === 'stdout') out.stdout.push(data);
    else if (name === 'stderr') out.stderr.push(data);
  }
  const state = child(response, NS.rsp, 'CommandState');
  if (state?.getAttribute('State')?.endsWith('CommandState/Done')) {
    out.done = true;
    const raw = textOf(child(state, NS.rsp, 'ExitCode')).trim();
    // Exit codes are DWORDs on Windows: -1 may arrive as 4294967295. Parse as a plain integer.
    if (raw !== '') {
      if (!/^-?\d+$/.test(raw)) throw new WinrsResponseError(`ExitCode "${raw}" is not an integer`);
      out.exitCode = Number(raw);
    }
  }
  return out;
}
