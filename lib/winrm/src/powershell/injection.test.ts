import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_ARGS, BOOTSTRAP_SCRIPT, decodeCommand } from './bootstrap.js';
import { HOSTILE_VALUES } from './hostile-values.js';
import { decodeStdin, encodeStdin } from './stdin-frame.js';

const SCRIPT = 'param($Params)\r\nEmit @{ value = $Params.value }\r\nexit 0\r\n';
const HEADER = { runbook: 'echo-value', version: 1, phase: 'check' } as const;

describe('parameters are data (hostile corpus)', () => {
  const benign = encodeStdin(HEADER, SCRIPT, { value: 'benign' }).toString('ascii').split('\r\n');

  it.each(HOSTILE_VALUES.map((v, i) => [i, v] as const))('value #%i never reaches code and arrives byte-for-byte', (_i, value) => {
    const stdin = encodeStdin(HEADER, SCRIPT, { value, nested: { list: [value] } });
    const lines = stdin.toString('ascii').split('\r\n');
    // The only code PowerShell parses is the command line (constant) and stdin line 2 (the script body): both are
    // byte-identical whatever the value is.
    expect(decodeCommand(BOOTSTRAP_ARGS[3] as string)).toBe(BOOTSTRAP_SCRIPT);
    expect(lines[0]).toBe(benign[0]);
    expect(lines[1]).toBe(benign[1]);
    // stdin is pure base64 ASCII: no value byte can end a line or change the console code page.
    expect(stdin.toString('ascii')).toMatch(/^([A-Za-z0-9+/]+={0,2}\r\n){3}$/);
    const decoded = decodeStdin(stdin);
    expect(decoded.script).toBe(SCRIPT);
    expect(decoded.params).toEqual({ value, nested: { list: [value] } });
    expect(Buffer.from((decoded.params as { value: string }).value, 'utf16le')).toEqual(Buffer.from(value, 'utf16le'));
  });

  it('the bootstrap never evaluates parameter text: no Invoke-Expression, and $Params only as an argument', () => {
    expect(BOOTSTRAP_SCRIPT).not.toMatch(/Invoke-Expression|\biex\b|Add-Type|Start-Process/i);
    // The one ScriptBlock::Create takes $S (stdin line 2, the catalogue body), never a params value.
    expect(BOOTSTRAP_SCRIPT.match(/\[ScriptBlock\]::Create\(([^)]*)\)/g)).toEqual(['[ScriptBlock]::Create($S)']);
    expect(BOOTSTRAP_SCRIPT).toContain('$Params = $u.GetString([Convert]::FromBase64String($l[2])) | ConvertFrom-Json');
  });
});
