import { describe, expect, it } from 'vitest';
import { decodeStderr, encodeClixmlError } from './clixml.js';
import { formatEmitted, readEmitted } from './result.js';

// Shape as recorded from Windows (pywinrm tests/test_session.py), including a progress record to be ignored.
const RECORDED =
  '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj><S S="Error">fake : The term \'fake\' is not recognized as the name of a cmdlet, function, script file, or operable program. Check _x000D__x000A_</S><S S="Error">the spelling of the name, or if a path was included._x000D__x000A_</S></Objs>';

describe('CLIXML stderr', () => {
  it('decodes error records, unescapes _xHHHH_ and drops progress', () => {
    const text = decodeStderr(RECORDED);
    expect(text).toBe("fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. Check \r\nthe spelling of the name, or if a path was included.");
  });

  it('round-trips what the lab encodes, including underscores and control characters', () => {
    const msg = 'custos-lab: no handler for runbook _x0041_ v1\ttab <xml> & "quotes"';
    expect(decodeStderr(encodeClixmlError(msg))).toBe(msg);
  });

  it('returns plain stderr unchanged and unparseable CLIXML raw', () => {
    expect(decodeStderr('plain error\r\n')).toBe('plain error\r\n');
    expect(decodeStderr('#< CLIXML\r\n<Objs')).toBe('#< CLIXML\r\n<Objs');
  });
});

describe('Emit results', () => {
  it('finds exactly one result line among other output', () => {
    expect(readEmitted(`noise\r\n${formatEmitted({ ok: true, n: [1, 'é'] })}more`)).toEqual({ ok: true, value: { ok: true, n: [1, 'é'] } });
  });
  it('reports a missing or repeated Emit', () => {
    expect(readEmitted('nothing')).toMatchObject({ ok: false, problem: expect.stringMatching(/without calling Emit/) });
    expect(readEmitted(formatEmitted(1) + formatEmitted(2))).toMatchObject({ ok: false, problem: expect.stringMatching(/2 times/) });
  });
});
