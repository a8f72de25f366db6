/**
 * Fault and drift injection through the admin API, and how our client classifies each failure; the online probe
 * against a live and an offline host; persistence across a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSite, type LabSiteHandle } from '@custos/testkit';
import { FailureType } from '@custos/core';
import { AuthRefusedError, HostUnreachableError, TlsMismatchError, WinrmClient, WsmanFaultError, probeHost } from '@custos/winrm';
import { FIXTURE_CATALOGUE } from './fixtures/catalogue.js';
import { ECHO_PARAMS } from '../src/index.js';

let lab: LabSiteHandle;
const client = new WinrmClient({ retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 50 }, connectTimeoutMs: 1500 });

const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
  const res = await fetch(`${lab.adminUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: await res.json() };
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  lab = await startLabSite({ hosts: 3, kinds: ['dc', 'server', 'workstation'], catalogue: FIXTURE_CATALOGUE });
});

afterAll(async () => {
  client.close();
  await lab?.stop();
});

describe('admin API: drift', () => {
  it('applies a JSON Patch atomically and refuses a bad one without changing anything', async () => {
    const ok = await admin('PATCH', '/hosts/FS01/state', [{ op: 'replace', path: '/services/wuauserv/status', value: 'Stopped' }]);
    expect(ok.status).toBe(200);
    expect((await admin('GET', '/hosts/FS01/state')).json).toMatchObject({ services: { wuauserv: { status: 'Stopped' } } });
    const before = (await admin('GET', '/hosts/FS01/state')).json;
    const bad = await admin('PATCH', '/hosts/FS01/state', [
      { op: 'replace', path: '/services/wuauserv/status', value: 'Running' },
      { op: 'replace', path: '/services/wuauserv/status', value: 'Exploded' },
    ]);
    expect(bad.status).toBe(400);
    expect(String((bad.json as { error: string }).error)).toContain('services["wuauserv"] needs status Running|Stopped');
    expect((await admin('GET', '/hosts/FS01/state')).json).toEqual(before);
    const missing = await admin('PATCH', '/hosts/FS01/state', [{ op: 'replace', path: '/nope/deeper', value: 1 }]);
    expect(missing.status).toBe(400);
    expect((await admin('GET', '/hosts/NOPE/state')).status).toBe(404);
    expect((await admin('POST', '/hosts/FS01/state/reset')).json).not.toEqual(before);
  });

  it('refuses unknown or malformed faults', async () => {
    const r = await admin('PUT', '/hosts/FS01/faults', { explode: true });
    expect(r.status).toBe(400);
    expect(String((r.json as { error: string }).error)).toContain('unknown fault "explode"');
  });
});

describe('faults and failure types', () => {
  it('expired credentials → AuthRefused (not retryable)', async () => {
    await admin('PUT', '/hosts/WS001/faults', { credentialsExpired: true });
    const err = await rejection(client.runCommand(lab.target('WS001'), 'hostname'));
    expect(err).toBeInstanceOf(AuthRefusedError);
    expect((err as AuthRefusedError).failureType).toBe(FailureType.AuthRefused);
    expect((err as AuthRefusedError).retryable).toBe(false);
    const basic = await rejection(client.runCommand(lab.target('WS001', 'basic-https'), 'hostname'));
    expect(basic).toBeInstanceOf(AuthRefusedError);
    await admin('PUT', '/hosts/WS001/faults', {});
    expect((await client.runCommand(lab.target('WS001'), 'hostname')).stdout).toBe('WS001\r\n');
  });

  it('bare HTTP 500s and dropped connections before Create are retried; a 500 storm surfaces as HostUnreachable', async () => {
    await admin('PUT', '/hosts/DC01/faults', { http500: 2 });
    expect((await client.runCommand(lab.target('DC01'), 'hostname')).stdout).toBe('DC01\r\n');
    await admin('PUT', '/hosts/DC01/faults', { http500: 50 });
    const err = await rejection(client.runCommand(lab.target('DC01'), 'hostname'));
    expect(err).toBeInstanceOf(HostUnreachableError);
    expect((err as HostUnreachableError).retryable).toBe(true);
    // A connection dropped during the NTLM handshake is retried: handshake messages run nothing.
    await admin('PUT', '/hosts/DC01/faults', { dropConnections: 1 });
    const fresh = new WinrmClient();
    expect((await fresh.runCommand(lab.target('DC01'), 'hostname')).stdout).toBe('DC01\r\n');
    // A connection dropped under a Command is not retried: the command may have started, and running it twice
    // is worse than failing (the activity's retry policy and idempotency keys decide).
    const dropped = await rejection(
      fresh.withShell(lab.target('DC01'), async (shell) => {
        await lab.site.setFaults('DC01', { dropConnections: 1 });
        return shell.runCommand('hostname');
      }),
    );
    expect(dropped).toBeInstanceOf(HostUnreachableError);
    expect((dropped as HostUnreachableError).transient).toBe(false);
    fresh.close();
    await admin('PUT', '/hosts/DC01/faults', {});
    expect((await client.runCommand(lab.target('DC01'), 'hostname')).stdout).toBe('DC01\r\n');
  });

  it('access denied → WsmanFaultError with the WSManFault code', async () => {
    await admin('PUT', '/hosts/FS01/faults', { accessDenied: true });
    const err = await rejection(client.runCommand(lab.target('FS01'), 'hostname'));
    expect(err).toBeInstanceOf(WsmanFaultError);
    expect((err as WsmanFaultError).wsmanFaultCode).toBe(5);
    expect((err as WsmanFaultError).subcode).toBe('w:AccessDenied');
    await admin('PUT', '/hosts/FS01/faults', {});
  });

  it('stdin Send answered ERROR_BUSY is retried after a pause; a host that stays busy surfaces the fault', async () => {
    await admin('PUT', '/hosts/FS01/faults', { sendBusy: 2 });
    const run = await client.runScript(lab.target('FS01'), { header: { adhoc: ECHO_PARAMS.name }, script: ECHO_PARAMS.body, params: { ok: true } });
    expect(run.result).toEqual({ ok: true });
    await admin('PUT', '/hosts/FS01/faults', { sendBusy: 50 });
    const err = await rejection(client.runScript(lab.target('FS01'), { header: { adhoc: ECHO_PARAMS.name }, script: ECHO_PARAMS.body, params: {} }));
    expect(err).toBeInstanceOf(WsmanFaultError);
    expect((err as WsmanFaultError).wsmanFaultCode).toBe(170);
    await admin('PUT', '/hosts/FS01/faults', {});
  });

  it('a wrong certificate pin → TlsMismatch before any credentials are sent', async () => {
    const t = { ...lab.target('FS01', 'basic-https'), tls: { sha256Fingerprint: 'AA'.repeat(32) } };
    const err = await rejection(client.runCommand(t, 'hostname'));
    expect(err).toBeInstanceOf(TlsMismatchError);
    expect(String((err as Error).message)).toContain('does not match the pinned');
  });

  it('latency and slow commands still complete', async () => {
    await admin('PUT', '/hosts/FS01/faults', { latencyMs: 50, commandDelayMs: 2500 });
    const slow = new WinrmClient({ operationTimeoutSec: 1 });
    const started = Date.now();
    expect((await slow.runCommand(lab.target('FS01'), 'hostname')).stdout).toBe('FS01\r\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    slow.close();
    await admin('PUT', '/hosts/FS01/faults', {});
  });

  it('offline → connection refused (HostUnreachable, transient); the probe tells up from down', async () => {
    const dc = lab.hosts.find((h) => h.name === 'DC01')!;
    const up = await probeHost(dc.address, { ports: dc.ports });
    expect(up.online).toBe(true);
    expect(up.listeners[0]?.wsman).toMatchObject({ identified: true, productVendor: 'Microsoft Corporation' });
    await admin('PUT', '/hosts/DC01/faults', { offline: true });
    const down = await probeHost(dc.address, { ports: dc.ports, timeoutMs: 500 });
    expect(down).toMatchObject({ online: false, hostUp: true });
    expect(down.listeners.map((l) => l.tcp)).toEqual(['refused', 'refused']);
    const err = await rejection(client.runCommand(lab.target('DC01'), 'hostname'));
    expect(err).toBeInstanceOf(HostUnreachableError);
    expect((err as HostUnreachableError).transient).toBe(true);
    await admin('PUT', '/hosts/DC01/faults', {});
    expect((await probeHost(dc.address, { ports: dc.ports })).online).toBe(true);
    expect((await client.runCommand(lab.target('DC01'), 'hostname')).stdout).toBe('DC01\r\n');
  });
});

describe('persistence', () => {
  it('a restart with the same state dir keeps hosts, credentials, certificates and drift', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-lab-persist-'));
    const first = await startLabSite({ hosts: 2, seed: 9, stateDir: dir, catalogue: FIXTURE_CATALOGUE });
    first.site.patchState('DC01', [{ op: 'replace', path: '/defender/realTimeProtectionEnabled', value: false }]);
    const before = first.hosts;
    await first.stop();
    const second = await startLabSite({ hosts: 2, seed: 9, stateDir: dir, catalogue: FIXTURE_CATALOGUE });
    try {
      expect(second.hosts.map((h) => [h.name, h.credentials, h.tls.sha256Fingerprint])).toEqual(before.map((h) => [h.name, h.credentials, h.tls.sha256Fingerprint]));
      expect(second.site.state('DC01').defender.realTimeProtectionEnabled).toBe(false);
      expect((await client.runCommand(second.target('FS01'), 'hostname')).stdout).toBe('FS01\r\n');
    } finally {
      await second.stop();
    }
  });
});
