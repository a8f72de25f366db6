/**
 * The few cmd.exe commands the lab answers as Windows does (English locale), so independent clients can run
 * against it: hostname, whoami, echo (stdout or `1>&2` stderr), exit, ping -n k 127.0.0.1. Anything else gets
 * cmd.exe's "is not recognized" error. Output is CRLF-terminated and encoded in the shell's code page.
 */
import { encodeConsole } from './codepage.js';
import type { LabProcess } from './lab-process.js';

export interface CommandHost {
  computerName: string;
  /** `domain\user` as whoami prints it (lower case). */
  whoami: string;
  codepage: number;
}

/** cmd.exe's line limit (KB 830473); longer lines fail before anything runs. */
export const CMD_LINE_LIMIT = 8191;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** DWORD exit codes, as Windows reports them (exit -1 → 4294967295). */
const dword = (n: number): number => n >>> 0;

export async function runPlainCommand(line: string, host: CommandHost, proc: LabProcess): Promise<void> {
  const out = (text: string): void => proc.write('stdout', encodeConsole(text, host.codepage));
  const err = (text: string): void => proc.write('stderr', encodeConsole(text, host.codepage));
  const trimmed = line.replace(/^\s+/, '');
  const [verb = '', ...rest] = trimmed.split(/\s+/);
  const argText = trimmed.slice(verb.length).replace(/^\s/, '');
  switch (verb.toLowerCase()) {
    case 'hostname':
      out(`${host.computerName}\r\n`);
      return proc.exit(0);
    case 'whoami':
      out(`${host.whoami}\r\n`);
      return proc.exit(0);
    case 'echo': {
      const toStderr = /\s*1?>&2\s*$/.exec(argText);
      const text = toStderr ? argText.slice(0, toStderr.index) : argText;
      const shown = text.trim() === '' ? 'ECHO is on.' : text;
      if (toStderr) err(`${shown}\r\n`);
      else out(`${shown}\r\n`);
      return proc.exit(0);
    }
    case 'exit': {
      const n = rest[0] ?? '0';
      return proc.exit(/^-?\d+$/.test(n) ? dword(Number(n)) : 0);
    }
    case 'ping':
      return ping(rest, out, err, proc);
    default:
      err(`'${verb}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`);
      return proc.exit(1);
  }
}

async function ping(args: string[], out: (t: string) => void, err: (t: string) => void, proc: LabProcess): Promise<void> {
  let count = 4;
  let target = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^[-/]n$/i.test(a)) count = Number(args[++i]);
    else target = a;
  }
  if (!Number.isInteger(count) || count < 1 || count > 4294967295) {
    err(`Bad value for option -n, valid range is from 1 to 4294967295.\r\n`);
    return proc.exit(1);
  }
  if (target !== '127.0.0.1' && target.toLowerCase() !== 'localhost') {
    out(`Ping request could not find host ${target}. Please check the name and try again.\r\n`);
    return proc.exit(1);
  }
  // One echo per second. The output is released when ping exits (the lab's choice, see README), so a ping longer
  // than OperationTimeout reliably makes Receive answer w:TimedOut.
  const end = Date.now() + (count - 1) * 1000;
  while (Date.now() < end && !proc.killed) await sleep(Math.min(200, end - Date.now()));
  if (proc.killed) return;
  let text = `\r\nPinging 127.0.0.1 with 32 bytes of data:\r\n`;
  for (let i = 0; i < count; i++) text += 'Reply from 127.0.0.1: bytes=32 time<1ms TTL=128\r\n';
  text +=
    `\r\nPing statistics for 127.0.0.1:\r\n    Packets: Sent = ${count}, Received = ${count}, Lost = 0 (0% loss),\r\n` +
    'Approximate round trip times in milli-seconds:\r\n    Minimum = 0ms, Maximum = 0ms, Average = 0ms\r\n';
  out(text);
  proc.exit(0);
}
