/**
 * The WinRS shell resource of one host: shells and their commands, the Receive wait (TimedOut when nothing new
 * arrives within OperationTimeout, capped at MaxTimeoutms 60 s), output chunking under MaxEnvelopeSize, Signal and
 * Delete, and InvalidSelectors for unknown ids.
 */
import { randomUUID } from 'node:crypto';
import { Action, NS, child, children, descendant, descendants, parseDuration, textOf, type ParsedEnvelope } from '@custos/winrm/protocol';
import type { LabProcess } from '../processes/lab-process.js';
import * as R from './responses.js';

interface Shell {
  id: string;
  codepage: number;
  commands: Map<string, LabProcess>;
}

export interface CommandRequest {
  commandLine: string;
  codepage: number;
  skipCmdShell: boolean;
}

export interface ShellHost {
  machine: string;
  owner: string;
  address: string;
  start(req: CommandRequest): LabProcess;
}

const MAX_TIMEOUT_MS = 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ShellService {
  private readonly shells = new Map<string, Shell>();

  constructor(private readonly host: ShellHost) {}

  get openShells(): number {
    return this.shells.size;
  }

  async handle(env: ParsedEnvelope, clientIp: string): Promise<R.SoapReply> {
    const rel = env.messageId;
    const m = this.host.machine;
    const shellId = descendants(env.header ?? env.body, NS.w, 'Selector').find((s) => s.getAttribute('Name') === 'ShellId');
    const options = new Map(descendants(env.header ?? env.body, NS.w, 'Option').map((o) => [o.getAttribute('Name') ?? '', textOf(o).trim()]));
    if (env.action === Action.Create) {
      const id = randomUUID().toUpperCase();
      const codepage = Number(options.get('WINRS_CODEPAGE') ?? 437);
      this.shells.set(id, { id, codepage: Number.isFinite(codepage) ? codepage : 437, commands: new Map() });
      return { status: 200, xml: R.createResponse(rel, this.host.address, id, this.host.owner, clientIp) };
    }
    const shell = shellId ? this.shells.get(textOf(shellId).trim().toUpperCase()) : undefined;
    if (!shell) {
      if (env.action === Action.Create || env.action === Action.Delete || Object.values(Action).includes(env.action as never)) return R.invalidSelectorsFault(rel, m);
      return R.actionNotSupportedFault(rel, m, env.action);
    }
    switch (env.action) {
      case Action.Delete:
        for (const p of shell.commands.values()) p.kill();
        this.shells.delete(shell.id);
        return { status: 200, xml: R.deleteResponse(rel) };
      case Action.Command:
        return this.command(env, shell, options);
      case Action.Send:
        return this.send(env, shell);
      case Action.Receive:
        return this.receive(env, shell);
      case Action.Signal: {
        const signal = child(env.body, NS.rsp, 'Signal');
        const id = signal?.getAttribute('CommandId')?.toUpperCase() ?? '';
        const proc = shell.commands.get(id);
        if (!proc) return R.invalidSelectorsFault(rel, m);
        proc.kill();
        shell.commands.delete(id);
        return { status: 200, xml: R.signalResponse(rel) };
      }
      default:
        return R.actionNotSupportedFault(rel, m, env.action);
    }
  }

  private command(env: ParsedEnvelope, shell: Shell, options: Map<string, string>): R.SoapReply {
    const line = child(env.body, NS.rsp, 'CommandLine');
    const command = textOf(line && child(line, NS.rsp, 'Command')).trim();
    if (!line || !command) return R.invalidRequestFault(this.host.machine, 'The WS-Management service cannot process the request. The rsp:CommandLine element is missing or empty. ');
    // pywinrm sends all arguments in one rsp:Arguments, Go and pypsrp one per argument: rebuild the line either way.
    const args = children(line, NS.rsp, 'Arguments').map((a) => textOf(a));
    const commandLine = [command, ...args].join(' ');
    // A client may choose the command id (CommandLine@CommandId, WSManRunShellCommandEx); an id in use is refused.
    const wanted = line.getAttribute('CommandId');
    if (wanted !== null && !GUID.test(wanted)) return R.invalidRequestFault(this.host.machine, `The WS-Management service cannot process the request. The CommandId "${wanted}" is not a GUID. `);
    const id = wanted?.toUpperCase() ?? randomUUID().toUpperCase();
    if (shell.commands.has(id)) return R.alreadyExistsFault(env.messageId, this.host.machine);
    const proc = this.host.start({ commandLine, codepage: shell.codepage, skipCmdShell: /^true$/i.test(options.get('WINRS_SKIP_CMD_SHELL') ?? '') });
    shell.commands.set(id, proc);
    return { status: 200, xml: R.commandResponse(env.messageId, id) };
  }

  private send(env: ParsedEnvelope, shell: Shell): R.SoapReply {
    const stream = descendant(env.body, NS.rsp, 'Stream');
    const proc = shell.commands.get(stream?.getAttribute('CommandId')?.toUpperCase() ?? '');
    if (!stream || !proc) return R.invalidSelectorsFault(env.messageId, this.host.machine);
    proc.feedStdin(Buffer.from(textOf(stream).trim(), 'base64'), stream.getAttribute('End') === 'true');
    return { status: 200, xml: R.sendResponse(env.messageId) };
  }

  private async receive(env: ParsedEnvelope, shell: Shell): Promise<R.SoapReply> {
    const desired = descendant(env.body, NS.rsp, 'DesiredStream');
    const id = desired?.getAttribute('CommandId')?.toUpperCase() ?? '';
    const proc = shell.commands.get(id);
    if (!proc) return R.invalidSelectorsFault(env.messageId, this.host.machine);
    const header = env.header;
    const timeoutSec = parseDuration(textOf(header && child(header, NS.w, 'OperationTimeout'))) ?? 60;
    const maxEnvelope = Number(textOf(header && child(header, NS.w, 'MaxEnvelopeSize')).trim()) || 153600;
    const waitMs = Math.min(MAX_TIMEOUT_MS, Math.max(0, timeoutSec * 1000));
    if (!proc.hasOutput && proc.exitCode === undefined) {
      const deadline = Date.now() + waitMs;
      while (!proc.hasOutput && proc.exitCode === undefined) {
        const left = deadline - Date.now();
        if (left <= 0 || !(await proc.waitForChange(left))) {
          if (!proc.hasOutput && proc.exitCode === undefined) return R.timedOutFault(env.messageId, this.host.machine);
        }
      }
    }
    // Room for the envelope; base64 grows data by 4/3.
    const budget = Math.max(1024, Math.floor(((maxEnvelope - 2048) * 3) / 4));
    const { stdout, stderr } = proc.take(budget);
    const done = proc.finished;
    return { status: 200, xml: R.receiveResponse(env.messageId, id, stdout, stderr, done ? proc.exitCode : undefined) };
  }
}
