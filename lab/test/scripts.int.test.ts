/**
 * Catalogue scripts through the lab: identified by header, refused on a body hash mismatch, unknown script or
 * missing handler, ScriptFailure as a non-zero exit, state mutated and persisted, applications recorded.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSite, type LabSiteHandle } from '@custos/testkit';
import { ScriptError, WinrmClient } from '@custos/winrm';
import { FIXTURE_CATALOGUE, FIXTURE_HANDLERS, NEEDS_MODULE, SMB1_CHECK, SMB1_REMEDIATE, SMB1_ROLLBACK, UNHANDLED } from './fixtures/catalogue.js';

let lab: LabSiteHandle;
const client = new WinrmClient();
const SMB1_PATCH = [{ op: 'replace', path: '/registry/HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters/SMB1', value: { type: 'REG_DWORD', value: 1 } }];

beforeAll(async () => {
  lab = await startLabSite({ hosts: 1, kinds: ['server'], catalogue: FIXTURE_CATALOGUE, handlers: FIXTURE_HANDLERS });
});

afterAll(async () => {
  client.close();
  await lab?.stop();
});

const run = (phase: 'check' | 'remediate' | 'verify' | 'rollback', script: string, params: unknown = {}, idempotencyKey?: string) =>
  client.runScript(lab.target('FS01'), { header: { runbook: 'fixture-smb1', version: 1, phase, ...(idempotencyKey ? { idempotencyKey } : {}) }, script, params });

async function failure(p: Promise<unknown>): Promise<ScriptError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScriptError);
  return err as ScriptError;
}

describe('catalogue scripts', () => {
  it('drift → check fails → remediate → verify passes, state persisted, application recorded with its key', async () => {
    lab.site.patchState('FS01', SMB1_PATCH);
    expect((await run('check', SMB1_CHECK)).result).toEqual({ smb1Enabled: true, value: 1 });
    expect((await run('remediate', SMB1_REMEDIATE, {}, 'heal-42/attempt-1')).result).toEqual({ changed: true });
    expect((await run('verify', SMB1_CHECK)).result).toEqual({ smb1Enabled: false, value: 0 });
    const apps = lab.site.applications('FS01');
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ seq: 1, host: 'FS01', runbook: 'fixture-smb1', version: 1, phase: 'remediate', idempotencyKey: 'heal-42/attempt-1' });
    const onDisk = JSON.parse(readFileSync(lab.site.statePath('FS01'), 'utf8')) as { registry: Record<string, Record<string, { value: number }>> };
    expect(onDisk.registry['HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters']?.SMB1?.value).toBe(0);
    const viaAdmin = (await (await fetch(`${lab.adminUrl}/hosts/FS01/applications`)).json()) as unknown[];
    expect(viaAdmin).toEqual(apps);
  });

  it('refuses a body that does not hash to the catalogue script, and changes nothing', async () => {
    lab.site.patchState('FS01', SMB1_PATCH);
    const before = lab.site.applications().length;
    const err = await failure(run('remediate', SMB1_REMEDIATE.replace('-Value 0', '-Value 0 ')));
    expect(err.exitCode).toBe(1);
    expect(err.stderr).toMatch(/script body for 'fixture-smb1' v1 'remediate' does not match the catalogue \(received sha256 [0-9a-f]{64}, catalogue [0-9a-f]{64}\)/);
    expect(lab.site.applications()).toHaveLength(before);
    expect((await run('check', SMB1_CHECK)).result).toEqual({ smb1Enabled: true, value: 1 });
  });

  it('refuses unknown scripts, scripts without a handler and arbitrary PowerShell loudly', async () => {
    const t = lab.target('FS01');
    const unknown = await failure(client.runScript(t, { header: { runbook: 'no-such-runbook', version: 3, phase: 'check' }, script: UNHANDLED }));
    expect(unknown.stderr).toContain("runbook 'no-such-runbook' v3 'check' is not in the script catalogue");
    const unhandled = await failure(client.runScript(t, { header: { runbook: 'fixture-unhandled', version: 1, phase: 'check' }, script: UNHANDLED }));
    expect(unhandled.stderr).toContain("no handler for runbook 'fixture-unhandled' v1 phase 'check'");
    const adhoc = await failure(client.runScript(t, { header: { adhoc: 'whatever' }, script: UNHANDLED }));
    expect(adhoc.stderr).toContain("unknown ad-hoc script 'whatever'");
    const ps = await client.runCommand(t, 'powershell.exe', ['-NoProfile', '-EncodedCommand', Buffer.from('Get-Process', 'utf16le').toString('base64')]);
    expect(ps.exitCode).toBe(1);
    expect(ps.stderr).toContain('cannot run arbitrary PowerShell');
  });

  it('turns a ScriptFailure into a non-zero exit with the PowerShell error text; state unchanged', async () => {
    const err = await failure(client.runScript(lab.target('FS01'), { header: { runbook: 'fixture-bitlocker', version: 1, phase: 'check' }, script: NEEDS_MODULE }));
    expect(err.exitCode).toBe(1);
    expect(err.stderr).toContain("The specified module 'BitLocker' was not loaded");
    const before = lab.site.state('FS01');
    const bad = await failure(run('rollback', SMB1_ROLLBACK, { previous: 'one' }));
    expect(bad.stderr).toContain('Cannot convert value "one" to type "System.Int32".');
    expect(lab.site.state('FS01')).toEqual(before);
    expect((await run('rollback', SMB1_ROLLBACK, { previous: 1 })).result).toEqual({ restored: 1 });
    expect(lab.site.applications('FS01').at(-1)).toMatchObject({ phase: 'rollback' });
  });
});
