/**
 * Conformance: Debian's python3-winrm 0.3.0 (an independent WinRM client) against the lab, over NTLM with message
 * encryption on HTTP and Basic on HTTPS. Needs root or python3-winrm already installed (see python-winrm.ts).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePythonWinrm, legacyOpensslConf, runPythonJson, startLabSite, type DriverConfig, type LabSiteHandle } from '@custos/testkit';
import { FIXTURE_CATALOGUE } from './fixtures/catalogue.js';

const DRIVER = fileURLToPath(new URL('./conformance/pywinrm_driver.py', import.meta.url));
const runDriver = (cfg: DriverConfig, conf: string) => runPythonJson<Record<string, Record<string, unknown>>>(DRIVER, cfg, conf);
const SCENARIOS = ['hostname', 'whoami', 'echo-utf8', 'echo-cp437', 'stderr', 'exit-codes', 'unknown-command', 'long-running', 'wrong-password', 'unknown-shell'];
const b64 = (s: unknown): string => Buffer.from(String(s), 'base64').toString('latin1');
const utf8 = (s: unknown): string => Buffer.from(String(s), 'base64').toString('utf8');

let lab: LabSiteHandle;
let opensslConf: string;
let caPath: string;

beforeAll(async () => {
  ensurePythonWinrm();
  opensslConf = legacyOpensslConf();
  lab = await startLabSite({ hosts: 1, kinds: ['dc'], catalogue: FIXTURE_CATALOGUE });
  caPath = join(mkdtempSync(join(tmpdir(), 'custos-ca-')), 'lab.pem');
  writeFileSync(caPath, lab.hosts[0]!.tls.certificatePem);
}, 600_000);

afterAll(async () => {
  await lab?.stop();
});

describe.each([
  ['ntlm', 'http'],
  ['basic', 'https'],
] as const)('python3-winrm over %s (%s)', (transport, scheme) => {
  let r: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    const h = lab.hosts[0]!;
    const port = scheme === 'http' ? h.ports.http : h.ports.https;
    r = await runDriver(
      { endpoint: `${scheme}://127.0.0.1:${port}/wsman`, transport, username: h.credentials.username, password: h.credentials.password, ca_trust_path: caPath, scenarios: SCENARIOS },
      opensslConf,
    );
    for (const [name, result] of Object.entries(r)) if (result && typeof result === 'object' && 'exception' in result) throw new Error(`${name}: ${String(result.trace)}`);
  }, 120_000);

  it('runs hostname and whoami', () => {
    expect(r.hostname).toMatchObject({ rc: 0 });
    expect(b64(r.hostname?.stdout)).toBe('DC01\r\n');
    expect(b64(r.whoami?.stdout)).toBe('custoslab\\labadmin\r\n');
  });

  it('carries non-ASCII output in the shell code page (65001 UTF-8, 437 CP437)', () => {
    expect(utf8(r['echo-utf8']?.stdout)).toBe('héllo ✓ 日本\r\n');
    expect(Buffer.from(String(r['echo-cp437']?.stdout), 'base64')).toEqual(Buffer.from([0x63, 0x61, 0x66, 0x82, 0x0d, 0x0a]));
  });

  it('keeps stderr apart and reports exit codes as DWORDs', () => {
    expect(b64(r.stderr?.stderr)).toBe('oops\r\n');
    expect(b64(r.stderr?.stdout)).toBe('');
    expect(r['exit-codes']?.rcs).toEqual([0, 1, 5, 4294967295]);
    expect(r['unknown-command']?.rc).toBe(1);
    expect(b64(r['unknown-command']?.stderr)).toContain("'nosuchcommand' is not recognized as an internal or external command");
  });

  it('retries w:TimedOut on a long-running command and then gets its output', () => {
    expect(r['long-running']?.rc).toBe(0);
    expect(Number(r['long-running']?.timeouts)).toBeGreaterThanOrEqual(2);
    expect(b64(r['long-running']?.stdout)).toContain('Packets: Sent = 4, Received = 4, Lost = 0 (0% loss)');
  });

  it('rejects a wrong password with InvalidCredentialsError', () => {
    expect(r['wrong-password']?.error).toBe('InvalidCredentialsError');
  });

  it('answers an unknown shell with the InvalidSelectors fault Windows sends', () => {
    expect(r['unknown-shell']?.error).toBe('WinRMError');
    expect(String(r['unknown-shell']?.message)).toContain("'wsmanfault_code': '2150858843'");
    expect(String(r['unknown-shell']?.message)).toContain("'fault_subcode': 'w:InvalidSelectors'");
  });
});
