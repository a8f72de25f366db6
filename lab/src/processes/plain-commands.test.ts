import { describe, expect, it } from 'vitest';
import { encodeConsole } from './codepage.js';
import { LabProcess } from './lab-process.js';
import { runPlainCommand } from './plain-commands.js';

const host = { computerName: 'WS001', whoami: 'custoslab\\labadmin', codepage: 65001 };

async function run(line: string, codepage = 65001): Promise<{ stdout: string; stderr: string; exit: number | undefined }> {
  const p = new LabProcess();
  await runPlainCommand(line, { ...host, codepage }, p);
  const { stdout, stderr } = p.take(1 << 20);
  return { stdout: stdout.toString('latin1'), stderr: stderr.toString('latin1'), exit: p.exitCode };
}

describe('plain cmd.exe commands', () => {
  it('answers hostname, whoami, echo (stdout and 1>&2) and exit as Windows does', async () => {
    expect(await run('hostname')).toEqual({ stdout: 'WS001\r\n', stderr: '', exit: 0 });
    expect((await run('whoami')).stdout).toBe('custoslab\\labadmin\r\n');
    expect((await run('echo a  b ')).stdout).toBe('a  b \r\n');
    expect((await run('echo')).stdout).toBe('ECHO is on.\r\n');
    expect(await run('echo boom 1>&2')).toEqual({ stdout: '', stderr: 'boom\r\n', exit: 0 });
    expect((await run('exit 7')).exit).toBe(7);
    expect((await run('exit -1')).exit).toBe(4294967295);
  });

  it('fails unknown commands and unreachable ping targets like cmd.exe', async () => {
    expect(await run('format c:')).toEqual({ stdout: '', stderr: "'format' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n", exit: 1 });
    expect((await run('ping -n 1 10.0.0.1')).exit).toBe(1);
    expect((await run('ping -n 0 127.0.0.1')).stderr).toContain('Bad value for option -n');
  });

  it('encodes output in the shell code page', () => {
    expect(encodeConsole('café ✓', 65001)).toEqual(Buffer.from('café ✓'));
    expect(encodeConsole('café ✓', 437)).toEqual(Buffer.from([0x63, 0x61, 0x66, 0x82, 0x20, 0x3f]));
  });
});
