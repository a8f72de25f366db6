/**
 * Our client against the lab over all three transports: plain commands, code pages, exit codes, Receive timeouts,
 * chunked output, and the hostile-parameter corpus carried end to end through the real protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSite, type LabSiteHandle } from '@custos/testkit';
import { TlsMismatchError, WinrmClient, WinrmTimeoutError, type TransportKind } from '@custos/winrm';
import { HOSTILE_VALUES } from '../../lib/winrm/src/powershell/hostile-values.js';
import { ECHO_PARAMS } from '../src/index.js';
import { FIXTURE_CATALOGUE } from './fixtures/catalogue.js';

let lab: LabSiteHandle;
const client = new WinrmClient({ operationTimeoutSec: 2 });

beforeAll(async () => {
  lab = await startLabSite({ hosts: 2, kinds: ['dc', 'workstation'], catalogue: FIXTURE_CATALOGUE });
});

afterAll(async () => {
  client.close();
  await lab?.stop();
});

describe.each(['ntlm-http', 'ntlm-https', 'basic-https'] as TransportKind[])('over %s', (transport) => {
  it('runs plain commands as cmd.exe answers them', async () => {
    const t = lab.target('DC01', transport);
    expect(await client.runCommand(t, 'hostname')).toEqual({ stdout: 'DC01\r\n', stderr: '', exitCode: 0 });
    expect((await client.runCommand(t, 'echo', ['grüße ✓ 日本'])).stdout).toBe('grüße ✓ 日本\r\n');
    expect(await client.runCommand(t, 'echo oops 1>&2')).toEqual({ stdout: '', stderr: 'oops\r\n', exitCode: 0 });
    expect((await client.runCommand(t, 'exit', ['5'])).exitCode).toBe(5);
    expect((await client.runCommand(t, 'exit', ['-1'])).exitCode).toBe(4294967295);
  });

  it('runs a batch in one shell', async () => {
    const out = await client.withShell(lab.target('WS001', transport), async (shell) => [
      (await shell.runCommand('hostname')).stdout,
      (await shell.runCommand('whoami')).stdout,
      (await shell.runScript({ header: { adhoc: ECHO_PARAMS.name }, script: ECHO_PARAMS.body, params: { n: 1 } })).result,
    ]);
    expect(out).toEqual(['WS001\r\n', 'custoslab\\labadmin\r\n', { n: 1 }]);
  });
});

describe('TLS trust', () => {
  it('accepts the host certificate as a CA (chain and IP SAN checked) and refuses another host’s', async () => {
    const [dc, ws] = [lab.hosts.find((h) => h.name === 'DC01')!, lab.hosts.find((h) => h.name === 'WS001')!];
    const viaCa = { ...lab.target('DC01', 'basic-https'), tls: { ca: dc.tls.certificatePem } };
    expect((await client.runCommand(viaCa, 'hostname')).stdout).toBe('DC01\r\n');
    const wrongCa = { ...viaCa, tls: { ca: ws.tls.certificatePem } };
    const err = await client.runCommand(wrongCa, 'hostname').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TlsMismatchError);
  });
});

describe('Receive', () => {
  it('polls through w:TimedOut until a long command is done', async () => {
    const started = Date.now();
    const out = await client.runCommand(lab.target('DC01'), 'ping', ['-n', '5', '127.0.0.1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000); // 4 s with OperationTimeout 2 s: ≥ 1 TimedOut
    expect(out.stdout).toContain('Packets: Sent = 5, Received = 5, Lost = 0 (0% loss)');
  });

  it('assembles output larger than MaxEnvelopeSize from several responses', async () => {
    const big = 'ü'.repeat(150_000); // 300 kB of UTF-8; base64 in Emit ~400 kB; chunks split multi-byte sequences
    const run = await client.runScript(lab.target('DC01'), { header: { adhoc: ECHO_PARAMS.name }, script: ECHO_PARAMS.body, params: { big } });
    expect((run.result as { big: string }).big).toBe(big);
  });
});

describe('parameters are data, end to end', () => {
  it('every hostile value arrives byte-for-byte as a value and nothing of it runs', async () => {
    const t = lab.target('DC01');
    const results = await client.withShell(t, async (shell) => {
      const out: unknown[] = [];
      for (const value of HOSTILE_VALUES) {
        const run = await shell.runScript({ header: { adhoc: ECHO_PARAMS.name }, script: ECHO_PARAMS.body, params: { value, list: [value], nested: { value } } });
        out.push(run.result);
        // Only the Emit line comes back: the value executed nothing that wrote output or failed.
        expect(run.stderr).toBe('');
        expect(run.stdout.match(/@@R@@/g)).toHaveLength(1);
      }
      return out;
    });
    expect(results).toEqual(HOSTILE_VALUES.map((value) => ({ value, list: [value], nested: { value } })));
  });
});

describe('limits and deadlines', () => {
  it('never holds more shells on a host than perHostConcurrency, and runs every command', async () => {
    const limited = new WinrmClient({ perHostConcurrency: 2, globalConcurrency: 8 });
    const shells = lab.site.host('WS001').shells;
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, shells.openShells)), 2);
    try {
      const outs = await Promise.all(Array.from({ length: 8 }, () => limited.runCommand(lab.target('WS001'), 'ping', ['-n', '2', '127.0.0.1'])));
      expect(outs.every((o) => o.exitCode === 0)).toBe(true);
    } finally {
      clearInterval(watch);
      limited.close();
    }
    expect(peak).toBe(2);
  });

  it('gives up on a command after its deadline with WinrmTimeout, and cleans the shell up', async () => {
    const impatient = new WinrmClient({ operationTimeoutSec: 1, commandTimeoutMs: 1500 });
    try {
      const err = await impatient.runCommand(lab.target('DC01'), 'ping', ['-n', '10', '127.0.0.1']).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WinrmTimeoutError);
      expect((err as WinrmTimeoutError).retryable).toBe(true);
      expect(lab.site.host('DC01').shells.openShells).toBe(0);
    } finally {
      impatient.close();
    }
  });
});
