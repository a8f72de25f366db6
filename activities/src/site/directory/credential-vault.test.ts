import { describe, expect, it } from 'vitest';
import { CredentialVault, NoCredentialError } from './credential-vault.js';
import type { DirectorySnapshot, SiteDirectory } from './site-directory.js';

function directory(snap: Partial<DirectorySnapshot>): SiteDirectory & { fetches: number } {
  const d = {
    describe: 'test directory',
    fetches: 0,
    async fetch(): Promise<DirectorySnapshot> {
      d.fetches++;
      await new Promise((r) => setTimeout(r, 5));
      return { endpoints: new Map(), byHostId: new Map(), byHostname: new Map(), domain: undefined, ...snap };
    },
  };
  return d;
}

describe('CredentialVault (in memory, just in time)', () => {
  it('fetches on first use, shares one fetch between concurrent callers and keeps it for maxAge', async () => {
    let now = 0;
    const d = directory({ domain: { username: 'CLINIC\\svc', password: 'p' } });
    const vault = new CredentialVault(d, { maxAgeMs: 1000, now: () => now });
    await Promise.all([vault.targetFor({ hostId: 'a', hostname: 'ws1' }), vault.targetFor({ hostId: 'b', hostname: 'ws2' })]);
    expect(d.fetches).toBe(1);
    now = 999;
    await vault.current();
    expect(d.fetches).toBe(1);
    now = 1000;
    await vault.current();
    expect(d.fetches).toBe(2);
    await vault.refresh();
    expect(d.fetches).toBe(3);
  });

  it('prefers the host credential by id, then by name or short name, then the domain credential', async () => {
    const vault = new CredentialVault(
      directory({
        byHostId: new Map([['h1', { username: 'by-id', password: '1' }]]),
        byHostname: new Map([['FS01', { username: 'by-name', password: '2' }]]),
        domain: { username: 'domain', password: '3' },
        endpoints: new Map([['FS01', { address: '127.0.0.1', port: 41001, transport: 'ntlm-http' }]]),
      }),
    );
    expect(await vault.targetFor({ hostId: 'h1', hostname: 'FS01' })).toMatchObject({ username: 'by-id', host: '127.0.0.1', port: 41001 });
    expect(await vault.targetFor({ hostId: 'h2', hostname: 'fs01.clinic.local' })).toMatchObject({ username: 'by-name', host: '127.0.0.1', port: 41001 });
    expect(await vault.targetFor({ hostId: 'h3', hostname: 'WS007' })).toEqual({ host: 'WS007', port: 5985, transport: 'ntlm-http', username: 'domain', password: '3' });
  });

  it('reaches hosts without a known endpoint on the default port of the configured transport', async () => {
    const vault = new CredentialVault(directory({ domain: { username: 'd', password: 'p' } }), { defaultTransport: 'ntlm-https' });
    expect(await vault.targetFor({ hostId: 'x', hostname: 'ws9.clinic.local' })).toMatchObject({ host: 'ws9.clinic.local', port: 5986, transport: 'ntlm-https' });
  });

  it('says which host has no credential, and never what the directory holds', async () => {
    const vault = new CredentialVault(directory({ byHostname: new Map([['OTHER', { username: 'u', password: 'secret-value' }]]) }));
    const err = await vault.targetFor({ hostId: 'x', hostname: 'WS001' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoCredentialError);
    expect((err as Error).message).toBe('no credential for host WS001 (test directory)');
    expect(CredentialVault.summary(await vault.current())).toEqual({ credentials: 1, hosts: 0 });
  });
});
