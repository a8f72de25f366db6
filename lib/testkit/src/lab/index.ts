/**
 * Lab sites for integration tests: start N simulated Windows hosts and get ready `@custos/winrm` targets for them.
 * Each site gets its own temporary state directory, so parallel test files never share hosts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabSite, type HostKind, type LabHostRecord, type RunbookHandlers, type ScriptCatalogue } from '@custos/lab';
import type { TransportKind, WinrmTarget } from '@custos/winrm';

export { ensurePythonWinrm, legacyOpensslConf, runPythonJson, DEBIAN_PYTHON, type DriverConfig } from './python-winrm.js';

export interface StartLabSiteOptions {
  hosts: number;
  kinds?: readonly HostKind[];
  seed?: number;
  /** Default: the real `@custos/runbooks` catalogue. */
  catalogue?: ScriptCatalogue;
  /** Default: the lab's registered handlers. */
  handlers?: readonly RunbookHandlers[];
  /** Keep state here instead of a fresh temporary directory (then it is not deleted on stop). */
  stateDir?: string;
}

export interface LabSiteHandle {
  site: LabSite;
  hosts: LabHostRecord[];
  /** Admin API base URL. */
  adminUrl: string;
  /** Client options for a host (by name or record), over the given transport (default NTLM-encrypted HTTP). */
  target(host: string | LabHostRecord, transport?: TransportKind): WinrmTarget;
  stop(): Promise<void>;
}

/** `@custos/winrm` client options for a lab host. HTTPS targets pin the host's self-signed certificate. */
export function labTarget(host: LabHostRecord, transport: TransportKind = 'ntlm-http'): WinrmTarget {
  return {
    host: host.address,
    port: transport === 'ntlm-http' ? host.ports.http : host.ports.https,
    transport,
    username: host.credentials.username,
    password: host.credentials.password,
    ...(transport === 'ntlm-http' ? {} : { tls: { sha256Fingerprint: host.tls.sha256Fingerprint } }),
  };
}

export async function startLabSite(opts: StartLabSiteOptions): Promise<LabSiteHandle> {
  const ownDir = opts.stateDir === undefined;
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'custos-lab-'));
  const site = await LabSite.start({ hosts: opts.hosts, kinds: opts.kinds, seed: opts.seed, stateDir, catalogue: opts.catalogue, handlers: opts.handlers });
  const hosts = site.hosts();
  return {
    site,
    hosts,
    adminUrl: site.adminUrl,
    target(host, transport) {
      const record = typeof host === 'string' ? hosts.find((h) => h.name.toUpperCase() === host.toUpperCase()) : host;
      if (!record) throw new RangeError(`lab site has no host ${String(host)}`);
      return labTarget(record, transport);
    },
    async stop() {
      await site.close();
      if (ownDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
