import { describe, expect, it } from 'vitest';
import { ParamsError } from './params.js';
import { ScriptFrameError, decodeStdin, encodeStdin } from './stdin-frame.js';

const SCRIPT = 'param($Params)\nEmit 1\nexit 0';

describe('stdin framing', () => {
  it('round-trips header, body and params, with an idempotency key', () => {
    const header = { runbook: 'smb1-disabled', version: 2, phase: 'remediate', idempotencyKey: 'wf-1/act-3' } as const;
    const d = decodeStdin(encodeStdin(header, SCRIPT, { a: [1, 'x', null, true] }));
    expect(d.header).toEqual(header);
    expect(d.script).toBe(SCRIPT);
    expect(d.params).toEqual({ a: [1, 'x', null, true] });
  });

  it('accepts ad-hoc scripts and empty params', () => {
    const d = decodeStdin(encodeStdin({ adhoc: 'diag.echo' }, SCRIPT, undefined));
    expect(d.header).toEqual({ adhoc: 'diag.echo' });
    expect(d.paramsJson).toBe('{}');
  });

  it('refuses bad headers, scripts and params with a message naming the problem', () => {
    expect(() => encodeStdin({ runbook: 'x y', version: 1, phase: 'check' }, SCRIPT, {})).toThrow(/runbook id "x y"/);
    expect(() => encodeStdin({ runbook: 'x', version: 0, phase: 'check' }, SCRIPT, {})).toThrow(/positive integer/);
    expect(() => encodeStdin({ runbook: 'x', version: 1, phase: 'fix' as 'check' }, SCRIPT, {})).toThrow(/phase of x/);
    expect(() => encodeStdin({ runbook: 'x', version: 1, phase: 'check' }, 'Emit 1', {})).toThrow(/must start with param\(\$Params\)/);
    expect(() => encodeStdin({ adhoc: 'a' }, SCRIPT, [1])).toThrow(ParamsError);
    expect(() => encodeStdin({ adhoc: 'a' }, SCRIPT, { n: NaN })).toThrow(/params\.n: NaN/);
    expect(() => encodeStdin({ adhoc: 'a' }, SCRIPT, { d: new Date() })).toThrow(/params\.d: non-plain object/);
    expect(() => encodeStdin({ adhoc: 'a' }, SCRIPT, { u: undefined })).toThrow(/params\.u: undefined/);
  });

  it('refuses malformed stdin (what the lab receives) with the line at fault', () => {
    expect(() => decodeStdin(Buffer.from('abc\r\n'))).toThrow(/expected 3 stdin lines/);
    expect(() => decodeStdin(Buffer.from('!!\r\nAA==\r\nAA==\r\n'))).toThrow(/line 1 is not base64/);
    const bad = Buffer.from([Buffer.from('{"adhoc":"a"}').toString('base64'), Buffer.from([0xff, 0xfe]).toString('base64'), 'e30='].join('\r\n'));
    expect(() => decodeStdin(bad)).toThrow(/line 2 is not UTF-8/);
    expect(() => decodeStdin(Buffer.from(['bm90IGpzb24=', 'AA==', 'e30='].join('\n')))).toThrow(ScriptFrameError);
  });
});
