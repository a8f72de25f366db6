/**
 * What a WinRS Command starts: the transport's PowerShell bootstrap (scripts, dispatched by header to lab
 * handlers), any other PowerShell (refused loudly: the lab cannot run arbitrary PowerShell), or a plain cmd.exe
 * command.
 */
import { decodeCommand, encodeClixmlError, isBootstrapCommandLine } from '@custos/winrm/protocol';
import { runReceivedScript, type ScriptEnvironment, type ScriptHost } from '../scripts/run-script.js';
import { encodeConsole } from './codepage.js';
import { LabProcess } from './lab-process.js';
import { CMD_LINE_LIMIT, runPlainCommand, type CommandHost } from './plain-commands.js';

export interface ProcessContext {
  commandHost: CommandHost;
  scriptHost: ScriptHost;
  scripts: ScriptEnvironment;
  /** Injected fault: extra time before the command starts. */
  delayMs: number;
  skipCmdShell: boolean;
}

export function startProcess(commandLine: string, ctx: ProcessContext): LabProcess {
  const proc = new LabProcess();
  void run(commandLine, ctx, proc).catch((err: unknown) => {
    // A lab bug must be loud too: report it as the process's failure rather than hanging the client.
    proc.write('stderr', Buffer.from(encodeClixmlError(`custos-lab internal error: ${(err as Error).stack ?? String(err)}`)));
    proc.exit(1);
  });
  return proc;
}

async function run(line: string, ctx: ProcessContext, proc: LabProcess): Promise<void> {
  if (ctx.delayMs > 0) await new Promise((r) => setTimeout(r, ctx.delayMs));
  if (!ctx.skipCmdShell && line.length > CMD_LINE_LIMIT) {
    proc.write('stderr', encodeConsole('The command line is too long.\r\n', ctx.commandHost.codepage));
    return proc.exit(1);
  }
  if (isBootstrapCommandLine(line)) {
    const stdin = await proc.readAllStdin();
    if (proc.killed) return;
    const outcome = await runReceivedScript(ctx.scripts, ctx.scriptHost, stdin);
    proc.write('stdout', Buffer.from(outcome.stdout, 'utf8'));
    proc.write('stderr', Buffer.from(outcome.stderr, 'utf8'));
    return proc.exit(outcome.exitCode);
  }
  const ps = /^powershell(?:\.exe)?\s.*-e(?:nc(?:odedcommand)?)?\s+(\S+)/i.exec(line);
  if (ps || /^powershell(?:\.exe)?(\s|$)/i.test(line)) {
    const text = ps ? decodeCommand(ps[1] as string) : line;
    const preview = text.replace(/\s+/g, ' ').slice(0, 120);
    proc.write('stderr', Buffer.from(encodeClixmlError(`custos-lab: cannot run arbitrary PowerShell; only the transport's bootstrap with a catalogue script is accepted (received: ${preview})`)));
    return proc.exit(1);
  }
  await runPlainCommand(line, ctx.commandHost, proc);
}
